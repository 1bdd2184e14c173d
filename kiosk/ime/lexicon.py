"""The pinyin lexicon: syllable keys to ranked words and characters, read from one file.

Each line is ``key<TAB>entries``: the key is the toneless syllables joined by
apostrophes (``she'bao``), the entries are text immediately followed by its cost
(``社保570 设保790``), cheapest first. A cost is -log10 of the word's probability in
hundredths, so costs add up along a sentence. Lines are sorted by key.

The file stays in memory as its UTF-8 bytes with an array of line offsets, and
keys are found by binary search: loading is one read and one scan for line ends
(about 15 ms), and it holds about 3 MiB.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_left
from pathlib import Path
from typing import NamedTuple

DATA_FILE = Path(__file__).with_name("data") / "lexicon.tsv"
SEP = "'"
_ENTRY = re.compile(r"([^\d ]+)(\d+)")
_NEWLINE = re.compile(b"\n(?=[^\n])")  # line ends with a line after them


class Entry(NamedTuple):
    cost: int
    text: str


def format_line(key: tuple[str, ...], entries: list[tuple[int, str]]) -> str:
    """One lexicon line; ``entries`` are (cost, text) pairs, cheapest first."""
    return SEP.join(key) + "\t" + " ".join(f"{text}{c}" for c, text in entries)


class Lexicon:
    """Exact lookups by syllable key, and whether longer keys continue it."""

    def __init__(self, data: bytes | str) -> None:
        if isinstance(data, str):
            data = data.encode("utf-8")
        body = 0
        while data.startswith(b"#", body):  # provenance header
            end = data.find(b"\n", body)
            body = len(data) if end < 0 else end + 1
        # Kept as UTF-8 bytes: keys are ASCII, and only the line found is decoded.
        self._data = data
        starts = array("I", [body] if body < len(data) else [])
        starts.extend(m.end() for m in _NEWLINE.finditer(data, body))
        self._starts = starts

    @classmethod
    def load(cls, path: Path = DATA_FILE) -> Lexicon:
        return cls(path.read_bytes())

    def __len__(self) -> int:
        return len(self._starts)

    def _key_at(self, start: int) -> bytes:
        return self._data[start : self._data.find(b"\t", start)]

    def lookup(self, syllables: tuple[str, ...]) -> tuple[list[Entry], bool]:
        """Entries filed under exactly these syllables, and whether longer keys start with them."""
        key = SEP.join(syllables).encode("ascii", "replace")
        starts, data = self._starts, self._data
        i = bisect_left(starts, key, key=self._key_at)
        entries: list[Entry] = []
        if i < len(starts) and self._key_at(starts[i]) == key:
            line_end = data.find(b"\n", starts[i])
            rest = data[starts[i] + len(key) + 1 : None if line_end < 0 else line_end]
            entries = [Entry(int(c), t) for t, c in _ENTRY.findall(rest.decode("utf-8"))]
            i += 1
        longer = i < len(starts) and data.startswith(key + SEP.encode(), starts[i])
        return entries, longer

    def keys(self) -> list[str]:
        """Every key, in file order (for tests and tools)."""
        return [self._key_at(s).decode("ascii") for s in self._starts]
