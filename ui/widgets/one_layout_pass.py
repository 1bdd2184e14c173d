"""Show and hide many children of a widget with one layout pass instead of one each.

Qt lays out a widget's layout at once each time one of its children is shown (so
the child has its place before it is painted): showing nine tiles, or a row of
chips, on a page on screen costs nine full passes of the page. Paused, the
layout ignores the changes; it is laid out once at the end.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtWidgets import QWidget


@contextmanager
def one_layout_pass(widget: QWidget) -> Iterator[None]:
    layout = widget.layout()
    if layout is None or not layout.isEnabled():
        yield
        return
    layout.setEnabled(False)
    try:
        yield
    finally:
        layout.setEnabled(True)
        layout.invalidate()
        if widget.isVisible():
            layout.activate()  # placed now: the next paint shows them where they belong
