"""Rows that follow the panel's orientation: side by side on a landscape panel, stacked upright.

A page marks a row with ``side_by_side``. The window says once whether its panel
is upright (``PORTRAIT``) and ``fit`` applies it under a widget: marked rows
stack. Sizes, gaps and margins need nothing here: they come from the design
tokens, which are already in millimetres of the configured panel
(``ui.design_tokens.use_panel``). The flow host fits each step page as it makes it.
"""

from __future__ import annotations

from PySide6.QtWidgets import QBoxLayout, QWidget

#: The window's property: its panel is upright.
PORTRAIT = "portraitPanel"
#: A layout's property: a row that becomes a column on an upright panel.
_STACKS = "stacksUpright"


def side_by_side(layout: QBoxLayout) -> QBoxLayout:
    """Mark ``layout`` (a row) to stack top to bottom on an upright panel; returns it."""
    layout.setProperty(_STACKS, True)
    return layout


def upright(widget: QWidget) -> bool:
    """Whether ``widget``'s window is on an upright panel (for a page choosing its columns)."""
    return bool(widget.window().property(PORTRAIT))


def fit(root: QWidget) -> None:
    """Every marked row under ``root``, in the direction its window's panel wants."""
    direction = (
        QBoxLayout.Direction.TopToBottom if upright(root) else QBoxLayout.Direction.LeftToRight
    )
    for layout in root.findChildren(QBoxLayout):
        if layout.property(_STACKS):
            layout.setDirection(direction)
