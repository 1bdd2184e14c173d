"""One of the project's SVG pictures (``ui.illustrations``), drawn with QtSvg at any size.

Scaled to the room it is given, keeping its proportions, and rendered as vectors,
so it is crisp on any panel and in 长辈版. The hardware layout comes from the kiosk
the widget is shown in. ``set_pulsing`` rings the picture's target (the reader
while a card is read, the scanner while a payment waits) with a slow glow: the
only motion, and only where it tells the citizen something is happening.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QElapsedTimer, QRectF, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen, QPixmap, QShowEvent
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QLabel, QLayout, QSizePolicy, QWidget

from ui import design_tokens as tokens
from ui.illustrations import TARGET_ID, layout_of, svg_bytes

#: One glow in and out takes this long: calm, far from a flash.
PULSE_PERIOD_MS = 1600
#: Redraws per second while pulsing.
PULSE_FPS = 25
#: The glow's colour: amber, unlike every colour in the drawings.
PULSE_COLOUR = tokens.ATTENTION_GLOW
#: The drawings' shape, width to height.
PICTURE_ASPECT = 4 / 3
#: Drawn smaller than this (px high) a picture tells nothing; it is left out.
SMALLEST_PX = 60


class Illustration(QWidget):
    def __init__(self, what: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.what = what
        # The layout audit flags text drawn over a picture (ui.layout_audit.ILLUSTRATION).
        self.setProperty("illustration", True)
        self.layout_name = ""  # resolved when shown: the widget may not sit in a kiosk yet
        self.renderer = QSvgRenderer(self)
        self.pulsing = False
        # The picture rendered at its size on screen: a redraw (the pulse's, 25 a second)
        # copies it instead of rendering the vectors again.
        self._drawn: QPixmap | None = None
        self._clock = QElapsedTimer()
        self._pulse = QTimer(self, interval=1000 // PULSE_FPS, timeout=self.update)
        self.setMinimumSize(*tokens.size("sketch_small"))
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self._load()

    def set_what(self, what: str) -> None:
        if what != self.what:
            self.what = what
            self._load()

    def set_pulsing(self, pulsing: bool) -> None:
        self.pulsing = pulsing
        self._run_pulse()

    def sizeHint(self) -> QSize:
        # As large as its maximum allows (a page caps it), shrinking to the minimum when
        # the page is short of room (长辈版 type takes it).
        most = self.maximumSize()
        return QSize(min(most.width(), 400), min(most.height(), 300))

    def heightForWidth(self, width: int) -> int:
        return width * 3 // 4

    def _load(self) -> None:
        self.layout_name = layout_of(self)
        if not self.renderer.load(svg_bytes(self.what, self.layout_name)):
            raise ValueError(f"illustration {self.what!r} ({self.layout_name}) is not valid SVG")
        self._drawn = None
        self.update()

    def _run_pulse(self) -> None:
        if self.pulsing and self.isVisible():
            if not self._pulse.isActive():
                self._clock.start()
                self._pulse.start()
        else:
            self._pulse.stop()
        self.update()

    def showEvent(self, event: QShowEvent) -> None:
        if layout_of(self) != self.layout_name:  # now inside the kiosk window
            self._load()
        self._run_pulse()
        super().showEvent(event)

    def hideEvent(self, event) -> None:
        self._pulse.stop()  # no redraws of a picture nobody sees
        super().hideEvent(event)

    def picture_rect(self) -> QRectF:
        """Where the picture is drawn: as large as fits, centred, in its own proportions."""
        box = self.renderer.viewBoxF()
        scale = min(self.width() / box.width(), self.height() / box.height())
        w, h = box.width() * scale, box.height() * scale
        return QRectF((self.width() - w) / 2, (self.height() - h) / 2, w, h)

    def target_rect(self) -> QRectF:
        """The picture's target (``id="target"``) in widget coordinates."""
        box, shown = self.renderer.viewBoxF(), self.picture_rect()
        bounds = self.renderer.transformForElement(TARGET_ID).mapRect(
            self.renderer.boundsOnElement(TARGET_ID)
        )
        scale = shown.width() / box.width()
        return QRectF(
            shown.x() + (bounds.x() - box.x()) * scale,
            shown.y() + (bounds.y() - box.y()) * scale,
            bounds.width() * scale,
            bounds.height() * scale,
        )

    def _rendered(self) -> QPixmap:
        """The picture at its size in device pixels (crisp on any panel), rendered once."""
        ratio = self.devicePixelRatioF()
        size = (self.picture_rect().size() * ratio).toSize()
        if self._drawn is None or self._drawn.size() != size:
            self._drawn = QPixmap(size)
            self._drawn.fill(Qt.GlobalColor.transparent)
            painter = QPainter(self._drawn)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            self.renderer.render(painter, QRectF(0, 0, size.width(), size.height()))
            painter.end()
            self._drawn.setDevicePixelRatio(ratio)
        return self._drawn

    def paintEvent(self, event: QPaintEvent) -> None:
        if self.picture_rect().height() < SMALLEST_PX:
            return  # squeezed by words that needed the room: better none than a speck
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.drawPixmap(self.picture_rect().topLeft(), self._rendered())
        if self.pulsing and self._clock.isValid():
            phase = (self._clock.elapsed() % PULSE_PERIOD_MS) / PULSE_PERIOD_MS
            glow = 0.5 - 0.5 * math.cos(2 * math.pi * phase)  # 0 → 1 → 0, smoothly
            width = max(4.0, self.picture_rect().width() / 40)
            colour = QColor(PULSE_COLOUR)
            colour.setAlphaF(0.25 + 0.75 * glow)
            p.setPen(QPen(colour, width))
            p.setBrush(Qt.BrushStyle.NoBrush)
            ring = self.target_rect().adjusted(-width, -width, width, width)
            p.drawRoundedRect(ring, width * 2, width * 2)
        p.end()


def fit_in_column(picture: Illustration, column: QLayout, tallest: int, wanted: bool) -> None:
    """Give ``picture`` the height the other widgets of ``column`` leave, up to ``tallest``.

    The words come first: a wrapped label's height is known only for its width, which
    layouts guess (长辈版 English needs more than they give); the column's width is
    fixed by its row, so the height everything else needs is worked out here. Left
    with less than half its height, the picture is not shown (nor when not ``wanted``).
    """
    box = column.geometry()
    needed = column.spacing() * column.count()  # between every two items, and a little more
    for i in range(column.count()):
        widget = column.itemAt(i).widget()
        if widget is None or widget is picture or not widget.isVisibleTo(widget.window()):
            continue
        if isinstance(widget, QLabel) and not widget.text():
            continue  # an empty label takes no room worth counting
        wraps = isinstance(widget, QLabel) and widget.wordWrap()
        needed += widget.heightForWidth(box.width()) if wraps else widget.sizeHint().height()
    height = max(0, min(tallest, box.height() - needed))
    picture.setFixedSize(round(height * PICTURE_ASPECT), height)
    picture.setVisible(wanted and box.width() > 0 and height >= tallest // 2)
