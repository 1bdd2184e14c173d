"""A small animated indicator: something is happening that the citizen waits for.

The only motion on the citizen screens, and only where it tells something: a card
being read, a payment waiting for its answer. Three dots light in turn; the timer
runs only while the indicator is on and on screen.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, QTimer
from PySide6.QtGui import QColor, QHideEvent, QPainter, QPaintEvent, QShowEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from ui.design_tokens import DISABLED_BG, PRIMARY, px

DOTS = 3
#: A dot lights this often: calm, but visibly alive.
STEP_MS = 300
#: Each dot's diameter, millimetres; the gaps are as wide.
DOT_MM = 4.0


class BusyDots(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.phase = 0
        self.active = False
        self._timer = QTimer(self, interval=STEP_MS, timeout=self._advance)
        self.setVisible(False)

    def set_active(self, active: bool) -> None:
        """On while the citizen waits; off (hidden, timer stopped) otherwise."""
        self.active = active
        self.setVisible(active)
        self._run()

    def sizeHint(self) -> QSize:
        dot = px(DOT_MM)
        return QSize(dot * (2 * DOTS - 1), dot)

    def _run(self) -> None:
        if self.active and self.isVisible():
            if not self._timer.isActive():
                self._timer.start()
        else:
            self._timer.stop()

    def _advance(self) -> None:
        self.phase = (self.phase + 1) % DOTS
        self.update()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._run()

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self._timer.stop()

    def paintEvent(self, event: QPaintEvent) -> None:
        dot = px(DOT_MM)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QColor(PRIMARY))
        for i in range(DOTS):
            painter.setBrush(QColor(PRIMARY if i == self.phase else DISABLED_BG))
            painter.drawEllipse(QRectF(i * 2 * dot, 0, dot, dot))
        painter.end()
