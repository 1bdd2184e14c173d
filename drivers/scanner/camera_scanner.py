"""Codes read from camera frames: a decode thread that takes the newest frame, drops the rest."""

from __future__ import annotations

import logging
import threading
import time

from drivers.base import (
    Actor,
    Device,
    DeviceError,
    DeviceEvent,
    DeviceState,
    DeviceStatus,
    HealthLevel,
    StatusChanged,
)
from drivers.camera.base import CameraDevice
from drivers.camera.frames import Frame, LatestFrameSlot
from drivers.scanner.decoders import Decoder, make_decoder
from drivers.scanner.model import CodeScanned
from drivers.scanner.settings import CameraScannerSettings

log = logging.getLogger(__name__)


def _own_camera(settings: CameraScannerSettings) -> CameraDevice:
    spec = settings.camera
    if spec == "sim" or spec.startswith("sim:"):
        from drivers.camera.on_simulator import SimulatedCamera
        from drivers.camera.settings import SimulatedCameraSettings

        scenario = spec.partition(":")[2] or "qr"
        return SimulatedCamera(
            SimulatedCameraSettings(
                scenario=scenario,
                width=settings.width,
                height=settings.height,
                transport="direct",
                hold_down_s=settings.hold_down_s,
            )
        )
    from drivers.camera.opencv_camera import OpenCvCamera
    from drivers.camera.settings import OpenCvCameraSettings

    return OpenCvCamera(
        OpenCvCameraSettings(
            source=spec,
            width=settings.width,
            height=settings.height,
            hold_down_s=settings.hold_down_s,
        )
    )


class CameraScanner(Device):
    """Reports :class:`CodeScanned` for codes held up to a camera (its own, or a shared one).

    Its status is the camera's, which the supervisor keeps (and holds down, with
    this scanner's ``hold_down_s`` when the camera is its own); decoding runs on
    one thread of its own.
    """

    kind = "scanner"
    Settings = CameraScannerSettings
    settings: CameraScannerSettings

    def __init__(
        self,
        settings: CameraScannerSettings | None = None,
        *,
        camera: CameraDevice | None = None,
        decoder: Decoder | None = None,
    ) -> None:
        super().__init__(settings)
        self._given_decoder = decoder
        self._owns_camera = camera is None
        self.camera = camera if camera is not None else _own_camera(self.settings)
        self._slot = LatestFrameSlot()
        self._decoder: Decoder | None = None
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._recent: dict[str, float] = {}
        self.decode_ms = 0.0

    def _open(self) -> None:
        try:
            s = self.settings
            self._decoder = self._given_decoder or make_decoder(
                s.decoder, s.formats, try_rotate=s.try_rotate, try_invert=s.try_invert
            )
        except DeviceError as exc:
            self._set_status(
                DeviceStatus(DeviceState.ERROR, exc.code, str(exc), Actor.CONFIGURATION)
            )
            return
        self._stop.clear()
        self._slot.reopen()
        self.camera.add_listener(self._on_camera_event)
        self.camera.add_frame_listener(self._slot.put)
        if self._owns_camera:
            self.camera.open()
        self._set_status(self.camera.status)
        self._thread = threading.Thread(target=self._run, name="camera-scanner", daemon=True)
        self._thread.start()

    def _close(self) -> None:
        self._stop.set()
        self._slot.close()
        self.camera.remove_frame_listener(self._slot.put)
        self.camera.remove_listener(self._on_camera_event)
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None
        if self._owns_camera:
            self.camera.close()

    def _on_camera_event(self, event: DeviceEvent) -> None:
        if isinstance(event, StatusChanged) and not self._stop.is_set():
            self._set_status(event.status)

    def _run(self) -> None:
        decoder = self._decoder
        assert decoder is not None
        seq = -1
        min_gap = 1.0 / self.settings.max_decode_fps
        while not self._stop.is_set():
            frame = self._slot.wait_newer(seq, timeout=0.5)
            if frame is None:
                continue
            seq = frame.seq
            started = time.perf_counter()
            try:
                results = decoder.decode(frame.image)
            except Exception:  # a decoder crash on one odd frame must not end scanning
                log.exception("decoder failed", extra={"kind": self.kind})
                results = []
            elapsed = time.perf_counter() - started
            self.decode_ms = (
                0.8 * self.decode_ms + 0.2 * elapsed * 1000 if self.decode_ms else elapsed * 1000
            )
            for result in results:
                if self._is_new(result.text, frame):
                    self._emit(CodeScanned(result))
            if elapsed < min_gap:
                self._stop.wait(min_gap - elapsed)

    def _is_new(self, text: str, frame: Frame) -> bool:
        window = self.settings.repeat_window_s
        now = frame.timestamp
        self._recent = {t: at for t, at in self._recent.items() if now - at < window}
        seen = text in self._recent
        self._recent[text] = now
        return not seen

    def _check_external(self) -> tuple[bool, str, str]:
        camera = self.camera.health_check(HealthLevel.EXTERNAL)
        if not camera.passed or self._decoder is None:
            return False, camera.text, camera.code
        frame = self.camera.latest()
        if frame is None:
            return False, "no frame to decode", "NO_FRAMES"
        started = time.perf_counter()
        self._decoder.decode(frame.image)
        ms = (time.perf_counter() - started) * 1000
        return True, f"{camera.text}; {self._decoder.name} decodes a frame in {ms:.1f} ms", "OK"
