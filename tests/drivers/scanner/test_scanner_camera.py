"""The camera scanner on the simulated camera: decode thread, de-duplication, status."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from typing import Any

import numpy as np
import pytest

from drivers.camera.on_simulator import SimulatedCamera, SimulatedCameraSettings
from drivers.scanner.camera_scanner import CameraScanner, CameraScannerSettings
from drivers.scanner.decoders import make_decoder
from drivers.scanner.model import ScanResult


@pytest.fixture
def camera() -> Iterator[SimulatedCamera]:
    cam = SimulatedCamera(
        SimulatedCameraSettings(
            transport="direct",
            fps=30,
            scenario="no_face",
            reconnect_interval_s=0.05,
            hold_down_s=0,
        )
    )
    yield cam
    cam.close()


def test_code_held_up_is_scanned_once(camera: SimulatedCamera, recorder: Any) -> None:
    camera.open()
    scanner = CameraScanner(CameraScannerSettings(repeat_window_s=60), camera=camera)
    scanner.add_listener(recorder)
    scanner.open()
    try:
        camera.simulator.scene.show_code("SLIP-0001", "QR")
        first = recorder.wait_scans(1)[0]
        assert (first.text, first.symbology, first.source) == ("SLIP-0001", "QR", "camera")
        # Many more frames of the same code: still one scan.
        seq = camera.latest().seq  # type: ignore[union-attr]
        assert camera.wait_frame(seq + 10, timeout=5) is not None
        camera.simulator.scene.show_code("1234567890123", "CODE128")
        second = recorder.wait_scans(2)[1]
        assert second.symbology == "CODE128"
        assert [r.text for r in recorder.scans()].count("SLIP-0001") == 1
    finally:
        scanner.close()
    # A shared camera stays open for its other users.
    assert camera.status.usable


def test_status_follows_the_camera(camera: SimulatedCamera, recorder: Any) -> None:
    camera.open()
    scanner = CameraScanner(camera=camera)
    scanner.add_listener(recorder)
    scanner.open()
    try:
        camera.simulator.unplug()
        recorder.wait_status("DEVICE_LOST")
        camera.simulator.replug()
        recorder.wait_recovered()
    finally:
        scanner.close()


def test_slow_decoder_never_holds_the_camera_back(camera: SimulatedCamera) -> None:
    class SlowDecoder:
        name = "slow"
        calls = 0

        def decode(self, image: np.ndarray) -> list[ScanResult]:
            SlowDecoder.calls += 1
            time.sleep(0.2)  # stands in for an expensive decode
            return []

    camera.open()
    scanner = CameraScanner(camera=camera, decoder=SlowDecoder())
    scanner.open()
    try:
        start = camera.wait_frame(timeout=5)
        assert start is not None
        later = camera.wait_frame(start.seq + 15, timeout=5)
        assert later is not None  # frames kept flowing at camera speed
        assert SlowDecoder.calls < later.seq - start.seq
    finally:
        scanner.close()


def test_own_simulated_camera_from_settings(recorder: Any) -> None:
    scanner = CameraScanner(CameraScannerSettings(camera="sim:qr", width=640, height=480))
    scanner.add_listener(recorder)
    scanner.open()
    try:
        assert "zwfw.example.gov.cn" in recorder.wait_scans(1)[0].text
        result = scanner.health_check()
        assert result.passed
    finally:
        scanner.close()
    assert scanner.camera.status.code == "NOT_OPEN"


def test_bad_decoder_setting(camera: SimulatedCamera) -> None:
    scanner = CameraScanner(CameraScannerSettings(decoder="nope"), camera=camera)
    scanner.open()
    try:
        assert scanner.status.code == "CONFIG_ERROR"
    finally:
        scanner.close()


def test_decoder_crash_on_a_frame_does_not_stop_scanning(
    camera: SimulatedCamera, recorder: Any
) -> None:
    real = make_decoder()
    crashed = threading.Event()

    class Flaky:
        name = "flaky"

        def decode(self, image: np.ndarray) -> list[ScanResult]:
            if not crashed.is_set():
                crashed.set()
                raise RuntimeError("odd frame")
            return real.decode(image)

    camera.open()
    scanner = CameraScanner(camera=camera, decoder=Flaky())
    scanner.add_listener(recorder)
    scanner.open()
    try:
        camera.simulator.scene.show_code("AFTER-CRASH", "QR")
        assert recorder.wait_scans(1)[0].text == "AFTER-CRASH"
        assert crashed.is_set()
    finally:
        scanner.close()
