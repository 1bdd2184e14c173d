"""A reset keyboard keeps nothing of the composition, not even on its hidden candidate keys."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from ui.app import application, configure_font
from ui.widgets.keyboard import PinyinKeyboard


def test_reset_leaves_no_candidate_words_behind(qtbot: QtBot) -> None:
    configure_font(application())
    keyboard = PinyinKeyboard(max_length=20)
    qtbot.addWidget(keyboard)
    keyboard.resize(1800, 500)
    keyboard.show()
    for key in "zhangsan":
        keyboard.keys[key].click()
    assert any("张" in b.text() for b in keyboard.candidate_buttons)
    keyboard.reset()
    assert keyboard.preedit == "" and keyboard.text == ""
    assert [b.text() for b in keyboard.candidate_buttons] == [""] * len(keyboard.candidate_buttons)
