"""One composition for the keyboard: typing, pages, partial choices, ending."""

from __future__ import annotations

import pytest

from kiosk.ime import Composer, PinyinEngine
from kiosk.ime.engine import default_lexicon


@pytest.fixture
def composer() -> Composer:
    return Composer(PinyinEngine(default_lexicon()), page_size=6)


def type_all(composer: Composer, letters: str) -> None:
    for key in letters:
        composer.type(key)


def test_partial_choice_keeps_the_rest(composer: Composer) -> None:
    type_all(composer, "shebaozhengming")
    assert composer.preedit == "she'bao'zheng'ming"
    items = [c.text for c in composer.page.items]
    assert items[:2] == ["社保证明", "社保"]
    assert composer.choose(1) == "社保"
    assert composer.pinyin == "zhengming"
    assert composer.choose_first() == "证明"
    assert not composer.active and composer.page.items == ()


def test_pages_move_and_reset_when_typing(composer: Composer) -> None:
    type_all(composer, "shi")
    first = composer.page.items
    assert len(first) == 6 and not composer.page.has_previous and composer.page.has_next
    composer.next_page()
    assert composer.page.number == 1 and composer.page.items != first
    chosen = composer.page.items[0].text
    composer.previous_page()
    composer.previous_page()  # already on the first page
    assert composer.page.number == 0
    composer.next_page()
    assert composer.choose(0) == chosen
    type_all(composer, "shi")
    composer.next_page()
    composer.type("s")
    assert composer.page.number == 0


def test_page_width_limits_characters(composer: Composer) -> None:
    type_all(composer, "shebaozhengming")
    composer.set_page_limits(6, width=8)  # 社保证明 takes 5, 社保 3
    assert [c.text for c in composer.page.items] == ["社保证明", "社保"]


def test_separators_and_keys_that_are_not_letters(composer: Composer) -> None:
    assert not composer.type("'")  # nothing to separate yet
    type_all(composer, "xi")
    assert composer.type("'") and not composer.type(" ")  # one separator at a time
    type_all(composer, "an")
    assert composer.pinyin == "xi'an"
    assert composer.page.items[0].text == "西安"
    assert not composer.type("1") and not composer.type("中") and not composer.type("ab")
    assert composer.type("Z") and composer.pinyin.endswith("z")


def test_backspace_then_nothing_left(composer: Composer) -> None:
    type_all(composer, "ab")
    assert composer.backspace() and composer.pinyin == "a"
    assert composer.backspace() and composer.pinyin == ""
    assert not composer.backspace()


def test_finish_converts_everything_and_take_letters_keeps_them(composer: Composer) -> None:
    type_all(composer, "bu'neng'dayin")
    assert composer.finish() == "不能打印"
    type_all(composer, "shebaoxyz")
    assert composer.finish() == "社保xyz"
    type_all(composer, "wi'fi")
    assert composer.take_letters() == "wifi" and not composer.active


def test_input_is_bounded(composer: Composer) -> None:
    type_all(composer, "a" * 100)
    assert len(composer.pinyin) == composer.max_input


def test_choose_out_of_range_does_nothing(composer: Composer) -> None:
    assert composer.choose(0) == ""
    type_all(composer, "a")
    assert composer.choose(99) == "" and composer.pinyin == "a"
