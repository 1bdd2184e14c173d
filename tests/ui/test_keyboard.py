"""The on-screen pinyin keyboard, alone and on the complaint page, driven by taps only."""

from __future__ import annotations

import logging

import pytest
from PySide6.QtCore import QPoint
from pytestqt.qtbot import QtBot

from kiosk.config.schema import load_config
from kiosk.flow.feedback import MAX_TEXT_CHARS
from tests.windows import begin
from ui.app import application
from ui.main_window import KioskWindow
from ui.steps.complaint import ComplaintPage
from ui.theme import Theme
from ui.widgets.keyboard import PinyinKeyboard


def tap(keyboard: PinyinKeyboard, keys: str) -> None:
    for key in keys:
        keyboard.keys[key].click()


def shown_candidates(keyboard: PinyinKeyboard) -> list[str]:
    return [b.text() for b in keyboard.candidate_buttons if b.isVisibleTo(keyboard)]


def test_letters_become_candidates_and_a_partial_choice_keeps_the_rest(
    keyboard: PinyinKeyboard, qtbot: QtBot
) -> None:
    tap(keyboard, "shebaozhengming")
    assert keyboard.text == ""
    assert keyboard.preedit == "she'bao'zheng'ming"
    assert shown_candidates(keyboard)[:2] == ["社保证明", "社保"]
    with qtbot.waitSignal(keyboard.text_changed) as changed:
        keyboard.candidate_buttons[1].click()  # 社保 only
    assert changed.args == ["社保"]
    assert keyboard.preedit == "zheng'ming"
    assert shown_candidates(keyboard)[0] == "证明"
    keyboard.keys["space"].click()  # the first candidate
    assert keyboard.text == "社保证明" and keyboard.preedit == ""
    assert not any(b.isVisibleTo(keyboard) for b in keyboard.candidate_buttons)


def test_backspace_edits_the_pinyin_first_then_the_text(keyboard: PinyinKeyboard) -> None:
    tap(keyboard, "shi")
    keyboard.keys["space"].click()
    tap(keyboard, "bu")
    keyboard.keys["backspace"].click()
    assert keyboard.preedit == "b" and keyboard.text == "是"
    keyboard.keys["backspace"].click()
    assert keyboard.preedit == "" and keyboard.text == "是"
    keyboard.keys["backspace"].click()
    assert keyboard.text == ""
    keyboard.keys["backspace"].click()  # nothing left: no error
    assert keyboard.text == ""


def test_pages_of_candidates(keyboard: PinyinKeyboard) -> None:
    tap(keyboard, "shi")
    first = shown_candidates(keyboard)
    assert len(first) > 1
    assert not keyboard.previous_button.isEnabled() and keyboard.next_button.isEnabled()
    keyboard.next_button.click()
    second = shown_candidates(keyboard)
    assert second and not set(second) & set(first)
    assert keyboard.previous_button.isEnabled()
    keyboard.candidate_buttons[0].click()
    assert keyboard.text == second[0]
    tap(keyboard, "shi")
    keyboard.next_button.click()
    keyboard.previous_button.click()
    assert shown_candidates(keyboard) == first


def test_english_letters_go_straight_into_the_text(keyboard: PinyinKeyboard) -> None:
    assert keyboard.mode_button.text() == "中"
    tap(keyboard, "wi")
    keyboard.mode_button.click()  # the letters typed so far stay as letters
    assert keyboard.mode_button.text() == "英"
    tap(keyboard, "fi")
    keyboard.keys["space"].click()
    assert keyboard.text == "wifi " and keyboard.preedit == ""
    keyboard.mode_button.click()
    tap(keyboard, "ni")
    assert keyboard.text == "wifi " and keyboard.preedit == "ni"


def test_punctuation_ends_the_composition(keyboard: PinyinKeyboard) -> None:
    tap(keyboard, "bu neng dayin".replace(" ", "'"))
    keyboard.symbols_button.click()
    assert keyboard.symbols_button.text() == "字母"
    for key in ("，", "。", "？", "！", "、", "1"):
        assert keyboard.keys[key].isVisible()
    tap(keyboard, "，")
    assert keyboard.text == "不能打印，"
    tap(keyboard, "2")
    keyboard.keys["backspace_symbols"].click()
    keyboard.symbols_button.click()
    assert keyboard.keys["q"].isVisible()
    assert keyboard.text == "不能打印，"


def test_clear_done_and_the_length_limit(keyboard: PinyinKeyboard, qtbot: QtBot) -> None:
    keyboard.mode_button.click()
    tap(keyboard, "abcdefghijklmnopqrstuvwxyz")
    assert keyboard.text == "abcdefghijklmnopqrst"  # max_length=20
    keyboard.clear_button.click()
    assert keyboard.text == ""
    keyboard.mode_button.click()
    tap(keyboard, "zhengming")
    with qtbot.waitSignal(keyboard.done):
        keyboard.done_button.click()  # converts what is still typed
    assert keyboard.text == "证明"


def test_junk_pinyin_can_still_be_entered(keyboard: PinyinKeyboard) -> None:
    tap(keyboard, "xyzq")
    assert shown_candidates(keyboard) == ["xyzq"]
    keyboard.keys["space"].click()
    assert keyboard.text == "xyzq"


def test_every_key_is_at_least_15_mm(keyboard: PinyinKeyboard) -> None:
    theme = Theme.from_settings(load_config().ui, large_type=False)
    keyboard.setStyleSheet(theme.stylesheet())
    keyboard.resize(1840, 600)
    application().processEvents()
    for name, key in keyboard.keys.items():
        if key.isVisibleTo(keyboard):
            assert min(key.width(), key.height()) >= theme.mm(15), name


# ---- on the complaint page


def box_text(page: ComplaintPage) -> str:
    """The text box's markup without the break opportunities put between characters."""
    return page.text_box.text().replace("\u200b", "")


def open_complaint(window: KioskWindow) -> ComplaintPage:
    begin(window, "complaint")
    page = window.flow_host.current_page
    assert isinstance(page, ComplaintPage)
    page.categories.buttons["could_not_get_done"].click()
    page.reasons.buttons["device_fault"].click()
    return page


def test_typing_chinese_into_the_complaint(
    window: KioskWindow, qtbot: QtBot, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    page = open_complaint(window)
    assert not page.keyboard.isVisible()
    assert page.text_open.text() == "点这里输入文字"
    page.text_open.click()
    qtbot.waitUntil(page.keyboard.isVisible, timeout=2000)
    assert page.title.text() == "4. 补充说明（选填），可用拼音输入汉字"
    tap(page.keyboard, "shebao")
    assert "she'bao" in box_text(page)  # the pinyin shows in the box while typed
    page.keyboard.keys["space"].click()
    tap(page.keyboard, "zhengming")
    page.keyboard.candidate_buttons[0].click()
    step = window.flow.current
    assert step.text == "社保证明"
    assert "社保证明" in box_text(page)
    assert page.panel_count.text() == f"4/{MAX_TEXT_CHARS} 字"
    page.keyboard.done_button.click()
    assert not page.keyboard.isVisible() and page.text_open.isVisible()
    assert page.text_open.text() == "社保证明"
    assert page.title.text() == "反映问题"
    page.send_button.click()
    qtbot.waitUntil(lambda: window.flow.current.kind == "success", timeout=5000)  # 办理成功
    assert window.flow.session.data["case.pii"]["text"] == "社保证明"
    assert "社保" not in caplog.text and "shebao" not in caplog.text  # citizen data


def test_a_new_visit_starts_with_an_empty_text_and_the_form(window: KioskWindow) -> None:
    page = open_complaint(window)
    page.text_open.click()
    tap(page.keyboard, "shebao")
    page.keyboard.keys["space"].click()
    tap(page.keyboard, "zheng")
    window.flow_host.cancel_button.click()
    # The visit is over: nothing typed stays in the page.
    assert page.keyboard.text == "" and page.keyboard.preedit == ""
    assert "社" not in box_text(page) and "社" not in page.text_open.text()
    page = open_complaint(window)
    assert window.flow.current.text == ""
    assert page.keyboard.text == "" and page.keyboard.preedit == ""
    assert not page.text_open_shown


@pytest.mark.parametrize("large", [False, True])
def test_keyboard_panel_fits_the_screen(window: KioskWindow, qtbot: QtBot, large: bool) -> None:
    window.set_large_type(large)
    page = open_complaint(window)
    page.text_open.click()
    qtbot.waitUntil(page.keyboard.isVisible, timeout=2000)
    tap(page.keyboard, "dayinjimeiyoufanying")
    application().processEvents()
    assert window.height() == 1080
    bottom = page.keyboard.mapTo(window, page.keyboard.rect().bottomRight()).y()
    assert bottom < window.flow_host.cancel_button.mapTo(window, QPoint(0, 0)).y()
    minimum = window.theme.mm(20 if large else 15)
    for key in ("q", "space", "mode", "clear", "done", "backspace", "next"):
        button = page.keyboard.keys[key]
        assert min(button.width(), button.height()) >= minimum, key
    assert page.text_box.height() >= page.text_box.fontMetrics().lineSpacing()
    for button in page.keyboard.candidate_buttons:
        if button.isVisible():
            assert button.mapTo(window, button.rect().topRight()).x() < window.width()


def test_english_interface_texts(window: KioskWindow) -> None:
    window.language.set("en")
    page = open_complaint(window)
    assert page.text_label.text() == "4. More details (optional):"
    page.text_open.click()
    assert page.keyboard.done_button.text() == "Done"
    assert page.keyboard.mode_button.text() == "CN"


def test_long_text_wraps_and_shows_its_end_with_the_pinyin(window: KioskWindow) -> None:
    page = open_complaint(window)
    page.text_open.click()
    page.keyboard.mode_button.click()
    for _ in range(25):
        tap(page.keyboard, "abcdefgh")  # no spaces: must still wrap inside the box
    page.keyboard.mode_button.click()
    assert len(window.flow.current.text) == MAX_TEXT_CHARS
    assert page.panel_count.text() == f"{MAX_TEXT_CHARS}/{MAX_TEXT_CHARS} 字"
    assert page.text_box.width() < page.width()
    tap(page.keyboard, "shebao")  # ignored: the text is full
    assert page.keyboard.preedit == ""
    page.keyboard.clear_button.click()
    page.keyboard.set_text("社" * (MAX_TEXT_CHARS - 1))
    tap(page.keyboard, "shebao")
    shown = box_text(page)
    assert shown.startswith("…") and "she'bao" in shown
    page.keyboard.keys["space"].click()  # only what fits is kept
    assert window.flow.current.text == "社" * MAX_TEXT_CHARS
    assert window.height() == 1080 and page.text_box.width() < page.width()
