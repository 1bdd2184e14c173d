"""A reset keyboard keeps nothing of the composition, not even on its hidden candidate keys."""

from __future__ import annotations

from ui.widgets.keyboard import PinyinKeyboard


def test_reset_leaves_no_candidate_words_behind(keyboard: PinyinKeyboard) -> None:
    for key in "zhangsan":
        keyboard.keys[key].click()
    assert any("张" in b.text() for b in keyboard.candidate_buttons)
    keyboard.reset()
    assert keyboard.preedit == "" and keyboard.text == ""
    assert [b.text() for b in keyboard.candidate_buttons] == [""] * len(keyboard.candidate_buttons)
