"""What an on-screen keyboard needs: letters typed so far, a page of choices, and commits."""

from __future__ import annotations

from kiosk.ime.engine import Candidate, Page, PinyinEngine, paginate
from kiosk.ime.syllables import SEPARATORS

MAX_INPUT = 40  # letters in one composition: about eight syllables


class Composer:
    """One composition: pinyin typed so far and its candidates, a page at a time.

    Choosing a candidate returns its text for the caller to insert and keeps the
    input it did not use, so "shebaozhengming" can become 社保 and then 证明.
    """

    def __init__(
        self,
        engine: PinyinEngine | None = None,
        page_size: int = 6,
        page_width: int | None = None,
        max_input: int = MAX_INPUT,
    ) -> None:
        self.engine = engine if engine is not None else PinyinEngine()
        self.page_size = page_size
        self.page_width = page_width
        self.max_input = max_input
        self.pinyin = ""
        self._candidates: list[Candidate] = []
        self._pages: list[Page] = []
        self._page = 0

    # What there is to show
    @property
    def active(self) -> bool:
        return bool(self.pinyin)

    @property
    def preedit(self) -> str:
        """The input as it is read, syllables apart: "she'bao'zheng'ming"."""
        return "'".join(self.engine.segment(self.pinyin)) if self.pinyin else ""

    @property
    def candidates(self) -> list[Candidate]:
        return list(self._candidates)

    @property
    def page(self) -> Page:
        return self._pages[self._page] if self._pages else Page((), 0, 0)

    # Keys
    def type(self, key: str) -> bool:
        """A letter or a syllable separator; False when it is not taken."""
        if len(key) != 1 or len(self.pinyin) >= self.max_input:
            return False
        if key in SEPARATORS:
            if not self.pinyin or self.pinyin[-1] in SEPARATORS:
                return False
            key = "'"
        elif not ("a" <= key.lower() <= "z"):
            return False
        self._set(self.pinyin + key.lower())
        return True

    def backspace(self) -> bool:
        """Remove the last letter; False when there was none (the caller deletes text)."""
        if not self.pinyin:
            return False
        self._set(self.pinyin[:-1])
        return True

    def choose(self, index: int) -> str:
        """Choose the ``index``-th candidate of the current page; returns the text to insert."""
        items = self.page.items
        if not 0 <= index < len(items):
            return ""
        chosen = items[index]
        self._set(self.pinyin[chosen.consumed :].lstrip("".join(SEPARATORS)))
        return chosen.text

    def choose_first(self) -> str:
        """What the space key does while composing: take the best candidate."""
        self.first_page()
        return self.choose(0)

    def finish(self) -> str:
        """Convert everything still typed, best candidates first (e.g. before punctuation)."""
        parts: list[str] = []
        while self.pinyin:
            before = self.pinyin
            parts.append(self.choose_first())
            if self.pinyin == before:  # nothing consumed: never loop forever
                parts.append(self.take_letters())
        return "".join(parts)

    def take_letters(self) -> str:
        """The letters as typed, ending the composition (switching to English)."""
        letters = self.pinyin.replace("'", "")
        self._set("")
        return letters

    def clear(self) -> None:
        self._set("")

    # Pages
    def next_page(self) -> None:
        if self.page.has_next:
            self._page += 1

    def previous_page(self) -> None:
        if self.page.has_previous:
            self._page -= 1

    def first_page(self) -> None:
        self._page = 0

    def set_page_limits(self, size: int, width: int | None = None) -> None:
        """How many candidates, and how many characters of them, fit on one page."""
        self.page_size, self.page_width = max(1, size), width
        self._paginate()

    def _set(self, pinyin: str) -> None:
        self.pinyin = pinyin
        self._candidates = self.engine.candidates(pinyin) if pinyin else []
        self._paginate()

    def _paginate(self) -> None:
        self._pages = paginate(self._candidates, self.page_size, self.page_width)
        self._page = 0
