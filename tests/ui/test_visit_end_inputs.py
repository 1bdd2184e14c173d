"""When a visit ends, nothing the citizen typed stays on any page, hidden or shown."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from kiosk.visit.session import EndReason
from tests.windows import begin
from ui.main_window import KioskWindow
from ui.steps.complaint import ComplaintPage
from ui.steps.rating import RatingPage
from ui.widgets.keyboard import PinyinKeyboard

PHONE = "13912345678"


def fill_in(page: ComplaintPage) -> None:
    """Category, reason, a phone number on the keypad, a text and a pinyin composition."""
    page.categories.buttons["complaint"].click()
    page.reasons.buttons["waiting_time"].click()
    for key in PHONE:
        page.keypad.buttons[key].click()
    page.open_text()
    for key in "deng":
        page.keyboard.keys[key].click()
    page.keyboard.keys["space"].click()  # the first candidate becomes text
    for key in "zhangsan":
        page.keyboard.keys[key].click()  # still composing
    assert page.keyboard.text and page.keyboard.preedit == "zhang'san"


def assert_nothing_typed_left(page: ComplaintPage, typed: str) -> None:
    keyboard: PinyinKeyboard = page.keyboard
    assert page.keypad.text == ""
    assert keyboard.text == "" and keyboard.preedit == ""
    assert page.phone_value.text() == "—"
    for label in (page.text_box.text(), page.text_open.text(), page.phone_value.text()):
        assert typed not in label and PHONE[-4:] not in label
    # hidden candidate keys keep no word of the composition either
    assert all(b.text() == "" for b in keyboard.candidate_buttons if not b.isVisibleTo(keyboard))
    step = page.step
    assert (step.phone, step.text) == ("", "")  # the step's copy went with them


def test_cancelled_visit_leaves_no_phone_text_or_composition(window: KioskWindow) -> None:
    begin(window, "complaint")
    page = window.flow_host.current_page
    assert isinstance(page, ComplaintPage)
    fill_in(page)
    typed = page.keyboard.text
    window.end_session(EndReason.CANCELLED)
    assert window.stack.currentWidget() is window.home
    assert_nothing_typed_left(page, typed)


def test_sent_complaint_leaves_no_digits_on_the_hidden_page(
    window: KioskWindow, qtbot: QtBot
) -> None:
    begin(window, "complaint")
    page = window.flow_host.current_page
    fill_in(page)
    page.keyboard.keys["space"].click()  # take the composition too
    typed = page.keyboard.text
    page.close_text()
    page.send_button.click()
    qtbot.waitUntil(lambda: window.flow.current.kind == "success", timeout=5000)
    window.flow_host.current_page.done_button.click()
    qtbot.waitUntil(lambda: isinstance(window.flow_host.current_page, RatingPage), timeout=5000)
    rating = window.flow_host.current_page
    with qtbot.waitSignal(window.session_ended, timeout=5000):
        rating.skip_button.click()  # the visit is complete
    assert_nothing_typed_left(page, typed)


def test_an_id_number_typed_for_a_lost_card_does_not_stay(window: KioskWindow) -> None:
    from ui.steps.identity import IdNumberEntryPage

    begin(window, "id_card_reissue")
    page = window.flow_host.current_page
    assert isinstance(page, IdNumberEntryPage)
    for key in "11010519491231002X":
        page.keypad.buttons[key].click()
    assert page.number.text() == "110105 19491231 002X"
    window.end_session(EndReason.TIMEOUT)
    assert page.keypad.text == "" and page.number.text() == "—"
    assert page.step.number == ""
