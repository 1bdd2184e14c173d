"""What every camera driver shares: a capture thread, frame hand-off, loss detection."""

from __future__ import annotations

import logging
import threading
import time
from abc import abstractmethod
from collections.abc import Callable

import numpy as np

from drivers.base import DeviceLost, DeviceStatus, DriverSettings
from drivers.camera.frames import Frame, LatestFrameSlot
from drivers.listeners import Listeners
from drivers.supervisor import SupervisedDevice

log = logging.getLogger(__name__)

FrameListener = Callable[[Frame], None]

#: Consecutive failed grabs after which the camera counts as lost.
MAX_FAILED_GRABS = 5


class CameraDevice(SupervisedDevice):
    """Captures on its own thread; consumers take the latest frame or get a callback.

    Frame listeners run on the capture thread and must return quickly (copy
    the reference and hand it on); a listener that fails is logged and kept.
    The camera counts as lost when no frame arrives for ``frame_timeout_s``.
    """

    kind = "camera"
    connect_in_open = False  # opening a stream URL may block for seconds

    def __init__(self, settings: DriverSettings | None = None) -> None:
        super().__init__(settings)
        self._slot = LatestFrameSlot()
        self._frame_listeners: Listeners[FrameListener] = Listeners()
        self._seq = 0
        self._fps = 0.0
        self._last_ts = 0.0

    # ---- hooks for concrete cameras
    @abstractmethod
    def _open_source(self) -> None:
        """Open the capture source; raise DeviceLost if it is not there."""

    @abstractmethod
    def _grab(self) -> np.ndarray | None:
        """Block for the next image; None if this attempt failed."""

    @abstractmethod
    def _release(self) -> None: ...

    @property
    def frame_timeout_s(self) -> float:
        return float(getattr(self.settings, "frame_timeout_s", 1.0))

    # ---- consumers
    def add_frame_listener(self, listener: FrameListener) -> None:
        self._frame_listeners.add(listener)

    def remove_frame_listener(self, listener: FrameListener) -> None:
        self._frame_listeners.remove(listener)

    def latest(self) -> Frame | None:
        """The newest frame, without waiting (None before the first one)."""
        return self._slot.get()

    def wait_frame(self, after_seq: int = -1, timeout: float | None = 2.0) -> Frame | None:
        """Wait for a frame newer than ``after_seq``; None on timeout or close."""
        return self._slot.wait_newer(after_seq, timeout)

    @property
    def fps(self) -> float:
        """Measured frame rate (smoothed)."""
        return self._fps

    # ---- supervision
    def _open(self) -> None:
        self._slot.reopen()
        super()._open()

    def _close(self) -> None:
        self._slot.close()
        super()._close()

    def _connect(self) -> None:
        self._open_source()

    def _disconnect(self) -> None:
        self._release()

    def _serve(self, stop: threading.Event) -> None:
        last_good = time.monotonic()
        online = False
        failures = 0
        while not stop.is_set():
            image = self._grab()
            now = time.monotonic()
            if image is None:
                failures += 1
                if now - last_good > self.frame_timeout_s:
                    raise DeviceLost(f"no frames for {self.frame_timeout_s:.1f} s")
                # Reads that fail at once, again and again: the stream ended or the
                # device went away; no need to wait for the timeout.
                if failures >= MAX_FAILED_GRABS:
                    raise DeviceLost("camera stopped delivering frames")
                # A failed grab returns at once on some backends: do not spin.
                stop.wait(0.01)
                continue
            last_good, failures = now, 0
            if not online:
                online = True
                self._set_status(DeviceStatus.online())
            self._publish(image, now)

    def _publish(self, image: np.ndarray, now: float) -> None:
        image.flags.writeable = False
        self._seq += 1
        frame = Frame(image, self._seq, now)
        if self._last_ts:
            dt = now - self._last_ts
            if dt > 0:
                self._fps = 1 / dt if not self._fps else 0.9 * self._fps + 0.1 / dt
        self._last_ts = now
        self._slot.put(frame)
        for listener in self._frame_listeners.snapshot():
            try:
                listener(frame)
            except Exception:  # a consumer bug must not stop capture
                log.exception("frame listener failed", extra={"kind": self.kind})

    def _check_external(self) -> tuple[bool, str, str]:
        status = self.status
        if not status.usable and status.code != "CONNECTING":
            return False, status.detail or "camera not available", status.code
        latest = self.latest()
        frame = self.wait_frame(
            latest.seq if latest else -1, timeout=max(2.0, self.frame_timeout_s)
        )
        if frame is None:
            status = self.status
            return False, status.detail or "no frame from the camera", status.code or "NO_FRAMES"
        w, h = frame.size
        if float(np.mean(frame.image)) < 8:
            return False, f"frames {w}×{h} are black (lens covered or no light)", "FRAME_BLACK"
        return True, f"frames {w}×{h} at {self.fps:.1f} fps", "OK"
