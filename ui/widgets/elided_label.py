"""A one-line label that gives way: its text ends in "…" when the row is short.

For orientation only (the kiosk's name, the service's name above its steps):
what the citizen must read is never elided. The whole text stays the label's
accessible name.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget


class ElidedLabel(QLabel):
    def __init__(self, parent: QWidget | None = None, *, objectName: str = "") -> None:
        super().__init__(parent)
        if objectName:
            self.setObjectName(objectName)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.full_text = ""

    def setText(self, text: str) -> None:  # type: ignore[override]
        if text == self.full_text and text:
            return  # set again at every refresh: nothing to measure
        self.full_text = text
        self.setAccessibleName(text)
        self._elide()

    def _elide(self) -> None:
        room = self.contentsRect().width()
        super().setText(self._elided(room))
        # The label's own hint adds its margins to the text: take them off the room too.
        excess = self.sizeHint().width() - self.width()
        if excess > 0:
            super().setText(self._elided(room - excess))

    def _elided(self, room: int) -> str:
        mode = Qt.TextElideMode.ElideRight
        return self.fontMetrics().elidedText(self.full_text, mode, max(0, room))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._elide()  # 长辈版: the same width holds less
