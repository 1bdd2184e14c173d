"""A4 printer fixtures: a real ippeveprinter on a free loopback port, and the driver on it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from drivers.docprinter.ipp_printer import IppDocumentPrinter
from drivers.docprinter.simulator import IppEvePrinter
from tests.drivers import threads
from tests.drivers.docprinter.docprinter_helpers import make_printer

_OUR_THREADS = ("docprinter-worker",)


@pytest.fixture(autouse=True)
def no_leftover_threads() -> Iterator[None]:
    """Every test stops the drivers it started."""
    with threads.no_leftover_threads(_OUR_THREADS):
        yield


@pytest.fixture
def eve() -> Iterator[IppEvePrinter]:
    """ippeveprinter with its private bus and spool folder; both gone afterwards."""
    printer = IppEvePrinter()
    root = printer.spool.parent
    try:
        yield printer
    finally:
        printer.close()
    assert printer.ended, "ippeveprinter or its bus still running"
    assert not root.exists(), "the simulator's folder was left behind"


@pytest.fixture
def printer(eve: IppEvePrinter) -> Iterator[IppDocumentPrinter]:
    """The real IPP driver, opened on ``eve``."""
    device = make_printer(eve.uri)
    with device:
        yield device
