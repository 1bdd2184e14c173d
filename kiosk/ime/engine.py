"""Pinyin to ranked Chinese candidates: segmentation, word lookup and a best sentence.

The typed letters form a lattice of syllables (every way to spell the input with
toneless syllables; a space or apostrophe forces a boundary). Candidates are the
words and characters that can start the input, best first:

1. the best sentence for the whole input (fewest, most common words), when it
   takes more than one word, e.g. "shebaozhengming" → 社保证明;
2. then by how much of the input a candidate uses up, longer first, so whole
   words and phrases come before single characters;
3. then by frequency (jieba's counts), with a penalty for spelling the same
   letters with more syllables, so "xian" gives 现, 先, 县 … before 西安.

Only when the input cannot be spelt completely is its last syllable read as
unfinished ("zhengm" → 证明, "sh" → 是, 时 …). Input that spells nothing gives
one candidate, the letters as typed.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass

from kiosk.ime.lexicon import Entry, Lexicon
from kiosk.ime.syllables import LONGEST, SEPARATORS, SPELLINGS, completions, normalise

SPLIT_PENALTY = 20  # per syllable beyond the fewest that spell the same letters
PARTIAL_PENALTY = 40  # the last syllable is still being typed
WORD_COST = 50  # per word of a sentence: fewer, longer words read better
MAX_WORD_SYLLABLES = 6  # the longest key the lexicon holds (kiosk.ime.build)
LIMIT = 150  # candidates offered for one input, all pages together


@dataclass(frozen=True, slots=True)
class Candidate:
    """A choice: its text and how many characters of the input choosing it uses up."""

    text: str
    consumed: int
    syllables: tuple[str, ...]  # how it was read; empty for the letters as typed

    @property
    def raw(self) -> bool:
        return not self.syllables


@dataclass(frozen=True, slots=True)
class _Word:
    end: int  # input position after it (and after any separators)
    syllables: tuple[str, ...]
    spans: tuple[tuple[int, int], ...]  # input slice of each syllable
    entries: list[Entry]
    partial: bool


class _Lattice:
    """Every place a syllable can start and end in one input."""

    def __init__(self, text: str) -> None:
        s = normalise(text)
        self.text = s
        self.n = len(s)
        self.start = self.skip(0)
        self.edges: dict[int, list[tuple[str, int, int]]] = {}  # pos: (syllable, letters end, next)
        for i, ch in enumerate(s):
            if "a" <= ch <= "z":
                for j in range(i + 1, min(i + LONGEST, self.n) + 1):
                    syl = SPELLINGS.get(s[i:j])
                    if syl is not None:
                        self.edges.setdefault(i, []).append((syl, j, self.skip(j)))
        self.fewest = self._fewest()
        self.tail_end = len(s.rstrip("".join(SEPARATORS)))  # where the last letters stop
        # An unfinished last syllable only when the input cannot be spelt in full.
        self.partial: dict[int, tuple[str, ...]] = {}
        if self.n not in self.fewest and self.start < self.n:
            for i in list(self.fewest):
                rest = s[i : self.tail_end]
                if rest and rest.isascii() and rest.isalpha() and len(rest) < LONGEST:
                    found = completions(rest)
                    if found:
                        self.partial[i] = found
                        ends_at = min(self.fewest.get(self.n, 1 << 30), self.fewest[i] + 1)
                        self.fewest[self.n] = ends_at

    def skip(self, i: int) -> int:
        while i < self.n and self.text[i] in SEPARATORS:
            i += 1
        return i

    def _fewest(self) -> dict[int, int]:
        """Fewest syllables from the start to each reachable position."""
        fewest = {self.start: 0}
        for pos in sorted(self.edges):  # edges only go forward
            if pos in fewest:
                for _syl, _j, nxt in self.edges[pos]:
                    if fewest.get(nxt, 1 << 30) > fewest[pos] + 1:
                        fewest[nxt] = fewest[pos] + 1
        return fewest

    def words_from(self, lexicon: Lexicon, pos: int) -> Iterator[_Word]:
        """Every lexicon entry whose syllables spell the input from ``pos`` on."""
        stack: list[tuple[int, tuple[str, ...], tuple[tuple[int, int], ...]]] = [(pos, (), ())]
        while stack:
            at, syls, spans = stack.pop()
            for syl, j, nxt in self.edges.get(at, ()):
                key, key_spans = (*syls, syl), (*spans, (at, j))
                entries, longer = lexicon.lookup(key)
                if entries:
                    yield _Word(nxt, key, key_spans, entries, False)
                if longer and len(key) < MAX_WORD_SYLLABLES:
                    stack.append((nxt, key, key_spans))
            for syl in self.partial.get(at, ()):
                key = (*syls, syl)
                entries, _ = lexicon.lookup(key)
                if entries:
                    yield _Word(self.n, key, (*spans, (at, self.tail_end)), entries, True)


@functools.cache
def default_lexicon() -> Lexicon:
    """The shipped lexicon, read once, on first use."""
    return Lexicon.load()


class PinyinEngine:
    """Stateless lookups; the lexicon is read on first use, not on construction."""

    def __init__(self, lexicon: Lexicon | None = None, limit: int = LIMIT) -> None:
        self._lexicon = lexicon
        self.limit = limit

    @property
    def lexicon(self) -> Lexicon:
        if self._lexicon is None:
            self._lexicon = default_lexicon()
        return self._lexicon

    def candidates(self, text: str) -> list[Candidate]:
        """Ranked choices for the start of ``text``; [] only for input with no letters."""
        lattice = _Lattice(text)
        if lattice.start >= lattice.n:
            return []
        scored: dict[str, tuple[tuple[int, int], Candidate]] = {}
        for word in lattice.words_from(self.lexicon, lattice.start):
            extra = len(word.syllables) - lattice.fewest.get(word.end, len(word.syllables))
            penalty = SPLIT_PENALTY * max(extra, 0) + PARTIAL_PENALTY * word.partial
            for entry in word.entries:
                rank = (-word.end, entry.cost + penalty)
                if entry.text not in scored or rank < scored[entry.text][0]:
                    scored[entry.text] = (rank, Candidate(entry.text, word.end, word.syllables))
        ranked = [c for _rank, c in sorted(scored.values(), key=lambda rc: rc[0])]
        best = self._sentence(lattice)
        if best is not None and len(best[1]) > 1:
            sentence = Candidate("".join(e.text for e in best[1]), lattice.n, best[2])
            ranked = [sentence, *(c for c in ranked if c.text != sentence.text)]
        if not ranked:
            return [Candidate(text[lattice.start :].strip(" '"), len(text), ())]
        return ranked[: self.limit]

    def segment(self, text: str) -> list[str]:
        """The input split as it is best read, pieces as typed ("xian" or "xi", "an")."""
        lattice = _Lattice(text)
        best = self._sentence(lattice)
        spans: tuple[tuple[int, int], ...] = best[3] if best else self._fewest_spans(lattice)
        pieces = [text[i:j] for i, j in spans]
        done = lattice.skip(spans[-1][1]) if spans else lattice.start
        rest = text[done:].strip(" '")
        return [*pieces, rest] if rest else pieces

    def _sentence(
        self, lattice: _Lattice
    ) -> tuple[int, list[Entry], tuple[str, ...], tuple[tuple[int, int], ...]] | None:
        """Cheapest way to read the whole input as words: (cost, words, syllables, spans)."""
        if lattice.n not in lattice.fewest:
            return None
        best: dict[int, tuple[int, list[Entry], tuple[str, ...], tuple[tuple[int, int], ...]]]
        best = {lattice.start: (0, [], (), ())}
        for pos in sorted(lattice.fewest):
            if pos not in best or pos == lattice.n:
                continue
            cost, words, syls, spans = best[pos]
            for word in lattice.words_from(self.lexicon, pos):
                entry = word.entries[0]
                total = cost + entry.cost + WORD_COST + PARTIAL_PENALTY * word.partial
                if word.end not in best or total < best[word.end][0]:
                    best[word.end] = (
                        total,
                        [*words, entry],
                        (*syls, *word.syllables),
                        (*spans, *word.spans),
                    )
        return best.get(lattice.n)

    @staticmethod
    def _fewest_spans(lattice: _Lattice) -> tuple[tuple[int, int], ...]:
        """Syllables of the furthest reachable position, fewest first (for input that fails)."""
        back: dict[int, tuple[int, int, int]] = {}  # next pos: (from, letters start, letters end)
        for pos in sorted(lattice.edges):
            if pos == lattice.start or pos in back:
                for _syl, j, nxt in lattice.edges[pos]:
                    if nxt not in back:
                        back[nxt] = (pos, pos, j)
        if not back:
            return ()
        at = max(back)
        spans: list[tuple[int, int]] = []
        while at in back:
            at, i, j = back[at]
            spans.append((i, j))
        return tuple(reversed(spans))


@dataclass(frozen=True, slots=True)
class Page:
    """One page of candidates; ``number`` counts from 0."""

    items: tuple[Candidate, ...]
    number: int
    count: int

    @property
    def has_previous(self) -> bool:
        return self.number > 0

    @property
    def has_next(self) -> bool:
        return self.number + 1 < self.count


def paginate(candidates: list[Candidate], size: int, width: int | None = None) -> list[Page]:
    """Pages of at most ``size`` candidates and, if given, ``width`` characters.

    Each candidate takes its length plus one (the key's padding) of ``width``; a
    candidate longer than a whole page gets a page of its own.
    """
    bounds: list[tuple[int, int]] = []
    i = 0
    while i < len(candidates):
        j, used = i, 0
        while j < len(candidates) and j - i < size:
            need = len(candidates[j].text) + 1
            if width is not None and j > i and used + need > width:
                break
            used += need
            j += 1
        bounds.append((i, j))
        i = j
    return [Page(tuple(candidates[a:b]), n, len(bounds)) for n, (a, b) in enumerate(bounds)]
