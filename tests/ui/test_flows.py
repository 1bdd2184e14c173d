"""Whole visits through the real pages: guide, complaint, rating, queue down."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from kiosk.privacy import mask_phone
from kiosk.visit.session import EndReason
from tests.windows import begin
from ui.main_window import KioskWindow
from ui.steps.complaint import ComplaintPage
from ui.steps.guide import RESULTS_PER_PAGE, GuidePage
from ui.steps.rating import RatingPage


def queued(window: KioskWindow) -> int:
    """Rows in any state: the sync worker may already have delivered them."""
    return sum(window.core.outbox.stats().counts.values())


def test_guide_then_rating(window: KioskWindow, qtbot: QtBot) -> None:
    window.home.tiles["service_guide"].click()
    page = window.flow_host.current_page
    assert isinstance(page, GuidePage)
    # One real step: no "第 1 步，共 1 步"; the rating after it is not one of its steps.
    assert not window.flow_host.progress.isVisible()
    page.departments.buttons["税务"].click()
    assert list(page.results.buttons) == ["tax_certificate", "vat_invoice_issue"]
    page.departments.buttons["交通"].click()  # its one service: the guide at once
    assert list(page.results.buttons) == ["senior_bus_card"]
    assert page.detail.title.text() == "老年人免费乘车卡申领"
    page.topics.buttons["社保"].click()  # topic and department combine
    assert list(page.results.buttons) == []
    page.departments.buttons["__all__"].click()
    found = list(page.results.buttons)  # the topic stays: names first, a page at a time
    assert found[0] == "social_insurance_proof" and len(found) == 3
    page.done_button.click()

    rating = window.flow_host.current_page
    assert isinstance(rating, RatingPage)
    assert window.flow_host.back_button.isVisible()
    assert not rating.send_button.isEnabled()
    rating.grades.buttons["1"].click()  # 非常不满意 needs a reason
    assert rating.reasons.isVisible() and not rating.send_button.isEnabled()
    rating.reasons.buttons["unclear_guide"].click()
    with qtbot.waitSignal(window.session_ended, timeout=5000) as ended:
        rating.send_button.click()
    assert ended.args == [EndReason.COMPLETED.value]
    assert queued(window) == 1
    assert window.stack.currentWidget() is window.home


def test_guide_lists_every_service_a_page_at_a_time(window: KioskWindow) -> None:
    begin(window, "service_guide")
    page = window.flow_host.current_page
    assert isinstance(page, GuidePage)
    everything = [s.id for s in window.core.config.services]
    assert len(everything) > RESULTS_PER_PAGE  # the catalogue needs two pages
    assert page.right.currentIndex() == 0  # the list, not one service's guide
    first = list(page.results.buttons)
    assert first == everything[:RESULTS_PER_PAGE]
    assert page.results_nav.isVisible() and not page.results_nav.prev_button.isEnabled()
    assert page.results_label.text() == f"找到 {len(everything)} 项，请点选查看："
    page.results_nav.next_button.click()
    assert list(page.results.buttons) == everything[RESULTS_PER_PAGE : 2 * RESULTS_PER_PAGE]
    pages = -(-len(everything) // RESULTS_PER_PAGE)
    assert page.results_nav.label.text() == f"第 2 页，共 {pages} 页"

    page.results.buttons["complaint"].click()  # one of the second page: its guide
    assert page.right.currentWidget() is page.detail
    assert page.detail.title.text() == "投诉咨询 / 办不成事反映"
    hall = window.core.config.kiosk.hall_address.zh
    assert page.detail.where.text() == f"办理地点：{hall}"  # where, not only when
    assert page.list_button.isVisible()
    page.list_button.click()  # back to the same page of the list
    assert page.right.currentIndex() == 0 and page.results_nav.page == 1

    page.departments.buttons["税务"].click()  # new filters start at their first page
    assert page.results_nav.page == 0
    assert list(page.results.buttons) == ["tax_certificate", "vat_invoice_issue"]
    assert not page.results_nav.isVisible()
    page.topics.buttons["医保"].click()  # nothing matches both: said so
    assert page.results.buttons == {}
    assert page.results_label.text() == "没有找到相关事项，请换一个部门或事项。"


def test_back_from_rating_returns_to_the_guide(window: KioskWindow) -> None:
    begin(window, "service_guide")
    window.flow_host.current_page.done_button.click()
    window.flow_host.back_button.click()
    assert isinstance(window.flow_host.current_page, GuidePage)
    assert not window.flow_host.back_button.isVisible()


def test_complaint_with_phone_on_the_keypad(window: KioskWindow, qtbot: QtBot) -> None:
    begin(window, "complaint")
    page = window.flow_host.current_page
    assert isinstance(page, ComplaintPage)
    assert not page.send_button.isEnabled()
    assert page.why.text() == "请先选择类别"  # a disabled button says why
    page.categories.buttons["could_not_get_done"].click()
    page.reasons.buttons["device_fault"].click()
    page.phone_open.click()  # the keypad in place of the form
    assert page.phone_open_shown and not page.send_button.isVisible()
    for key in "1391234567":
        page.keypad.buttons[key].click()
    assert page.phone_value.text() == "139 1234 567"  # in full while it is typed
    assert page.phone_error.text() == "请输入11位手机号码"
    page.keypad.buttons["8"].click()
    assert page.phone_value.text() == "139 1234 5678"
    page.phone_done.click()
    assert not page.phone_open_shown and page.send_button.isVisible()
    assert page.phone_open.text() == "139****5678"  # masked in the summary
    assert page.send_button.isEnabled()
    page.send_button.click()
    qtbot.waitUntil(lambda: window.flow.current.kind == "success", timeout=5000)
    success = window.flow_host.current_page
    number = window.flow.session.data["application_no"]
    assert success.reference.grouped().replace(" ", "") == number  # a reference, grouped
    assert "3 个工作日内回复" in success.facts.rows["result"][1].text()  # the reply promise
    assert "139****5678" in success.facts.rows["result"][1].text()
    assert queued(window) == 1
    assert not window.flow_host.back_button.isVisible()  # submitted: no going back
    assert window.flow_host.cancel_button.text() == "返回首页"  # nothing left to cancel
    success.done_button.click()
    assert isinstance(window.flow_host.current_page, RatingPage)
    window.flow_host.current_page.skip_button.click()
    assert window.core.sessions.current is None


def test_queue_down_shows_the_problem_and_keeps_the_citizen(
    window: KioskWindow, qtbot: QtBot
) -> None:
    window.core.outbox.close()
    begin(window, "service_guide")
    window.flow_host.current_page.done_button.click()
    rating = window.flow_host.current_page
    rating.grades.buttons["5"].click()
    rating.send_button.click()
    assert window.flow_host.error_banner.isVisible()
    assert "无法保存" in window.flow_host.error_banner.text()
    assert isinstance(window.flow_host.current_page, RatingPage)
    rating.skip_button.click()  # the citizen can still finish the visit
    assert window.core.sessions.current is None


def test_english_pages(window: KioskWindow) -> None:
    window.language.set("en")
    begin(window, "complaint")
    page = window.flow_host.current_page
    assert page.title.text() == "Tell us about a problem"
    assert page.categories.buttons["complaint"].text() == "Complaint"
    assert window.flow_host.cancel_button.text() == "Cancel"  # the form can still be given up


def test_mask_phone() -> None:
    assert mask_phone("13912345678") == "139****5678"
    assert mask_phone("139") == "139"


def test_progress_query_scan_then_keypad(window: KioskWindow, qtbot: QtBot) -> None:
    from drivers.scanner.model import CodeScanned, ScanResult
    from ui.steps.progress import IdentifyApplicationPage, ShowProgressPage

    begin(window, "progress_query")
    page = window.flow_host.current_page
    assert isinstance(page, IdentifyApplicationPage)
    scanner = window.core.devices.get("scanner")
    scanner._emit(CodeScanned(ScanResult("https://evil.example/x", b"")))  # from the device
    qtbot.waitUntil(lambda: page.problem.text() != "", timeout=5000)
    assert "不是本系统凭条" in page.problem.text()
    for key in "202611220000000001":
        page.keypad.buttons[key].click()
    page.search_button.click()
    result = window.flow_host.current_page
    assert isinstance(result, ShowProgressPage)
    qtbot.waitUntil(lambda: result.done_button.isEnabled(), timeout=10_000)
    assert result.headline.text() == "没有找到这个受理编号"
    assert result.number.text() == "受理编号：2026 1122 0000 0000 01"


def test_back_and_forth_does_not_stack_listeners(window: KioskWindow) -> None:
    begin(window, "service_guide")
    guide = window.flow.current
    for _ in range(5):
        window.flow_host.current_page.done_button.click()
        window.flow_host.back_button.click()
    assert window.flow.current is guide
    assert len(guide._listeners) == 2  # its page and the host, once each


def test_the_way_out_says_home_where_nothing_can_be_cancelled(window: KioskWindow) -> None:
    host = window.flow_host
    window.open_service("complaint")
    assert window.flow.current.kind == "start"
    assert host.cancel_button.text() == "返回首页"  # nothing begun yet
    host.current_page.begin_button.click()
    assert host.cancel_button.text() == "取消办理"  # the complaint would be given up
    window.end_session(EndReason.CANCELLED)
    window.open_service("service_guide")
    assert host.cancel_button.text() == "返回首页"  # a guide applies for nothing


def test_a_disabled_next_says_why(window: KioskWindow) -> None:
    begin(window, "id_card_reissue")
    page = window.flow_host.current_page
    assert not page.next_button.isEnabled()
    assert page.why.isVisible() and page.why.text() == "还差 18 位"
    for key in "11010519800101001":
        page.keypad.buttons[key].click()
    assert page.why.text() == "还差 1 位"
    page.keypad.buttons["6"].click()
    assert page.next_button.isEnabled() and not page.why.isVisible()
