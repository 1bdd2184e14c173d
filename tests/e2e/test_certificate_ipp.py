"""A certificate through the window to the real IPP printer process (``ipp-sim``).

The default A4 printer of a demo kiosk is the real IPP driver talking to CUPS's
``ippeveprinter`` on a loopback port: the PDF the platform issued must be the one in
the printer's spool, and paper running out mid-job must cost nothing and record nothing.
"""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from drivers.docprinter.on_simulator import SimulatedIppPrinter
from kiosk.flow.certificate import HELD_KEY, PrintState
from tests.e2e.conftest import screen_text
from tests.e2e.fault_walk import click, device, page
from tests.e2e.test_certificate_print import at_preview
from ui.main_window import KioskWindow


def ipp_printer(window: KioskWindow) -> SimulatedIppPrinter:
    printer = device(window, "docprinter")
    assert isinstance(printer, SimulatedIppPrinter) and printer.simulator is not None
    return printer


def test_the_issued_pdf_is_what_the_printer_spooled(window: KioskWindow, qtbot: QtBot) -> None:
    spool = ipp_printer(window).simulator
    assert spool is not None
    at_preview(window, qtbot)
    held = window.core.sessions.current.data[HELD_KEY]
    pdf, number = bytes(held.pdf), held.certificate_no
    click(qtbot, page(window).print_button)
    step = window.flow.current
    qtbot.waitUntil(lambda: step.state is PrintState.PRINTED and not step.busy, timeout=60_000)
    [spooled] = spool.documents()
    assert spooled.read_bytes() == pdf
    [row] = window.core.outbox.find_case(number)
    assert row.type == "certificate_printed"


def test_paper_out_mid_job_on_the_ipp_printer(window: KioskWindow, qtbot: QtBot) -> None:
    spool = ipp_printer(window).simulator
    assert spool is not None
    at_preview(window, qtbot)
    spool.fail_next_job("media-empty")
    click(qtbot, page(window).print_button)
    step = window.flow.current
    qtbot.waitUntil(lambda: step.state is PrintState.FAILED and not step.busy, timeout=60_000)
    text = screen_text(window)
    assert "缺纸" in text and "本服务免费，没有产生任何费用。" in text
    assert page(window).reprint_button.isVisible()
    assert [r.type for r in window.core.outbox.rows(limit=100)] == []  # nothing recorded
