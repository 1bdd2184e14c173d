"""Frames and the hand-off slot between a capture thread and its consumers."""

from __future__ import annotations

import threading
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True, slots=True, eq=False)
class Frame:
    """One captured image (BGR, read-only), its sequence number and capture time (monotonic)."""

    image: np.ndarray
    seq: int
    timestamp: float

    @property
    def size(self) -> tuple[int, int]:
        """(width, height)"""
        return int(self.image.shape[1]), int(self.image.shape[0])


class LatestFrameSlot:
    """Holds only the newest frame: a slow consumer skips frames, it never slows the producer."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._frame: Frame | None = None
        self._closed = False

    def put(self, frame: Frame) -> None:
        with self._cond:
            self._frame = frame
            self._cond.notify_all()

    def get(self) -> Frame | None:
        with self._cond:
            return self._frame

    def wait_newer(self, after_seq: int, timeout: float | None) -> Frame | None:
        """The newest frame with ``seq > after_seq``, waiting up to ``timeout`` s (else None)."""

        def ready() -> bool:
            return self._closed or (self._frame is not None and self._frame.seq > after_seq)

        with self._cond:
            self._cond.wait_for(ready, timeout)
            frame = self._frame
            if frame is not None and frame.seq > after_seq:
                return frame
            return None

    def close(self) -> None:
        """Wake every waiter (they get None unless a newer frame is there)."""
        with self._cond:
            self._closed = True
            self._cond.notify_all()

    def reopen(self) -> None:
        with self._cond:
            self._closed = False
