"""Icons of the citizen screens: Material Design Icons (``mdi6``) through qtawesome.

qtawesome is MIT; the Material Design Icons font it bundles is Apache 2.0. Its
import builds the Qt bindings through QtPy (about 150 ms) and its default
instance loads and hashes every bundled font, so the kiosk loads only the mdi6
font, and only behind the first paint (the window's warm-up calls :func:`load`)
or at the first icon asked for after that, whichever comes first. Until then a
widget that asks (:func:`show_icon`) waits in a list and gets its icon as the
font loads: the home screen paints first, its icons a moment later.
"""

from __future__ import annotations

import logging
import os
import weakref
from dataclasses import dataclass, field
from typing import Any

import shiboken6
from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QIcon, QIconEngine, QPainter, QPixmap
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

from ui import font_pins

log = logging.getLogger(__name__)

#: Each action's icon, by what it does (not by what it looks like).
ACTIONS: dict[str, str] = {
    "back": "mdi6.arrow-left",
    "home": "mdi6.home",
    "cancel": "mdi6.close",
    "help": "mdi6.help-circle",
    "call_staff": "mdi6.account-voice",
    "language": "mdi6.translate",
    "large_type": "mdi6.format-size",
    "repeat": "mdi6.volume-high",
    "mute": "mdi6.volume-off",
    "success": "mdi6.check-circle",
    "done": "mdi6.check",
    "warning": "mdi6.alert",
    "print": "mdi6.printer",
    "next": "mdi6.arrow-right",
    "previous": "mdi6.chevron-left",
    "forward": "mdi6.chevron-right",
    "start": "mdi6.play-circle",
}
#: A service whose catalogue entry names no icon (``Service.icon``'s default).
DEFAULT_SERVICE_ICON = "mdi6.file-document-outline"

_FONT = (
    "mdi6",
    "materialdesignicons6-webfont-6.9.96.ttf",
    "materialdesignicons6-webfont-charmap-6.9.96.json",
)


@dataclass(frozen=True)
class Look:
    """An icon's colours: normal, on a checked button, and disabled."""

    colour: str
    on: str | None = None
    disabled: str | None = None


@dataclass
class _Waiting:
    target: weakref.ref[QWidget]
    name: str
    look: Look
    px: int | None


@dataclass
class _IconSet:
    font: Any = None  # qtawesome.iconic_font.IconicFont once loaded
    waiting: list[_Waiting] = field(default_factory=list)
    cache: dict[tuple[str, Look], QIcon] = field(default_factory=dict)


_icons = _IconSet()

#: Sizes × modes × states one icon keeps drawn (a few sizes: normal type, 长辈版, a label).
MAX_DRAWN = 24


class _DrawnOnce(QIconEngine):
    """qtawesome draws the glyph with a painter at every repaint of every button
    that shows it; this keeps each size, mode and state it has drawn, so a page
    switch paints pixmaps instead of text."""

    def __init__(self, source: QIcon) -> None:
        super().__init__()
        self._source = source
        self._drawn: dict[tuple[int, int, object, object], QPixmap] = {}

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        key = (size.width(), size.height(), mode, state)
        drawn = self._drawn.get(key)
        if drawn is None:
            if len(self._drawn) >= MAX_DRAWN:
                self._drawn.clear()
            drawn = self._drawn[key] = self._source.pixmap(size, mode, state)
        return drawn

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        painter.drawPixmap(rect, self.pixmap(rect.size(), mode, state))

    def clone(self) -> QIconEngine:
        return _DrawnOnce(self._source)


def loaded() -> bool:
    return _icons.font is not None


def load() -> None:
    """Load the mdi6 font once, then give every waiting widget its icon."""
    if _icons.font is None:
        os.environ.setdefault("QT_API", "pyside6")  # QtPy: the bindings the kiosk uses
        from qtawesome.iconic_font import IconicFont

        _icons.font = IconicFont(_FONT)
        # Adding the font emptied Qt's font cache: hold the text faces again, and this one.
        font_pins.hold_again()
        for family in _icons.font.fontname.values():
            font_pins.hold(family)
    waiting, _icons.waiting = _icons.waiting, []
    for w in waiting:
        target = w.target()
        if target is not None and shiboken6.isValid(target):  # not closed meanwhile
            _apply(target, w.name, w.look, w.px)


def resolve(name: str) -> str:
    """An action's icon name (``"back"``) or an icon name itself (``"mdi6.home"``)."""
    return ACTIONS.get(name, name)


def exists(name: str) -> bool:
    """Whether the icon font has ``name`` (loads the font)."""
    load()
    prefix, _, glyph = resolve(name).partition(".")
    return prefix == _FONT[0] and glyph in _icons.font.charmap[prefix]


def icon(name: str, look: Look) -> QIcon:
    """The icon, loading the font if need be; an unknown name gets the default service icon."""
    load()
    key = (resolve(name), look)
    if key not in _icons.cache:
        # Focus and hover (Qt's "active" mode) keep the colours: qtawesome's own defaults
        # are dark grey, invisible on the blue bar.
        options: dict[str, str] = {
            "color": look.colour,
            "color_active": look.colour,
            "color_selected": look.colour,
        }
        if look.on is not None:
            options.update(color_on=look.on, color_on_active=look.on, color_on_selected=look.on)
        if look.disabled is not None:
            options["color_disabled"] = look.disabled
        try:
            made = _icons.font.icon(key[0], **options)
        except Exception:  # a name the font lacks (a catalogue typo): never a blank tile
            log.warning("unknown icon", extra={"icon": key[0]})
            made = _icons.font.icon(DEFAULT_SERVICE_ICON, **options)
        _icons.cache[key] = QIcon(_DrawnOnce(made))
    return _icons.cache[key]


def show_icon(target: QWidget, name: str, look: Look, px: int | None = None) -> None:
    """Give ``target`` (a button, or a label at ``px``) its icon now, or once the font loads.

    A button's icon size comes from the stylesheet (``icon-size``, on the type scale).
    """
    if loaded():
        _apply(target, name, look, px)
        return
    _icons.waiting = [w for w in _icons.waiting if _alive_other(w, target)]
    _icons.waiting.append(_Waiting(weakref.ref(target), name, look, px))


def clear_icon(button: QAbstractButton) -> None:
    """Words only on ``button``: its icon gone, and none still waiting for the font."""
    _icons.waiting = [w for w in _icons.waiting if _alive_other(w, button)]
    button.setIcon(QIcon())


def _alive_other(waiting: _Waiting, target: QWidget) -> bool:
    """Still waiting: alive, and not ``target`` (whose newer request replaces it)."""
    other = waiting.target()
    return other is not None and other is not target and shiboken6.isValid(other)


def _apply(target: QWidget, name: str, look: Look, px: int | None) -> None:
    made = icon(name, look)
    if isinstance(target, QAbstractButton):
        target.setIcon(made)
        if px is not None:
            target.setIconSize(QSize(px, px))
    elif isinstance(target, QLabel):
        side = px if px is not None else target.fontMetrics().height()
        target.setPixmap(made.pixmap(side, side))
