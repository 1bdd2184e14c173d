"""The simulated camera: scenarios, faults through the real driver, standalone streaming."""

from __future__ import annotations

from typing import Any

import cv2
import pytest

from drivers.camera import on_simulator as camsim
from drivers.camera.on_simulator import SimulatedCamera, SimulatedCameraSettings
from drivers.scanner.decoders import make_decoder
from tests.drivers.simulators import assert_scenarios


def test_scenarios() -> None:
    expected = {"person", "person_b", "liveness", "qr", "no_face", "dark", "unplug_replug"}
    assert_scenarios(expected, camsim.SCENARIOS, camsim.start_standalone, SimulatedCameraSettings)


def test_standalone_stream_opens_in_opencv() -> None:
    standalone = camsim.start_standalone("qr")
    try:
        assert standalone.address.startswith("http://127.0.0.1:")
        cap = cv2.VideoCapture(standalone.address, cv2.CAP_FFMPEG)
        try:
            ok, frame = cap.read()
        finally:
            cap.release()
        assert ok and frame.shape == (480, 640, 3)
        assert [r.symbology for r in make_decoder().decode(frame)] == ["QR"]
    finally:
        standalone.close()


@pytest.mark.parametrize("transport", ["mjpeg", "direct"])
def test_unplug_and_replug(transport: str, statuses: Any) -> None:
    cam = SimulatedCamera(
        SimulatedCameraSettings(transport=transport, reconnect_interval_s=0.05, hold_down_s=0)
    )
    cam.add_listener(statuses)
    cam.open()
    try:
        statuses.wait_status("OK")
        cam.simulator.unplug()
        statuses.wait_status("DEVICE_LOST")
        cam.simulator.replug()
        statuses.wait_recovered()
    finally:
        cam.close()


def test_liveness_scenario_thread_stops_with_the_camera() -> None:
    cam = SimulatedCamera(SimulatedCameraSettings(transport="direct", scenario="liveness"))
    cam.open()
    try:
        assert cam.simulator.scene.content == ("person", "person_a", "compliant")
    finally:
        cam.close()
    assert cam.simulator._thread is None


def test_same_person_as_the_simulated_card_photo() -> None:
    from drivers.idcard.profiles import PROFILES

    cam = SimulatedCamera(SimulatedCameraSettings(transport="direct"))
    assert cam.simulator.scene.content[1] == PROFILES["zhang_san"].photo_key
