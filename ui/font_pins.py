"""Hold one font engine of each face the screens draw with, for the process's life.

Qt shares one FreeType face per font file and face index among all the engines
that draw with it. When the last engine of *any* face is let go (the font cache
drops unused engines after a while: an icon size no longer shown, say), Qt
takes every face out of its cache. Faces still in use live on as stale copies,
and the next new engine opens the file again. Each opening maps the whole file
(a Noto CJK collection is about 20 MB), and both mappings keep the pages they
have touched while their engines live: the kiosk's memory grew by megabytes
over a night of visits, and the RSS counted each font several times.

A face that always has an engine held here is never the last to go, so with
every face the screens use held, the cache is never emptied this way.
"""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontInfo, QFontMetrics

_held: dict[tuple[str, int], QFont] = {}


def hold(family: str, weight: QFont.Weight = QFont.Weight.Normal) -> QFont:
    """Keep an engine of ``family`` at ``weight`` loaded; return the held font."""
    key = (family, int(weight.value))
    font = _held.get(key)
    if font is None:
        font = QFont(family)
        font.setWeight(weight)
        _held[key] = font
    # Loads the engine, or loads it again after the font database changed (a font
    # added clears the cache and every engine with it).
    QFontMetrics(font).height()
    return font


def hold_again() -> None:
    """Load every held engine again: after a font was added, which empties the cache."""
    for font in _held.values():
        QFontMetrics(font).height()


def held() -> list[tuple[str, QFont.Weight]]:
    """The families and weights held, as Qt resolved them."""
    return [(QFontInfo(f).family(), f.weight()) for f in _held.values()]
