"""Printer fixtures: the simulated printer, or a real one named by --device-printer."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from drivers.printer.escpos_printer import EscposPrinter, EscposPrinterSettings
from drivers.printer.on_simulator import SimulatedEscposPrinter
from tests.drivers import threads
from tests.drivers.printer.printer_helpers import StatusWatcher, make_sim

_OUR_THREADS = ("printer-sim", "printer-worker")


@pytest.fixture(autouse=True)
def no_leftover_threads() -> Iterator[None]:
    """Every test stops the simulators and monitors it started."""
    with threads.no_leftover_threads(_OUR_THREADS):
        yield


@pytest.fixture
def sim_printer() -> Iterator[SimulatedEscposPrinter]:
    printer = make_sim()
    with printer:
        yield printer


@pytest.fixture
def watcher(sim_printer: SimulatedEscposPrinter) -> StatusWatcher:
    return StatusWatcher(sim_printer)


@pytest.fixture
def printer_under_test(request: pytest.FixtureRequest) -> Iterator[EscposPrinter]:
    """A real printer when --device-printer names one, else the simulator (opened)."""
    spec = request.config.getoption("--device-printer")
    printer: EscposPrinter
    printer = EscposPrinter(EscposPrinterSettings(url=spec)) if spec else make_sim()
    with printer:
        yield printer
