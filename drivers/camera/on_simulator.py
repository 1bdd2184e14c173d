"""Simulated camera: a synthetic scene streamed as MJPEG on loopback to the real OpenCV driver.

``transport="direct"`` skips the stream and hands rendered frames straight to
the capture thread (cheaper; for tests that do not care about the codec path).
Standalone: ``kiosk simulate camera --scenario NAME`` prints the stream URL.
"""

from __future__ import annotations

import threading
import time

import numpy as np

from drivers.base import DeviceLost, known_scenario
from drivers.camera.mjpeg import MjpegServer
from drivers.camera.opencv_camera import OpenCvCamera
from drivers.camera.scene import CameraScene
from drivers.camera.settings import SCENARIOS, SimulatedCameraSettings

SLIP_CODE = "https://zwfw.example.gov.cn/slip/KSK-20261122-000123"


class CameraSimulator:
    """A scene plus the faults of a camera: unplugging, freezing, darkness."""

    def __init__(self, width: int = 640, height: int = 480, fps: float = 15.0) -> None:
        self.scene = CameraScene(width, height)
        self.fps = fps
        self.plugged = True
        self.frozen = False
        self.quality = 85
        self._server: MjpegServer | None = None
        self._t0 = time.monotonic()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def render(self, t: float | None = None) -> np.ndarray:
        return self.scene.render(time.monotonic() - self._t0 if t is None else t)

    # ---- transport
    def serve_mjpeg(self) -> str:
        """Start the MJPEG server (once) and return its URL."""
        if self._server is None:
            self._server = MjpegServer(self.scene.render, fps=self.fps, quality=self.quality)
            self._server.plugged, self._server.frozen = self.plugged, self.frozen
            self._server.start()
        return self._server.url

    @property
    def url(self) -> str:
        return self._server.url if self._server is not None else ""

    # ---- faults
    def unplug(self) -> None:
        self.plugged = False
        if self._server is not None:
            self._server.plugged = False

    def replug(self) -> None:
        self.plugged = True
        if self._server is not None:
            self._server.plugged = True

    def freeze(self, frozen: bool = True) -> None:
        """Keep the device present but stop delivering frames."""
        self.frozen = frozen
        if self._server is not None:
            self._server.frozen = frozen

    # ---- scenarios
    def apply(self, scenario: str) -> None:
        known_scenario(scenario, SCENARIOS)
        scene = self.scene
        if scenario == "person_b":
            scene.show_person("person_b")
        elif scenario in ("two_people", "no_face"):
            scene.show_frame(scenario)
        elif scenario == "qr":
            scene.show_code(SLIP_CODE, "QR")
        elif scenario == "code128":
            scene.show_code("KSK20261122000123", "CODE128")
        else:
            scene.show_person("person_a")
        scene.dark = scenario == "dark"
        loop = {"liveness": self._liveness, "unplug_replug": self._unplug_replug}.get(scenario)
        if loop is not None:
            self._stop.clear()
            self._thread = threading.Thread(target=loop, name="camera-scenario", daemon=True)
            self._thread.start()

    def _liveness(self) -> None:
        poses = ("compliant", "turn_left", "compliant", "turn_right")
        i = 0
        while not self._stop.is_set():
            self.scene.show_person("person_a", poses[i % len(poses)])
            i += 1
            self._stop.wait(2.0)

    def _unplug_replug(self) -> None:
        while not self._stop.wait(4.0):
            self.unplug()
            if self._stop.wait(2.0):
                return
            self.replug()

    def close(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None
        if self._server is not None:
            self._server.close()
            self._server = None


class SimulatedCamera(OpenCvCamera):
    """The OpenCV driver reading a simulator's stream (or its frames directly)."""

    Settings = SimulatedCameraSettings
    settings: SimulatedCameraSettings

    def __init__(self, settings: SimulatedCameraSettings | None = None) -> None:
        super().__init__(settings)
        s = self.settings
        self.simulator = CameraSimulator(s.width, s.height, s.fps)
        self._scenario_applied = False
        self._next_at = 0.0

    def _open(self) -> None:
        if not self._scenario_applied:
            self.simulator.apply(self.settings.scenario)
            self._scenario_applied = True
        if self.settings.transport == "mjpeg":
            url = self.simulator.serve_mjpeg()
            self.settings = self.settings.model_copy(update={"source": url})
        super()._open()

    def _close(self) -> None:
        try:
            super()._close()
        finally:
            self.simulator.close()
            self._scenario_applied = False

    # ---- direct transport
    def _open_source(self) -> None:
        if self.settings.transport == "mjpeg":
            super()._open_source()
            return
        if not self.simulator.plugged:
            raise DeviceLost("simulated camera unplugged")
        self._next_at = time.monotonic()

    def _grab(self) -> np.ndarray | None:
        if self.settings.transport == "mjpeg":
            return super()._grab()
        if not self.simulator.plugged:
            raise DeviceLost("simulated camera unplugged")
        self._next_at += 1.0 / self.settings.fps
        delay = self._next_at - time.monotonic()
        if delay < -1.0:
            self._next_at = time.monotonic()
        elif delay > 0 and self._stop.wait(delay):
            return None
        if self.simulator.frozen:
            return None
        return self.simulator.render()

    def _release(self) -> None:
        if self.settings.transport == "mjpeg":
            super()._release()


class StandaloneSimulator:
    """A camera simulator streaming on its own (``kiosk simulate camera``)."""

    def __init__(self, scenario: str, *, width: int = 640, height: int = 480, fps: float = 15):
        self.simulator = CameraSimulator(width, height, fps)
        self.simulator.apply(scenario)
        self.address = self.simulator.serve_mjpeg()

    def close(self) -> None:
        self.simulator.close()


def start_standalone(scenario: str = "person") -> StandaloneSimulator:
    """Stream ``scenario`` as MJPEG on loopback; ``.address`` is the URL to open."""
    return StandaloneSimulator(scenario)
