"""Placeholder line drawings of where things are on the kiosk, painted with QPainter.

Simple and clear until the project's illustrations (per hardware layout) replace
them: the card on the reader, the slip at the outlet, a phone's payment code under
the scanner, a phone scanning the screen. Each is a few outlined shapes with the
part that matters filled in the primary colour.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from ui.layout_audit import ILLUSTRATION
from ui.theme import INK, PRIMARY, SURFACE
from ui.widgets.reflow import sized

#: What each sketch shows.
SKETCHES = ("card_on_reader", "slip_outlet", "phone_on_scanner", "phone_scans_screen")


class Sketch(QWidget):
    def __init__(self, what: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        if what not in SKETCHES:
            raise ValueError(f"no sketch {what!r}")
        self.what = what
        self.setProperty(ILLUSTRATION, True)  # the layout audit keeps text off it
        sized(self, 160, 120)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)

    def set_what(self, what: str) -> None:
        if what not in SKETCHES:
            raise ValueError(f"no sketch {what!r}")
        self.what = what
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        side = min(self.width() / 4, self.height() / 3)
        w, h = side * 4, side * 3
        box = QRectF((self.width() - w) / 2, (self.height() - h) / 2, w, h)
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setPen(QPen(QColor(INK), max(2.0, side / 20)))
        p.setBrush(QColor(SURFACE))
        getattr(self, f"_{self.what}")(p, box)
        p.end()

    @staticmethod
    def _at(box: QRectF, x: float, y: float, w: float, h: float) -> QRectF:
        """A rectangle in fractions of ``box``."""
        return QRectF(
            box.x() + x * box.width(),
            box.y() + y * box.height(),
            w * box.width(),
            h * box.height(),
        )

    def _accent(self, p: QPainter) -> None:
        p.setBrush(QColor(PRIMARY))

    def _card_on_reader(self, p: QPainter, box: QRectF) -> None:
        p.drawRoundedRect(self._at(box, 0.05, 0.45, 0.9, 0.45), 12, 12)  # the desk
        p.drawRect(self._at(box, 0.25, 0.55, 0.5, 0.2))  # the reader's pad
        self._accent(p)
        p.drawRoundedRect(self._at(box, 0.32, 0.12, 0.36, 0.4), 8, 8)  # the card, lifted
        p.setBrush(QColor(SURFACE))
        p.drawEllipse(self._at(box, 0.37, 0.2, 0.1, 0.14))  # its photo

    def _slip_outlet(self, p: QPainter, box: QRectF) -> None:
        p.drawRoundedRect(self._at(box, 0.1, 0.3, 0.8, 0.6), 12, 12)  # the front panel
        p.drawRect(self._at(box, 0.3, 0.42, 0.4, 0.06))  # the outlet's slot
        self._accent(p)
        p.drawRect(self._at(box, 0.36, 0.05, 0.28, 0.4))  # the slip sticking out

    def _phone_on_scanner(self, p: QPainter, box: QRectF) -> None:
        p.drawRoundedRect(self._at(box, 0.1, 0.65, 0.8, 0.25), 12, 12)  # the scanner window
        self._accent(p)
        p.drawRoundedRect(self._at(box, 0.38, 0.05, 0.24, 0.55), 10, 10)  # the phone, face down
        p.setBrush(QColor(SURFACE))
        p.drawRect(self._at(box, 0.42, 0.15, 0.16, 0.2))  # its payment code

    def _phone_scans_screen(self, p: QPainter, box: QRectF) -> None:
        p.drawRect(self._at(box, 0.05, 0.1, 0.5, 0.8))  # the screen
        p.drawRect(self._at(box, 0.15, 0.3, 0.3, 0.4))  # the QR on it
        self._accent(p)
        p.drawRoundedRect(self._at(box, 0.65, 0.2, 0.25, 0.6), 10, 10)  # the phone facing it
