"""The live camera picture and the captured photo, drawn from BGR numpy frames.

``CameraView`` polls a frame source on a ``QTimer`` only while it has a source and is
visible; hiding it (its page is not current) or clearing the source stops the timer and
drops the last frame, so no picture of the citizen stays in the widget. Frames are read
on the GUI thread from the camera's latest-frame slot (a lock and a reference, no copy);
only the conversion to a ``QImage`` copies, once per new frame.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
from PySide6.QtCore import QRectF, Qt, QTimer
from PySide6.QtGui import QColor, QHideEvent, QImage, QPainter, QPaintEvent, QPen, QShowEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from ui.widgets.reflow import sized

FrameSource = Callable[[], Any]  # returns a drivers.camera Frame (``.image``, ``.seq``) or None

BACKDROP = QColor("#20262e")
GUIDE = QColor("#ffffff")
GUIDE_OK = QColor("#2fbf5b")


def to_qimage(image: np.ndarray) -> QImage:
    """A Qt-owned copy of a BGR uint8 image."""
    if image.ndim != 3 or image.shape[2] != 3 or image.dtype != np.uint8:
        raise ValueError("expected a BGR uint8 image")
    h, w = image.shape[:2]
    data = np.ascontiguousarray(image)
    return QImage(data.data, w, h, data.strides[0], QImage.Format.Format_BGR888).copy()


def fit(outer_w: float, outer_h: float, w: int, h: int) -> QRectF:
    """The largest rectangle of aspect w:h centred in the outer size."""
    k = min(outer_w / w, outer_h / h)
    return QRectF((outer_w - w * k) / 2, (outer_h - h * k) / 2, w * k, h * k)


class CameraView(QWidget):
    """Live preview, mirrored like a looking-glass, with an oval showing where the face goes."""

    #: Poll period: at most half a frame of a 30 fps camera, so every frame is picked up
    #: (33 ms against a 33 ms frame period dropped and doubled frames); only new frames
    #: are converted, so an idle tick costs a lock and a comparison.
    INTERVAL_MS = 16

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        sized(self, 320, 240)
        self.timer = QTimer(self, interval=self.INTERVAL_MS)
        self.timer.timeout.connect(self._tick)
        self.mirrored = True
        self.guide_ok = False
        self.frames_shown = 0
        #: Shown while there is no picture (preview off).
        self.placeholder = ""
        self._source: FrameSource | None = None
        self._image: QImage | None = None
        self._seq = -1

    @property
    def has_frame(self) -> bool:
        return self._image is not None

    def set_source(self, source: FrameSource | None) -> None:
        """Show frames from ``source`` (None: preview off)."""
        self._source = source
        self._sync()

    def set_placeholder(self, text: str) -> None:
        if text != self.placeholder:
            self.placeholder = text
            self.update()

    def set_guide_ok(self, ok: bool) -> None:
        if ok != self.guide_ok:
            self.guide_ok = ok
            self.update()

    def _sync(self) -> None:
        if self._source is not None and self.isVisible():
            if not self.timer.isActive():
                self.timer.start()
                self._tick()
        else:
            self.timer.stop()
            self._drop()

    def _drop(self) -> None:
        if self._image is not None:
            self._image = None
            self._seq = -1
            self.update()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._sync()

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self._sync()

    def _tick(self) -> None:
        frame = self._source() if self._source is not None else None
        if frame is None:
            self._drop()
            return
        if frame.seq == self._seq:
            return
        self._seq = frame.seq
        self._image = to_qimage(frame.image)
        self.frames_shown += 1
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), BACKDROP)
        image = self._image
        if image is not None:
            target = fit(self.width(), self.height(), image.width(), image.height())
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            if self.mirrored:
                painter.save()
                painter.translate(target.center().x() * 2, 0)
                painter.scale(-1, 1)
                painter.drawImage(target, image)
                painter.restore()
            else:
                painter.drawImage(target, image)
            self._draw_guide(painter, target)
        elif self.placeholder:
            painter.setPen(GUIDE)
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.placeholder)
        painter.end()

    def _draw_guide(self, painter: QPainter, target: QRectF) -> None:
        """An oval where a well-placed face sits (head about 40 % of the frame width)."""
        w, h = target.width() * 0.36, target.height() * 0.62
        oval = QRectF(target.center().x() - w / 2, target.center().y() - h * 0.55, w, h)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = QPen(GUIDE_OK if self.guide_ok else GUIDE, max(3.0, target.width() / 160))
        pen.setStyle(Qt.PenStyle.SolidLine if self.guide_ok else Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.drawEllipse(oval)


class PhotoView(QWidget):
    """A still image (the captured ID photo), fitted to the widget, never mirrored."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        sized(self, 179, 220)
        self._image: QImage | None = None

    @property
    def image_size(self) -> tuple[int, int] | None:
        return (self._image.width(), self._image.height()) if self._image is not None else None

    def set_image(self, image: np.ndarray | None) -> None:
        self._image = to_qimage(image) if image is not None else None
        self.update()

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self.set_image(None)  # the page is not current: forget the photo

    def paintEvent(self, event: QPaintEvent) -> None:
        if self._image is None:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        target = fit(self.width(), self.height(), self._image.width(), self._image.height())
        painter.drawImage(target, self._image)
        painter.setPen(QPen(QColor("#5c6678"), 2))
        painter.drawRect(target)
        painter.end()
