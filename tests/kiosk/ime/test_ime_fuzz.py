"""Whatever is typed, the engine answers with choices that make sense of it."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.ime import Composer, PinyinEngine
from kiosk.ime.engine import default_lexicon
from kiosk.ime.syllables import SEPARATORS

ENGINE = PinyinEngine(default_lexicon())
KEYBOARD = st.text(alphabet="abcdefghijklmnopqrstuvwxyz' ", max_size=30)


@settings(max_examples=300, deadline=None)
@given(st.one_of(KEYBOARD, st.text(max_size=20)))
def test_candidates_are_sound_for_any_text(text: str) -> None:
    found = ENGINE.candidates(text)
    has_letters = any(ch not in SEPARATORS for ch in text)
    assert bool(found) == has_letters
    assert len({c.text for c in found}) == len(found) <= ENGINE.limit
    for c in found:
        assert c.text and 0 < c.consumed <= len(text)
        assert c.raw or len(c.text) == len(c.syllables)
    letters = "".join(ch for ch in text if ch not in SEPARATORS)
    assert "".join(ch for ch in "".join(ENGINE.segment(text)) if ch not in SEPARATORS) == letters
    if found and found[0].raw:
        assert found[0].consumed == len(text)


@settings(max_examples=100, deadline=None)
@given(KEYBOARD)
def test_finish_always_ends_the_composition(text: str) -> None:
    composer = Composer(ENGINE)
    for key in text:
        composer.type(key)
    composer.finish()
    assert not composer.active
