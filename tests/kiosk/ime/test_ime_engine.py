"""Pinyin engine on the shipped lexicon: segmentation, ranking, partial choices, junk."""

from __future__ import annotations

import pytest

from kiosk.ime import Candidate, PinyinEngine, paginate
from kiosk.ime.engine import default_lexicon


@pytest.fixture(scope="module")
def engine() -> PinyinEngine:
    return PinyinEngine(default_lexicon())


def texts(engine: PinyinEngine, typed: str, n: int = 10) -> list[str]:
    return [c.text for c in engine.candidates(typed)[:n]]


@pytest.mark.parametrize(
    ("typed", "word", "within"),
    [
        ("shebao", "社保", 1),
        ("zhengming", "证明", 1),
        ("bu neng da yin", "不能打印", 1),
        ("shebaozhengming", "社保证明", 1),
        ("shenfenzheng", "身份证", 1),
        ("yinhang", "银行", 1),
        ("fangan", "方案", 1),  # fang'an beats fan'gan by frequency
        ("fangan", "反感", 3),  # … and the other reading is still offered
        ("xian", "现", 3),  # one syllable before two
        ("xian", "西安", 20),
        ("xi'an", "西安", 1),  # an apostrophe forces the split
        ("lve", "略", 2),
        ("lue", "略", 2),  # the usual spelling of lüe
        ("nv", "女", 1),
        ("qing", "请", 3),  # as a word of its own, not 情 of 事情
    ],
)
def test_common_words_rank_high(engine: PinyinEngine, typed: str, word: str, within: int) -> None:
    assert word in texts(engine, typed, within)


def test_whole_words_come_before_single_characters(engine: PinyinEngine) -> None:
    found = engine.candidates("zhengming")
    words = [i for i, c in enumerate(found) if len(c.text) > 1]
    chars = [i for i, c in enumerate(found) if len(c.text) == 1]
    assert words and chars and max(words) < min(chars)
    assert found[chars[0]].consumed == len("zheng")  # then zhen…, then zhe…
    consumed = [c.consumed for c in found]
    assert consumed == sorted(consumed, reverse=True)


def test_a_choice_reports_how_much_input_it_uses(engine: PinyinEngine) -> None:
    found = {c.text: c for c in engine.candidates("shebaozhengming")}
    assert found["社保证明"].consumed == 15
    assert found["社保"].consumed == 6
    assert found["社保"].syllables == ("she", "bao")
    assert found["社"].consumed == 3
    # The rest is read on its own.
    assert texts(engine, "shebaozhengming"[6:], 1) == ["证明"]


def test_separators_are_consumed_with_the_syllable_before_them(engine: PinyinEngine) -> None:
    found = {c.text: c for c in engine.candidates("bu neng da yin")}
    assert found["不能"].consumed == len("bu neng ")
    assert found["不"].consumed == len("bu ")


@pytest.mark.parametrize(
    ("typed", "pieces"),
    [
        ("shebao", ["she", "bao"]),
        ("zhengming", ["zheng", "ming"]),
        ("xian", ["xian"]),
        ("xi'an", ["xi", "an"]),
        ("tiananmen", ["tian", "an", "men"]),
        ("bu neng da yin", ["bu", "neng", "da", "yin"]),
        ("zhengm", ["zheng", "m"]),  # still typing
        ("shebaoxyz", ["she", "bao", "xyz"]),  # what cannot be read stays as typed
        ("xyzq", ["xyzq"]),
        ("", []),
    ],
)
def test_segment(engine: PinyinEngine, typed: str, pieces: list[str]) -> None:
    assert engine.segment(typed) == pieces


def test_an_unfinished_last_syllable_is_completed(engine: PinyinEngine) -> None:
    assert texts(engine, "zhengm", 1) == ["证明"]
    assert "社保" in texts(engine, "sheb", 3)
    assert "是" in texts(engine, "sh", 5)
    # A complete spelling is not read as unfinished: "xian" is not "xia" + "n…".
    assert all(c.consumed == 4 or len(c.text) == 1 for c in engine.candidates("xian"))
    assert "下能" not in texts(engine, "xian", 150)


@pytest.mark.parametrize("junk", ["xyzq", "v", "zzzzzz", "1234", "！", "ɑ"])
def test_input_that_spells_nothing_is_offered_as_typed(engine: PinyinEngine, junk: str) -> None:
    assert engine.candidates(junk) == [Candidate(junk, len(junk), ())]


@pytest.mark.parametrize("empty", ["", " ", "'''", " ' "])
def test_no_letters_no_candidates(engine: PinyinEngine, empty: str) -> None:
    assert engine.candidates(empty) == []
    assert engine.segment(empty) == []


def test_a_readable_start_is_offered_before_the_unreadable_rest(engine: PinyinEngine) -> None:
    found = engine.candidates("shebaoxyz")
    assert found[0].text == "社保" and found[0].consumed == 6
    assert texts(engine, "xyz") == ["xyz"]


def test_upper_case_and_u_umlaut_are_read_like_the_keyboard(engine: PinyinEngine) -> None:
    assert texts(engine, "SheBao", 1) == ["社保"]
    assert texts(engine, "lü", 1) == texts(engine, "lv", 1)


def test_candidates_are_unique_and_limited(engine: PinyinEngine) -> None:
    found = engine.candidates("s")
    assert len(found) == engine.limit
    assert len({c.text for c in found}) == len(found)


def test_pages_respect_count_and_width() -> None:
    words = ["社保证明材料", "社保", "设", "社", "射", "蛇", "舍"]
    found = [Candidate(t, 1, ("a",)) for t in words]
    pages = paginate(found, size=4)
    assert [len(p.items) for p in pages] == [4, 3]
    assert not pages[0].has_previous and pages[0].has_next
    assert pages[1].has_previous and not pages[1].has_next
    narrow = paginate(found, size=6, width=8)
    assert [p.items[0].text for p in narrow] == ["社保证明材料", "社保", "射"]
    assert all(sum(len(c.text) + 1 for c in p.items) <= 8 for p in narrow[1:])
    assert paginate([Candidate("很长很长很长很长的一句话", 1, ("a",))], 6, 4)[0].count == 1
    assert paginate([], 6) == []
