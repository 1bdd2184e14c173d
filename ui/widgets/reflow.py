"""Parts that follow the panel: rows that stack on an upright panel, sizes kept in millimetres.

A page marks a row with ``side_by_side`` and gives a picture or a QR its size with
``sized``, in pixels of the reference panel (21.5" full HD, as the theme's
``body_font_px``). The window says once what its panel is (``PORTRAIT``, and
``SCALE``: its px/mm over the reference's) and ``fit`` applies it under a widget:
marked rows stack, marked sizes and every layout's spacing and margins keep their
millimetres. The flow host fits each step page as it makes it.
"""

from __future__ import annotations

from PySide6.QtWidgets import QBoxLayout, QGridLayout, QLayout, QWidget

#: The window's properties: its panel is upright; its px/mm over the reference panel's.
PORTRAIT = "portraitPanel"
SCALE = "panelScale"
#: A layout's property: a row that becomes a column on an upright panel.
_STACKS = "stacksUpright"
#: What a widget's least (or fixed) size and a layout's spacing and margins are on the
#: reference panel, as "n,n,…" (a tuple does not survive a QVariant round trip); kept
#: the first time, so fitting again never scales twice.
_SIZE = "referenceSize"
_GAPS = "referenceGaps"


def side_by_side(layout: QBoxLayout) -> QBoxLayout:
    """Mark ``layout`` (a row) to stack top to bottom on an upright panel; returns it."""
    layout.setProperty(_STACKS, True)
    return layout


def sized(widget: QWidget, width: int, height: int, *, fixed: bool = False) -> None:
    """``widget``'s least (or ``fixed``) size in reference pixels: the same mm on any panel."""
    widget.setProperty(_SIZE, f"{width},{height},{int(fixed)}")
    _resize(widget, _scale(widget))


def upright(widget: QWidget) -> bool:
    """Whether ``widget``'s window is on an upright panel (for a page choosing its columns)."""
    return bool(widget.window().property(PORTRAIT))


def fit(root: QWidget) -> None:
    """Every marked row and size, every layout's gaps under ``root``, for its window's panel."""
    stacked = upright(root)
    direction = QBoxLayout.Direction.TopToBottom if stacked else QBoxLayout.Direction.LeftToRight
    scale = _scale(root)
    # Inner layouts first: unset, a layout's spacing is its parent layout's, which
    # must still be the reference value when the inner one keeps it.
    for layout in reversed(root.findChildren(QLayout)):
        if isinstance(layout, QBoxLayout) and layout.property(_STACKS):
            layout.setDirection(direction)
        if scale != 1.0 or layout.property(_GAPS):
            _regap(layout, scale)
    for widget in [root, *root.findChildren(QWidget)]:
        if widget.property(_SIZE):
            _resize(widget, scale)


def _scale(widget: QWidget) -> float:
    value = widget.window().property(SCALE)
    return float(value) if value else 1.0


def _resize(widget: QWidget, scale: float) -> None:
    width, height, fixed = (int(n) for n in widget.property(_SIZE).split(","))
    w, h = round(width * scale), round(height * scale)
    if fixed:
        widget.setFixedSize(w, h)
    else:
        widget.setMinimumSize(w, h)


def _regap(layout: QLayout, scale: float) -> None:
    kept = layout.property(_GAPS)
    if not kept:
        m = layout.contentsMargins()
        kept = f"{layout.spacing()},{m.left()},{m.top()},{m.right()},{m.bottom()}"
        layout.setProperty(_GAPS, kept)
    spacing, *margins = (round(g * scale) if g > 0 else g for g in map(int, kept.split(",")))
    if spacing >= 0 and (isinstance(layout, QBoxLayout | QGridLayout) or spacing > 0):
        layout.setSpacing(spacing)
    layout.setContentsMargins(*margins)
