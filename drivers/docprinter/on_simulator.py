"""The ``ipp-sim`` driver: the real IPP driver against a real ``ippeveprinter``.

``SimulatedIppPrinter`` starts an :class:`~drivers.docprinter.simulator.IppEvePrinter`
on a free loopback port when it opens, owns it, and stops it when it closes;
``driver.simulator`` is that printer, for tests and the demo to inject faults
and to read the spooled documents.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from drivers.base import Actor, DeviceState, DeviceStatus, DriverSettings
from drivers.docprinter.ipp_printer import IppDocumentPrinter
from drivers.docprinter.settings import SCENARIOS, SimulatedIppPrinterSettings
from drivers.docprinter.simulator import IppEvePrinter, SimulatorError
from drivers.simulated import ClosesItsSimulator

_SETUP: dict[str, Callable[[IppEvePrinter], None]] = {
    "normal": lambda p: None,
    "paper-out": lambda p: p.set_paper(0),
    "toner-low": lambda p: p.set_toner(5),
    "media-empty-mid-job": lambda p: p.fail_next_job("media-empty"),
    "media-jam-mid-job": lambda p: p.fail_next_job("media-jam"),
    "slow": lambda p: p.set_job_delay(3),
    "offline": lambda p: p.pause(),
}


def apply_scenario(printer: IppEvePrinter, scenario: str) -> None:
    if scenario not in _SETUP:
        raise ValueError(
            f"unknown A4 printer scenario {scenario!r} (known: {', '.join(SCENARIOS)})"
        )
    _SETUP[scenario](printer)


class SimulatedIppPrinter(ClosesItsSimulator, IppDocumentPrinter):
    """IppDocumentPrinter wired to its own ippeveprinter process."""

    Settings: ClassVar[type[DriverSettings]] = SimulatedIppPrinterSettings
    settings: SimulatedIppPrinterSettings

    def __init__(self, settings: SimulatedIppPrinterSettings | None = None) -> None:
        super().__init__(settings)
        self.simulator: IppEvePrinter | None = None

    def _open(self) -> None:
        if self.simulator is None:
            try:
                self.simulator = IppEvePrinter(self.settings.ippeveprinter)
            except SimulatorError as exc:  # not installed, or it would not start
                self._set_status(
                    DeviceStatus(DeviceState.ERROR, exc.code, str(exc), Actor.CONFIGURATION)
                )
                return
            apply_scenario(self.simulator, self.settings.scenario)
            self.settings = self.settings.model_copy(update={"uri": self.simulator.uri})
        super()._open()


def start_standalone(scenario: str = "normal") -> IppEvePrinter:
    """An ippeveprinter on 127.0.0.1 (free port) for ``kiosk simulate docprinter``."""
    printer = IppEvePrinter()
    try:
        apply_scenario(printer, scenario)
    except BaseException:
        printer.close()
        raise
    return printer
