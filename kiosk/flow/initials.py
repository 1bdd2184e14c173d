"""Pinyin initials of catalogue texts (身份证补领 → sfzbl), for the guide's letter search.

No pinyin library at run time: the input method's lexicon (``kiosk.ime``) already
knows each character's readings (its one-syllable lines, cheapest first) and which
reading a two-character word takes (参保 is can'bao, 银行 yin'hang). The readings
are gathered on the first search (the lexicon is read then, about 50 ms, and shared
with the keyboard), never at start-up; each text's initials are kept once worked out.
"""

from __future__ import annotations

import functools
from itertools import product

from kiosk.ime.engine import default_lexicon
from kiosk.ime.lexicon import Lexicon
from kiosk.ime.syllables import SYLLABLES

#: Readings tried per character when pairing it with its neighbour (polyphones have few).
MAX_READINGS = 4


def _is_han(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\U00020000" <= ch <= "\U0003134f"


class InitialsIndex:
    """Initials of texts, from one lexicon."""

    def __init__(self, lexicon: Lexicon) -> None:
        self._lexicon = lexicon
        readings: dict[str, list[tuple[int, str]]] = {}
        for syllable in SYLLABLES:
            entries, _ = lexicon.lookup((syllable,))
            for entry in entries:
                if len(entry.text) == 1:
                    readings.setdefault(entry.text, []).append((entry.cost, syllable))
        self._readings = {ch: [s for _, s in sorted(r)] for ch, r in readings.items()}

    def readings(self, ch: str) -> list[str]:
        """The character's readings, the commonest first; [] for one the lexicon lacks."""
        return self._readings.get(ch, [])

    def syllables(self, text: str) -> list[str | None]:
        """One reading per character (None where it has none), words' readings first."""
        chosen: list[str | None] = [None] * len(text)
        for i, ch in enumerate(text):
            if chosen[i] is None:
                options = self.readings(ch)
                chosen[i] = options[0] if options else None
            pair = self._pair(text, i)
            if pair is not None:
                chosen[i], chosen[i + 1] = pair
        return chosen

    def _pair(self, text: str, i: int) -> tuple[str, str] | None:
        """The readings of text[i:i+2] as a word of the lexicon, if it is one."""
        word = text[i : i + 2]
        if len(word) < 2 or not (_is_han(word[0]) and _is_han(word[1])):
            return None
        first = self.readings(word[0])[:MAX_READINGS]
        second = self.readings(word[1])[:MAX_READINGS]
        if len(first) == 1 and len(second) == 1:
            return None  # one reading each: nothing to choose
        for a, b in product(first, second):
            entries, _ = self._lexicon.lookup((a, b))
            if any(e.text == word for e in entries):
                return a, b
        return None

    def initials(self, text: str) -> str:
        """Lower-case initials of the Chinese characters; letters and digits kept as they are."""
        out = []
        for ch, syllable in zip(text, self.syllables(text), strict=True):
            if syllable:
                out.append(syllable[0])
            elif ch.isascii() and ch.isalnum():
                out.append(ch.lower())
        return "".join(out)


@functools.cache
def _index() -> InitialsIndex:
    return InitialsIndex(default_lexicon())


@functools.lru_cache(maxsize=1024)
def initials(text: str) -> str:
    """``text``'s pinyin initials with the shipped lexicon (身份证 → sfz)."""
    return _index().initials(text)
