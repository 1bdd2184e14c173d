"""The shipped lexicon file, the lookup over it, and the build that derives it."""

from __future__ import annotations

from kiosk.ime.build import build_lines, gb2312_level, syllable
from kiosk.ime.engine import default_lexicon
from kiosk.ime.lexicon import DATA_FILE, Entry, Lexicon
from kiosk.ime.syllables import SYLLABLES, completions, normalise

SAMPLE = """# provenance line
a\t阿300
she\t设298 社299
she'bao\t社保530
she'bao'ka\t社保卡600
shi\t是198
"""


def test_lookup_finds_exact_keys_and_knows_what_continues_them() -> None:
    lexicon = Lexicon(SAMPLE)
    assert len(lexicon) == 5
    assert lexicon.lookup(("she",)) == ([Entry(298, "设"), Entry(299, "社")], True)
    assert lexicon.lookup(("she", "bao")) == ([Entry(530, "社保")], True)
    assert lexicon.lookup(("she", "bao", "ka")) == ([Entry(600, "社保卡")], False)
    assert lexicon.lookup(("shi",)) == ([Entry(198, "是")], False)
    assert lexicon.lookup(("zuo",)) == ([], False)
    assert lexicon.lookup(("a", "a")) == ([], False)
    assert lexicon.lookup(("",)) == ([], False)


def test_an_empty_or_header_only_file_has_no_keys() -> None:
    assert len(Lexicon("")) == 0
    assert Lexicon("# only a header\n").lookup(("a",)) == ([], False)
    assert len(Lexicon("# a header and no newline")) == 0


def test_shipped_file_is_sorted_and_spelt_with_known_syllables() -> None:
    lexicon = default_lexicon()
    keys = lexicon.keys()
    assert len(keys) > 90_000
    assert keys == sorted(keys)
    assert len(set(keys)) == len(keys)
    assert {s for key in keys for s in key.split("'")} <= SYLLABLES
    header = DATA_FILE.read_text(encoding="utf-8").splitlines()[0]
    assert "jieba" in header and "pypinyin" in header


def test_every_shipped_entry_is_gb2312_hanzi_with_one_char_per_syllable() -> None:
    lexicon = default_lexicon()
    for key in lexicon.keys()[::97]:  # a spread sample keeps this quick
        entries, _ = lexicon.lookup(tuple(key.split("'")))
        assert entries
        assert [e.cost for e in entries] == sorted(e.cost for e in entries)
        for entry in entries:
            assert len(entry.text) == key.count("'") + 1
            assert all(gb2312_level(c) for c in entry.text)


def test_build_counts_a_character_under_the_reading_it_has_in_words() -> None:
    readings = {"银": ["yin"], "行": ["xing", "hang"], "不": ["bu"], "翯": ["he"]}
    words = [("银行", 1000), ("行", 500), ("不行", 4), ("銀行", 50), ("不", 10)]
    by_word = {"银行": ["yin", "hang"], "行": ["xing"], "不行": ["bu", "xing"], "不": ["bu"]}
    lines = build_lines(words, readings, lambda w: by_word.get(w, []), min_word_freq=5)
    table = Lexicon("\n".join(lines))
    assert table.lookup(("yin", "hang"))[0][0].text == "银行"
    assert table.lookup(("bu", "xing")) == ([], False)  # below the minimum count
    xing = table.lookup(("xing",))[0][0].cost
    hang = table.lookup(("hang",))[0][0].cost
    assert xing < hang  # 行 alone is xing; hang only from a tenth of 银行
    assert table.lookup(("he",)) == ([], False)  # 翯 is not in GB2312
    assert all("銀" not in line for line in lines)  # traditional entries dropped


def test_build_helpers() -> None:
    assert gb2312_level("的") == 1
    assert gb2312_level("亍") == 2
    assert gb2312_level("a") == gb2312_level("銀") == gb2312_level("𠀀") == 0
    assert syllable("ng") == "en"  # 嗯 is typed "en"
    assert syllable("lue") == "lve"
    assert syllable("m") is None


def test_syllable_helpers() -> None:
    assert completions("zh")[:2] == ("zha", "zhe")
    assert "lve" in completions("lu")
    assert completions("x") and all(s.startswith("x") for s in completions("x"))
    assert completions("v") == ()
    assert normalise("LÜ Xi'an İ") == "lv xi'an İ"
