"""Paper runs out while the slip prints: the case is safe, the number is on screen, reprint works.

Through the window on the simulated devices: the printer simulator's roll ends
a few lines into the slip. The citizen sees the application number and its QR
with a reprint offer, the case is already durable in the outbox, and once staff
put paper back the slip comes out from the page's reprint button and from the
home screen's "没拿到凭条？重新打印".
"""

from __future__ import annotations

from typing import Any

from pytestqt.qtbot import QtBot

from drivers.printer.model import PaperLevel
from kiosk.cases.receipts import parse_progress_code
from kiosk.flow.printing import SlipState
from kiosk.visit.session import EndReason
from offline_queue.db import State
from tests.e2e.conftest import kind, screen_text
from tests.e2e.fault_walk import click, device, page, walk_to
from tests.windows import begin
from ui.main_window import KioskWindow

SERVICE = "id_card_renewal"  # the certificate services print on A4 now, not a slip


def printer_model(window: KioskWindow) -> Any:
    return device(window, "printer").simulator.model


def slip_failed_mid_way(window: KioskWindow, qtbot: QtBot) -> tuple[Any, str]:
    """Walk to the slip with the roll ending 5 lines in; wait for the failure on screen."""
    printer_model(window).run_out_after(5)
    begin(window, SERVICE)
    walk_to(window, qtbot, "print_slip")
    step = window.flow.current
    qtbot.waitUntil(lambda: step.state is not SlipState.PRINTING, timeout=10_000)
    return step, window.flow.session.data["application_no"]


def assert_number_on_screen(window: KioskWindow, step: Any, number: str) -> None:
    slip_page = page(window)
    text = screen_text(window)
    assert "您的办件已提交成功，但凭条没有打印出来" in text
    assert "请记下下方受理编号，或用手机拍下二维码。" in text
    assert slip_page.number.isVisible() and slip_page.number.grouped().replace(" ", "") == number
    assert slip_page.qr.isVisible() and parse_progress_code(slip_page.qr.data) == number
    assert slip_page.reprint_button.isVisible() and slip_page.reprint_button.text() == "重新打印"


def test_paper_out_mid_slip_shows_the_number_then_reprints(
    window: KioskWindow, qtbot: QtBot
) -> None:
    core, model = window.core, printer_model(window)
    step, number = slip_failed_mid_way(window, qtbot)

    assert step.state is SlipState.FAILED and step.error.code == "SLIP_UNCERTAIN"
    assert_number_on_screen(window, step, number)
    assert "凭条可能没有打印完整。" in screen_text(window)
    assert model.paper is PaperLevel.OUT
    [partial] = model.documents
    assert not partial.cut and "领取地点" not in partial.text  # ran out before the end
    # The case was durable before the printer was asked: it is in the outbox.
    [case] = core.outbox.find_case(number)
    assert case.type == SERVICE and case.state in (State.PENDING, State.IN_FLIGHT, State.DELIVERED)
    assert not window.flow.can_go_back and not window.flow_host.back_button.isVisible()

    # The citizen presses reprint before staff came: still no paper, still the number.
    click(qtbot, page(window).reprint_button)
    qtbot.waitUntil(lambda: step.state is SlipState.FAILED and not step.busy, timeout=10_000)
    assert step.error.code == "SLIP_NOT_PRINTED"
    assert "打印机暂时无法打印。" in screen_text(window)
    assert_number_on_screen(window, step, number)

    # Paper back; the page's reprint prints the whole slip.
    model.set_paper(PaperLevel.OK)
    click(qtbot, page(window).reprint_button)
    qtbot.waitUntil(lambda: step.state is SlipState.PRINTED, timeout=10_000)
    assert "请取走出纸口的凭条" in screen_text(window)
    assert not page(window).qr.isVisible() and not page(window).reprint_button.isVisible()
    full = model.documents[-1]
    assert full.cut and f"受理编号：{number}" in full.text
    assert parse_progress_code(full.qr_payloads[0]) == number

    # Later, at home, "没拿到凭条？重新打印" prints it once more.
    click(qtbot, page(window).next_button)
    assert kind(window) == "success"
    click(qtbot, page(window).done_button)
    assert kind(window) == "rating"
    with qtbot.waitSignal(window.session_ended, timeout=10_000):
        click(qtbot, page(window).skip_button)
    assert window.stack.currentWidget() is window.home
    home = window.home
    assert home.reprint_button.isVisible() and home.reprint_button.text() == "没拿到凭条？重新打印"
    printed = len(model.documents)
    click(qtbot, home.reprint_button)
    qtbot.waitUntil(lambda: "已重新打印，请取走凭条。" in home.notice.text(), timeout=10_000)
    assert len(model.documents) == printed + 1
    again = model.documents[-1]
    assert again.cut and f"受理编号：{number}" in again.text
    assert [r.type for r in core.outbox.find_case(number)] == [SERVICE]  # one case, not two


def test_walking_off_without_the_slip_reprints_from_home_once_paper_is_back(
    window: KioskWindow, qtbot: QtBot
) -> None:
    core, model = window.core, printer_model(window)
    step, number = slip_failed_mid_way(window, qtbot)
    assert_number_on_screen(window, step, number)

    # The citizen cancels on the failed slip: the case stays, the visit ends.
    with qtbot.waitSignal(window.session_ended, timeout=10_000) as ended:
        click(qtbot, window.flow_host.cancel_button)
    assert ended.args == [EndReason.CANCELLED.value]
    assert core.sessions.current is None and window.stack.currentWidget() is window.home
    [case] = core.outbox.find_case(number)
    assert case.type == SERVICE

    home = window.home
    click(qtbot, home.reprint_button)  # paper still out: told to ask staff, nothing sent
    assert "打印机暂时无法打印，请联系工作人员。" in screen_text(window)
    documents = len(model.documents)

    model.set_paper(PaperLevel.OK)
    qtbot.waitUntil(lambda: device(window, "printer").status.usable, timeout=5_000)
    click(qtbot, home.reprint_button)
    qtbot.waitUntil(lambda: "已重新打印，请取走凭条。" in home.notice.text(), timeout=10_000)
    assert len(model.documents) == documents + 1
    slip = model.documents[-1]
    assert slip.cut and f"受理编号：{number}" in slip.text
