"""Switching the text size (长辈版) without restyling every hidden page at once.

Setting a new style sheet on the window repolishes all of its widgets, every step
page included (about 450 widgets, 60–100 ms on the kiosk's 2 cores), although the
citizen sees one page. Instead the window carries one sheet holding both sizes —
the large rules scoped under the window's ``largeType`` property — and a switch
flips the property and repolishes only what is on screen: each stacked widget's
current page. Other pages are repolished in the pauses that follow, one page per
turn of the event loop so a touch never waits for more than one; a page shown
before its turn is repolished then, before it is painted.
"""

from __future__ import annotations

import re

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtWidgets import QSizePolicy, QStackedWidget, QWidget

#: The window's dynamic property that selects the large rules.
LARGE_PROPERTY = "largeType"
#: A widget with this property true may wait, while hidden, until it is shown: one
#: whose size hint nothing asks while it is hidden (a home tile on another page;
#: not a chip, whose hint decides the rows of a strip).
WHEN_SHOWN_PROPERTY = "restyleWhenShown"

_RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")


def switchable_stylesheet(normal: str, large: str, root: str) -> str:
    """Both sheets in one: ``large`` applies under ``root`` while its property is true.

    Every large rule gets the same scope, so it outranks its normal twin and the
    large rules keep their order among themselves: the large sheet's winner for
    each property wins here too.
    """
    scope = f'{root}[{LARGE_PROPERTY}="true"] '
    rules = []
    for selectors, body in _RULE.findall(large):
        scoped = ", ".join(scope + s.strip() for s in selectors.split(","))
        rules.append(f"{scoped} {{{body}}}")
    return normal + "\n" + "\n".join(rules) + "\n"


class Restyler(QObject):
    """Repolishes what is on screen now, the other pages in the pauses after (or when shown).

    A stack sizes itself to its largest page, and a hidden page may be larger in
    the new size than the panel allows (or still have the old size's hints): from
    the switch until it is shown, a hidden page's size policy is ``Ignored``, also
    once it is repolished in a pause, so only the page on screen sizes the stack.
    """

    def __init__(self, root: QWidget) -> None:
        super().__init__(root)
        self.root = root
        self._stale: set[QWidget] = set()  # pages hidden at the switch, not yet repolished
        self._ignored: dict[QWidget, QSizePolicy] = {}  # hidden page → its own size policy
        self._watched: set[QStackedWidget] = set()
        self._hidden: set[QWidget] = set()  # hidden tiles (WHEN_SHOWN_PROPERTY), not yet repolished
        self._event = QEvent(QEvent.Type.StyleChange)
        # Zero interval: it runs once the event loop is idle, after the switch is painted.
        self._idle = QTimer(self, interval=0, timeout=self._restyle_one_hidden)

    def restyle(self) -> None:
        """After the property changed: the shown pages now, the rest in the pauses after."""
        self._restyle(self.root)
        if self.pending:
            self._idle.start()

    @property
    def pending(self) -> int:
        """Pages and hidden widgets still to be repolished."""
        return len(self._stale) + len(self._hidden)

    def _restyle_one_hidden(self) -> None:
        waiting = next(iter(self._stale or self._hidden), None)
        if waiting is None or not self.root.isVisible():  # done, or the window has closed
            self._idle.stop()
        elif shiboken6.isValid(waiting):
            self._restyle(waiting)
        else:  # deleted while it waited
            self._stale.discard(waiting)
            self._ignored.pop(waiting, None)
            self._hidden.discard(waiting)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # A hidden widget about to be shown (the home grid's next page of tiles).
        if event.type() == QEvent.Type.Show and watched in self._hidden:
            self._restyle(watched)  # type: ignore[arg-type]
        return False

    def _restyle(self, widget: QWidget) -> None:
        # Parents first: a widget's font resolves against its parent's.
        self._stale.discard(widget)
        if widget in self._ignored and _on_screen_in_its_stack(widget):
            widget.setSizePolicy(self._ignored.pop(widget))
        if widget in self._hidden:
            self._hidden.discard(widget)
            widget.removeEventFilter(self)
        style = widget.style()
        style.unpolish(widget)
        style.polish(widget)
        QCoreApplication.sendEvent(widget, self._event)  # buttons drop cached size hints
        stack = widget if isinstance(widget, QStackedWidget) else None
        if stack is not None:
            self._watch(stack)
        for child in widget.children():
            if not isinstance(child, QWidget):
                continue
            if stack is not None and child is not stack.currentWidget():
                self._set_stale(child)
            elif child.isHidden() and child.property(WHEN_SHOWN_PROPERTY):
                self._set_hidden(child)
            else:
                self._restyle(child)

    def _set_hidden(self, widget: QWidget) -> None:
        if widget not in self._hidden:
            self._hidden.add(widget)
            widget.installEventFilter(self)

    def _set_stale(self, page: QWidget) -> None:
        self._stale.add(page)
        if page not in self._ignored:
            self._ignored[page] = page.sizePolicy()
            page.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)

    def _watch(self, stack: QStackedWidget) -> None:
        if stack not in self._watched:
            self._watched.add(stack)
            stack.currentChanged.connect(lambda _index, s=stack: self._shown(s.currentWidget()))

    def _shown(self, page: QWidget | None) -> None:
        if page is None:
            return
        policy = self._ignored.pop(page, None)
        if policy is not None:
            page.setSizePolicy(policy)
        if page in self._stale:
            self._restyle(page)


def _on_screen_in_its_stack(widget: QWidget) -> bool:
    """Not a stack's page, or the page its stack shows."""
    parent = widget.parentWidget()
    return not isinstance(parent, QStackedWidget) or parent.currentWidget() is widget


class TextSize:
    """A window's normal and large text in one style sheet; switching repolishes lazily."""

    def __init__(self, window: QWidget, normal_sheet: str, large_sheet: str) -> None:
        self.window = window
        self.large = False
        window.setProperty(LARGE_PROPERTY, False)
        root = f"#{window.objectName()}"
        window.setStyleSheet(switchable_stylesheet(normal_sheet, large_sheet, root))
        self.restyler = Restyler(window)

    def set_large(self, large: bool) -> None:
        if large == self.large:
            return
        self.large = large
        self.window.setProperty(LARGE_PROPERTY, large)
        self.restyler.restyle()
