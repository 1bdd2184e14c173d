"""The ``escpos-sim`` driver: the real ESC/POS driver against the TCP simulator.

``SimulatedEscposPrinter`` starts a :class:`~drivers.printer.simulator.PrinterSimulator`
on ``127.0.0.1:0`` and runs :class:`~drivers.printer.escpos_printer.EscposPrinter`
against it, so every byte goes through the real code. ``driver.simulator`` is
the simulator, for tests and the demo to inject faults.
``start_standalone`` serves one for ``kiosk simulate printer`` (``host:port``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from drivers.base import DriverSettings
from drivers.printer.escpos_printer import EscposPrinter
from drivers.printer.model import PaperLevel, PrinterModel
from drivers.printer.settings import SCENARIOS, SimulatedEscposPrinterSettings
from drivers.printer.simulator import PrinterSimulator
from drivers.simulated import ClosesItsSimulator

_SETUP: dict[str, Callable[[PrinterModel], None]] = {
    "normal": lambda m: None,
    "paper-low": lambda m: m.set_paper(PaperLevel.NEAR_END),
    "paper-out": lambda m: m.set_paper(PaperLevel.OUT),
    "cover-open": lambda m: m.set_cover_open(True),
    "offline": lambda m: m.set_answering(False),
    "paper-out-mid-slip": lambda m: m.run_out_after(5),
    "cutter-error": lambda m: m.set_errors(cutter=True),
    "slow": lambda m: m.set_line_delay(0.05),
}


def apply_scenario(model: PrinterModel, scenario: str) -> None:
    if scenario not in _SETUP:
        raise ValueError(f"unknown printer scenario {scenario!r} (known: {', '.join(SCENARIOS)})")
    _SETUP[scenario](model)


class SimulatedEscposPrinter(ClosesItsSimulator, EscposPrinter):
    """EscposPrinter wired to its own in-process network printer simulator."""

    Settings: ClassVar[type[DriverSettings]] = SimulatedEscposPrinterSettings
    settings: SimulatedEscposPrinterSettings

    def __init__(self, settings: SimulatedEscposPrinterSettings | None = None) -> None:
        super().__init__(settings)
        self.simulator: PrinterSimulator | None = None

    def _open(self) -> None:
        if self.simulator is None:
            self.simulator = PrinterSimulator(PrinterModel(default_cjk=False))
            apply_scenario(self.simulator.model, self.settings.scenario)
            self.settings = self.settings.model_copy(update={"url": self.simulator.url})
        super()._open()


class StandalonePrinter:
    """A simulator serving on its own; ``address`` is ``host:port``."""

    def __init__(self, scenario: str) -> None:
        model = PrinterModel()
        apply_scenario(model, scenario)
        self.simulator = PrinterSimulator(model)
        self.address = self.simulator.address_text

    def close(self) -> None:
        self.simulator.close()


def start_standalone(scenario: str = "normal") -> StandalonePrinter:
    """Serve a printer simulator on 127.0.0.1 (ephemeral port) for ``kiosk simulate``."""
    return StandalonePrinter(scenario)
