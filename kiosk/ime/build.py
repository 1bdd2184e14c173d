"""Derive the shipped lexicon from jieba's word frequencies and pypinyin's readings.

Build time only (the kiosk never imports jieba or pypinyin)::

    pip install -e ".[ime-build]"    # pypinyin 0.55.0, jieba 0.42.1
    python -m kiosk.ime.build            # rewrites kiosk/ime/data/lexicon.tsv

jieba's ``dict.txt`` gives word frequencies (both MIT licensed, see data/README.md);
pypinyin gives each word's reading in context and every reading of each character.
Characters are limited to GB2312 (6,763 simplified characters), which also drops
the traditional-character entries jieba carries.
"""

from __future__ import annotations

import argparse
import math
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import cast

from kiosk.ime.lexicon import DATA_FILE, format_line
from kiosk.ime.syllables import SPELLINGS

EXTRA_WORDS = DATA_FILE.with_name("extra_words.txt")
MIN_WORD_FREQ = 5  # jieba gives 3 to entries it has no count for; 5 keeps counted words
MAX_WORD_CHARS = 6
# Readings that are not syllables of their own on a keyboard (嗯 ń/ńg is typed "en").
READING_FIXES = {"n": "en", "ng": "en"}
IN_WORD_WEIGHT = 0.1
UNSEEN_FREQ = {1: 0.5, 2: 0.1}  # a char reading never seen in the corpus, by GB2312 level

Reader = Callable[[str], list[str]]


def gb2312_level(char: str) -> int:
    """1 or 2 for a GB2312 hanzi (level 1 holds the 3,755 most common), 0 otherwise."""
    try:
        code = char.encode("gb2312")
    except UnicodeEncodeError:
        return 0
    if len(code) != 2 or not 0xB0 <= code[0] <= 0xF7:
        return 0
    return 1 if code[0] <= 0xD7 else 2


def syllable(reading: str) -> str | None:
    """A toneless reading as a keyboard syllable, or None when it cannot be typed."""
    reading = READING_FIXES.get(reading, reading)
    return SPELLINGS.get(reading)


def cost(freq: float, total: float) -> int:
    """Negative log10 probability in hundredths: smaller is more common."""
    return round(-math.log10(freq / total) * 100)


def read_jieba(path: Path) -> Iterator[tuple[str, int]]:
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            word, freq, *_ = line.split()
            yield word, int(freq)


def read_extra(path: Path) -> Iterator[tuple[str, int]]:
    """The project's own words for the halls' services ("word freq" lines, # comments)."""
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            word, freq = line.split()
            yield word, int(freq)


def build_lines(
    words: Iterable[tuple[str, int]],
    char_readings: dict[str, list[str]],
    read: Reader,
    min_word_freq: int = MIN_WORD_FREQ,
    in_word_weight: float = IN_WORD_WEIGHT,
) -> list[str]:
    """Sorted lexicon lines from (word, frequency) pairs, every char's readings and a reader.

    ``read(word)`` gives one toneless reading per character in context. A char's
    frequency under one reading counts every occurrence in every word read that
    way, so 行 under "hang" earns 银行's count, not 行's.
    """
    standalone: dict[tuple[str, str], float] = defaultdict(float)
    in_words: dict[tuple[str, str], float] = defaultdict(float)
    kept: dict[tuple[str, ...], dict[str, int]] = defaultdict(dict)
    word_total = 0
    for word, freq in words:
        if not all(gb2312_level(c) for c in word):
            continue
        word_total += freq
        syllables = [syllable(r) for r in read(word)]
        if len(syllables) != len(word) or None in syllables:
            continue
        known = cast(list[str], syllables)  # None was ruled out just above
        if len(word) == 1:
            standalone[word, known[0]] += freq
        else:
            for char, syl in zip(word, known, strict=True):
                in_words[char, syl] += freq
        if 2 <= len(word) <= MAX_WORD_CHARS and freq >= min_word_freq:
            key = tuple(known)
            kept[key][word] = max(freq, kept[key].get(word, 0))
    entries: dict[tuple[str, ...], list[tuple[int, str]]] = defaultdict(list)
    for key, found in kept.items():
        entries[key] = [(cost(f, word_total), w) for w, f in found.items()]
    for char, readings in char_readings.items():
        level = gb2312_level(char)
        if not level:
            continue
        for syl in dict.fromkeys(s for s in map(syllable, readings) if s):
            char_freq = standalone[char, syl] + in_word_weight * in_words[char, syl]
            entries[(syl,)].append((cost(char_freq or UNSEEN_FREQ[level], word_total), char))
    return sorted(format_line(key, sorted(found)) for key, found in entries.items())


def main(argv: list[str] | None = None) -> int:
    import jieba  # build-time only
    import pypinyin
    from pypinyin.constants import PINYIN_DICT
    from pypinyin.style import convert

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=DATA_FILE)
    parser.add_argument("--min-word-freq", type=int, default=MIN_WORD_FREQ)
    parser.add_argument("--in-word-weight", type=float, default=IN_WORD_WEIGHT)
    args = parser.parse_args(argv)

    def read(word: str) -> list[str]:
        readings: list[str]
        readings = pypinyin.lazy_pinyin(word, style=pypinyin.Style.NORMAL, errors="ignore")
        return readings

    char_readings = {
        chr(cp): [convert(r, pypinyin.Style.NORMAL, strict=True) for r in readings.split(",")]
        for cp, readings in PINYIN_DICT.items()
    }
    jieba_dict = Path(jieba.__file__).with_name("dict.txt")
    words = [*read_jieba(jieba_dict), *read_extra(EXTRA_WORDS)]
    lines = build_lines(words, char_readings, read, args.min_word_freq, args.in_word_weight)
    header = (
        f"# Derived from jieba {jieba.__version__} dict.txt (word counts; MIT, (c) 2013 Sun Junyi)"
        f" and pypinyin {pypinyin.__version__} (readings; MIT, (c) 2016 mozillazg, 闲耘) by"
        f" python -m kiosk.ime.build --min-word-freq {args.min_word_freq}"
        f" --in-word-weight {args.in_word_weight}; licences in README.md beside this file.\n"
    )
    args.out.write_text(header + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {len(lines)} keys to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
