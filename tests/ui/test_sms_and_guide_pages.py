"""The text-message number page, its echo on the confirm page, and the guide's letter search."""

from __future__ import annotations

from tests.ui.flow_pages import start_flow
from ui.flow_host import FlowHost
from ui.steps.guide import GuidePage
from ui.steps.identity import ConfirmPage
from ui.steps.sms_phone import SmsPhonePage
from ui.widgets.keypad import DELETE

PHONE = "13900139000"  # the example range, no one's number


def test_the_number_in_full_while_typed_and_on_confirm_only(host: FlowHost) -> None:
    flow = start_flow(host, "senior_bus_card", ["sms_phone", "confirm"])
    page = host.current_page
    assert isinstance(page, SmsPhonePage)
    assert not page.consent.isChecked() and not page.next_button.isEnabled()
    for digit in PHONE[:5]:
        page.keypad.buttons[digit].click()
    assert page.number.text() == "139 00"
    assert page.why.text() == "还差 6 位"
    for digit in PHONE[5:]:
        page.keypad.buttons[digit].click()
    assert page.number.text() == "139 0013 9000"  # in full, grouped, while typed
    assert page.why.text() == "请先勾选同意" and not page.next_button.isEnabled()
    page.consent.click()
    assert page.next_button.isEnabled() and page.skip_button.isEnabled()
    page.next_button.click()

    confirm = host.current_page
    assert isinstance(confirm, ConfirmPage)
    assert confirm.labels["phone"][1].text() == "139 0013 9000"  # to check every digit
    confirm.next_button.click()
    assert flow.outcome is not None


def test_a_wrong_prefix_is_named_and_skip_shows_no_number(host: FlowHost) -> None:
    start_flow(host, "senior_bus_card", ["sms_phone", "confirm"])
    page = host.current_page
    page.consent.click()
    for digit in "12345678901":
        page.keypad.buttons[digit].click()
    assert "不是手机号码" in page.problem.text() and not page.next_button.isEnabled()
    page.skip_button.click()
    confirm = host.current_page
    assert isinstance(confirm, ConfirmPage) and not confirm.labels["phone"][1].isVisible()


def test_the_guide_finds_services_by_initials_as_they_are_typed(host: FlowHost) -> None:
    flow = start_flow(host, "service_guide", ["browse_guide"])
    page = host.current_page
    assert isinstance(page, GuidePage)
    page.search_open.click()
    assert page.search_shown and not page.done_button.isVisible()
    for letter in "gjj":
        page.keyboard.keys[letter].click()
    assert flow.current.keyword == "gjj"
    assert page.search_count.text() == "找到 2 项"
    page.keyboard.keys["done"].click()
    assert not page.search_shown and page.search_open.text() == "gjj"
    assert list(page.results.buttons) == [
        "housing_fund_withdrawal",
        "housing_fund_deposit_proof",
    ]
    # A department as well: nothing of the housing fund there.
    page.departments.buttons["民政"].click()
    assert page.results.buttons == {} and "没有找到" in page.results_label.text()


def test_the_consent_box_and_the_delete_key_are_icons_in_the_cjk_font_s_place(
    host: FlowHost,
) -> None:
    """☐ ☑ and ⌫ are missing from the CJK font: icons, so no fallback font is drawn."""
    start_flow(host, "senior_bus_card", ["sms_phone", "confirm"])
    page = host.current_page
    assert isinstance(page, SmsPhonePage)
    unticked = page.consent.icon().pixmap(32, 32).toImage()
    assert not unticked.isNull()
    assert not any(mark in page.consent.text() for mark in "☐☑")
    page.consent.click()
    ticked = page.consent.icon().pixmap(32, 32).toImage()
    assert ticked != unticked  # the box is ticked where the citizen can see it
    delete = page.keypad.buttons[DELETE]
    assert delete.text() == "" and not delete.icon().isNull()
    assert delete.accessibleName() == "删除"
    page.keypad.buttons["1"].click()
    page.keypad.buttons["3"].click()
    delete.click()
    assert page.number.text() == "1"
