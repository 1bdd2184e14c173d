"""Print a certificate through the window on the simulated devices, and paper out mid-job.

The citizen puts the ID card on the reader, the platform simulator issues the PDF,
the page shows it (QtPdf), and the A4 printer prints it; certificate_printed (never
the document) reaches the platform once. When the tray runs dry mid-job the screen
says so, says nothing was charged, and offers the reprint once staff load paper.
"""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from drivers.base import DeviceState
from drivers.docprinter.stand_in import MEDIA_EMPTY
from kiosk.flow.certificate import HELD_KEY, PrintState
from kiosk.visit.session import EndReason
from tests.e2e.conftest import kind, screen_text
from tests.e2e.fault_walk import click, device, page, walk_to
from tests.windows import begin
from ui.main_window import KioskWindow
from ui.steps.certificate import CertificatePreviewPage

SERVICE = "medical_insurance_record"  # read card, fetch, preview, print: no camera


@pytest.fixture
def site_toml() -> str:
    # The in-memory A4 printer, whose tray a test can empty mid-job and read back.
    return '[devices.docprinter]\ndriver = "docprinter-memory-sim"\n'


def at_preview(window: KioskWindow, qtbot: QtBot) -> None:
    begin(window, SERVICE)
    walk_to(window, qtbot, "certificate_preview")
    qtbot.waitUntil(lambda: not page(window).image.isNull(), timeout=20_000)
    assert "预览证明" in screen_text(window)


def test_a_certificate_is_previewed_printed_and_recorded_once(
    window: KioskWindow, qtbot: QtBot
) -> None:
    core, printer = window.core, device(window, "docprinter")
    at_preview(window, qtbot)
    session = core.sessions.current
    held = session.data[HELD_KEY]
    pdf, number = held.pdf, held.certificate_no
    assert number in page(window).number.text()
    click(qtbot, page(window).print_button)
    step = window.flow.current
    qtbot.waitUntil(lambda: step.state is PrintState.PRINTED and not step.busy, timeout=20_000)
    assert "打印完成，请从A4出纸口取走您的证明" in screen_text(window)
    [printed] = printer.take_documents()
    assert printed.startswith(b"%PDF-") and printed == bytes(pdf)
    [row] = core.outbox.find_case(number)
    assert row.type == "certificate_printed"

    click(qtbot, page(window).next_button)
    assert kind(window) == "success"
    text = screen_text(window)
    assert "✓ 办理成功，证明已打印" in text and "请取走A4出纸口的证明。" in text
    assert page(window).reference.grouped().replace(" ", "") == number
    assert "查询进度" not in text  # printed on the spot: nothing to follow
    click(qtbot, page(window).done_button)
    with qtbot.waitSignal(window.session_ended, timeout=10_000):
        click(qtbot, page(window).skip_button)
    assert not pdf and len(session.data) == 0  # the document was overwritten in memory
    core.queue.worker.sync_once()
    core.queue.worker.sync_once()
    stored = [
        t
        for t in core.queue.simulator.store.transactions()
        if t["payload"].get("certificate_no") == number
    ]
    assert [t["type"] for t in stored] == ["certificate_printed"] and stored[0]["deliveries"] == 1
    assert "%PDF" not in str(stored[0]["payload"])


def test_paper_out_mid_job_costs_nothing_and_reprints_once_paper_is_back(
    window: KioskWindow, qtbot: QtBot
) -> None:
    core, printer = window.core, device(window, "docprinter")
    at_preview(window, qtbot)
    printer.empty_mid_job()
    click(qtbot, page(window).print_button)
    step = window.flow.current
    qtbot.waitUntil(lambda: step.state is PrintState.FAILED and not step.busy, timeout=20_000)
    text = screen_text(window)
    assert "打印机缺纸，证明没有打印出来。" in text
    assert "本服务免费，没有产生任何费用。" in text
    assert "请联系工作人员处理，打印机恢复后点“重新打印”。" in text
    assert step.problem.code == MEDIA_EMPTY and printer.status.state is DeviceState.PAPER_OUT
    reprint = page(window).reprint_button
    assert reprint.isVisible() and not reprint.isEnabled()
    assert [r.type for r in core.outbox.rows(limit=100)] == []  # no payment, no record
    assert printer.take_documents() == []

    printer.load_paper()  # staff load paper: the printer's status reaches the page
    qtbot.waitUntil(reprint.isEnabled, timeout=10_000)
    assert "打印机已恢复，请点“重新打印”。" in screen_text(window)
    click(qtbot, reprint)
    qtbot.waitUntil(lambda: step.state is PrintState.PRINTED and not step.busy, timeout=20_000)
    assert len(printer.take_documents()) == 1
    assert [r.type for r in core.outbox.rows(limit=100)] == ["certificate_printed"]


def test_walking_off_a_failed_print_wipes_the_document(window: KioskWindow, qtbot: QtBot) -> None:
    core, printer = window.core, device(window, "docprinter")
    at_preview(window, qtbot)
    printer.take_paper_out()  # (before the visit, the service would not be offered at all)
    session = core.sessions.current
    pdf = session.data[HELD_KEY].pdf
    click(qtbot, page(window).print_button)
    qtbot.waitUntil(lambda: page(window).reprint_button.isVisible(), timeout=10_000)
    with qtbot.waitSignal(window.session_ended, timeout=10_000) as ended:
        click(qtbot, window.flow_host.cancel_button)
    assert ended.args == [EndReason.CANCELLED.value]
    assert not pdf and window.stack.currentWidget() is window.home
    previews = window.flow_host.pages.findChildren(CertificatePreviewPage)
    assert previews and all(p.image.isNull() for p in previews)
    printer.load_paper()
