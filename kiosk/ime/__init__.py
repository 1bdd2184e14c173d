"""Pinyin input for the on-screen keyboard: pure Python, offline, no Qt.

``PinyinEngine.candidates("shebao")`` ranks what the letters can mean (社保, 设,
社 …); ``Composer`` keeps one composition for a keyboard (letters, pages of
choices, partial choices). The lexicon (``data/lexicon.tsv``, derived from
jieba's word frequencies and pypinyin's readings by ``python -m
kiosk.ime.build``) is read on first use, about 55 ms, and kept as one string.

Typed text is citizen data: nothing here logs input or choices.
"""

from __future__ import annotations

from kiosk.ime.composer import Composer
from kiosk.ime.engine import Candidate, Page, PinyinEngine, paginate
from kiosk.ime.lexicon import Lexicon

__all__ = ["Candidate", "Composer", "Lexicon", "Page", "PinyinEngine", "paginate"]
