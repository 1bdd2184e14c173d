"""OpenCV capture from a device index, a device path or a stream URL."""

from __future__ import annotations

import re
import threading

import cv2
import numpy as np

from drivers.base import DeviceIdentity, DeviceLost
from drivers.camera.base import CameraDevice
from drivers.camera.settings import OpenCvCameraSettings

_APIS = {
    "auto": cv2.CAP_ANY,
    "v4l2": cv2.CAP_V4L2,
    "ffmpeg": cv2.CAP_FFMPEG,
    "gstreamer": cv2.CAP_GSTREAMER,
}


def redact(source: str) -> str:
    """A stream URL without its credentials (``rtsp://user:pw@host`` → ``rtsp://***@host``)."""
    return re.sub(r"(://)[^/@]*@", r"\1***@", source)


class OpenCvCamera(CameraDevice):
    """A camera read with ``cv2.VideoCapture`` on the capture thread."""

    Settings = OpenCvCameraSettings
    settings: OpenCvCameraSettings

    def __init__(self, settings: OpenCvCameraSettings | None = None) -> None:
        super().__init__(settings)
        self._cap: cv2.VideoCapture | None = None
        self._cap_lock = threading.Lock()

    def _source(self) -> str | int:
        source = self.settings.source.strip()
        return int(source) if source.isdigit() else source

    def _open_source(self) -> None:
        s = self.settings
        source = self._source()
        api = _APIS[s.api]
        is_url = isinstance(source, str) and "://" in source
        if is_url and api == cv2.CAP_ANY:
            api = cv2.CAP_FFMPEG
        params = [
            cv2.CAP_PROP_OPEN_TIMEOUT_MSEC,
            int(s.open_timeout_s * 1000),
            cv2.CAP_PROP_READ_TIMEOUT_MSEC,
            int(s.frame_timeout_s * 1000),
        ]
        cap = cv2.VideoCapture(source, api, params)
        if not cap.isOpened():
            cap.release()
            raise DeviceLost(f"camera {s.source} not available")
        if not is_url:
            if s.fourcc.strip():
                cap.set(cv2.CAP_PROP_FOURCC, cv2.VideoWriter.fourcc(*s.fourcc))
            cap.set(cv2.CAP_PROP_FRAME_WIDTH, s.width)
            cap.set(cv2.CAP_PROP_FRAME_HEIGHT, s.height)
            cap.set(cv2.CAP_PROP_FPS, s.fps)
            # A one-frame driver queue keeps latency down when we fall behind.
            cap.set(cv2.CAP_PROP_BUFFERSIZE, 1)
        width = int(cap.get(cv2.CAP_PROP_FRAME_WIDTH))
        height = int(cap.get(cv2.CAP_PROP_FRAME_HEIGHT))
        with self._cap_lock:
            self._cap = cap
        self._identity = DeviceIdentity(
            model=f"{cap.getBackendName()} camera {width}×{height}", serial=redact(s.source)
        )

    def _grab(self) -> np.ndarray | None:
        cap = self._cap
        if cap is None:
            raise DeviceLost("camera released")
        ok, image = cap.read()
        return image if ok and image is not None and image.size else None

    def _release(self) -> None:
        with self._cap_lock:
            cap, self._cap = self._cap, None
        if cap is not None:
            cap.release()
