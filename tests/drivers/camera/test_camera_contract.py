"""Contract every camera driver keeps: against the simulated camera, or a real one.

Run against hardware with ``pytest tests/drivers/camera --device-camera 0`` (an index,
a /dev/video path or a stream URL).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from drivers import registry
from drivers.base import DeviceState, HealthLevel
from drivers.camera.base import CameraDevice
from drivers.camera.on_simulator import SimulatedCamera, SimulatedCameraSettings
from drivers.camera.opencv_camera import OpenCvCamera, OpenCvCameraSettings
from tests.drivers.camera.conftest import Frames
from tests.drivers.contract import device_under_test, status_changes


@pytest.fixture
def camera(request: pytest.FixtureRequest) -> Iterator[CameraDevice]:
    yield from device_under_test(
        request,
        "--device-camera",
        lambda spec: OpenCvCamera(OpenCvCameraSettings(source=spec)),
        lambda: SimulatedCamera(SimulatedCameraSettings()),  # MJPEG through the real driver
    )


def test_entry_points_name_these_classes() -> None:
    assert registry.load("camera-opencv") is OpenCvCamera
    assert registry.load("camera-sim") is SimulatedCamera


def test_opens_without_blocking_and_delivers_frames(camera: CameraDevice, statuses: Any) -> None:
    camera.add_listener(statuses)
    camera.open()
    assert camera.status.state in (DeviceState.OFFLINE, DeviceState.ONLINE)
    statuses.wait_status("OK")
    frame = camera.wait_frame(timeout=5)
    assert frame is not None and frame.image.ndim == 3 and frame.image.shape[2] == 3
    assert camera.identity.model


def test_frame_listeners_get_consecutive_frames(camera: CameraDevice) -> None:
    frames = Frames(5)
    camera.add_frame_listener(frames)
    camera.open()
    assert frames.enough.wait(10)
    seqs = [f.seq for f in frames.got[:5]]
    assert seqs == sorted(seqs) and len(set(seqs)) == 5
    camera.remove_frame_listener(frames)


def test_health_checks_pass(camera: CameraDevice, statuses: Any) -> None:
    camera.add_listener(statuses)
    camera.open()
    statuses.wait_status("OK")
    assert camera.health_check(HealthLevel.INTERNAL).passed
    external = camera.health_check(HealthLevel.EXTERNAL)
    assert external.passed, external
    assert camera.fps > 0


def test_close_stops_capture_and_reopen_works(camera: CameraDevice, statuses: Any) -> None:
    camera.add_listener(statuses)
    camera.open()
    statuses.wait_status("OK")
    camera.close()
    camera.close()
    assert camera.status.state is DeviceState.CLOSED
    last = camera.latest()
    assert camera.wait_frame(last.seq if last else -1, timeout=0.2) is None
    statuses.clear()
    camera.open()
    statuses.wait_status("OK")


def test_status_events_are_changes_only(camera: CameraDevice) -> None:
    with status_changes(camera) as events:
        camera.open()
        camera.wait_frame(timeout=5)
        camera.close()
    assert all(e.previous != e.status for e in events)
