"""The OpenCV capture driver on a video file and on the simulator's MJPEG stream."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import cv2
import numpy as np
import pytest

from drivers.base import DeviceState, HealthLevel
from drivers.camera.frames import Frame
from drivers.camera.on_simulator import CameraSimulator
from drivers.camera.opencv_camera import OpenCvCamera, OpenCvCameraSettings, redact
from tests.drivers.camera.conftest import Frames
from tests.drivers.recorder import Recorder


def write_video(path: Path, frames: int, value: int | None = None) -> None:
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"MJPG"), 30, (320, 240))
    assert writer.isOpened()
    rng = np.random.default_rng(0)
    for i in range(frames):
        if value is None:
            img = rng.integers(0, 255, (240, 320, 3), dtype=np.uint8)
            cv2.putText(img, str(i), (20, 120), cv2.FONT_HERSHEY_SIMPLEX, 2, (255, 255, 255), 3)
        else:
            img = np.full((240, 320, 3), value, np.uint8)
        writer.write(img)
    writer.release()


@pytest.fixture
def stream() -> Iterator[CameraSimulator]:
    sim = CameraSimulator(320, 240, fps=30)
    sim.serve_mjpeg()
    yield sim
    sim.close()


def camera(source: str, **kw: Any) -> OpenCvCamera:
    return OpenCvCamera(
        OpenCvCameraSettings(
            source=source, reconnect_interval_s=0.05, hold_down_s=0, frame_timeout_s=1.0, **kw
        )
    )


@contextmanager
def opened(source: str, statuses: Recorder) -> Iterator[OpenCvCamera]:
    """The camera on ``source``, telling ``statuses``, open for the block."""
    cam = camera(source)
    cam.add_listener(statuses)
    cam.open()
    try:
        yield cam
    finally:
        cam.close()


def test_frames_from_a_file_reach_listeners_and_the_slot(tmp_path: Path, statuses: Any) -> None:
    video = tmp_path / "clip.avi"
    write_video(video, 40)
    cam = camera(str(video))
    cam.add_listener(statuses)
    frames = Frames(10)
    cam.add_frame_listener(frames)
    cam.open()
    try:
        assert frames.enough.wait(10)
        assert frames.got[0].image.shape == (240, 320, 3)
        assert [f.seq for f in frames.got[:10]] == list(range(1, 11))
        assert "320×240" in cam.identity.model
        # The end of the file is a lost device; it is opened again by itself.
        statuses.wait_status("DEVICE_LOST")
        statuses.wait_recovered()
    finally:
        cam.close()
    assert cam.status.state is DeviceState.CLOSED


def test_missing_source_is_device_lost(statuses: Any) -> None:
    with opened("/nonexistent/video9", statuses) as cam:
        statuses.wait_status("DEVICE_LOST")
        assert not cam.health_check(HealthLevel.EXTERNAL).passed


def test_black_frames_fail_the_external_check(stream: CameraSimulator, statuses: Any) -> None:
    stream.scene.dark = True
    with opened(stream.url, statuses) as cam:
        statuses.wait_status("OK")
        result = cam.health_check(HealthLevel.EXTERNAL)
        assert not result.passed and result.code == "FRAME_BLACK"
        stream.scene.dark = False
        assert cam.health_check(HealthLevel.EXTERNAL).passed


def test_stream_drop_and_return(stream: CameraSimulator, statuses: Any) -> None:
    with opened(stream.url, statuses) as cam:
        statuses.wait_status("OK")
        stream.unplug()
        statuses.wait_status("DEVICE_LOST")
        stream.replug()
        statuses.wait_recovered()
        latest = cam.latest()
        assert cam.wait_frame(latest.seq if latest else -1, timeout=5) is not None


def test_frozen_stream_is_noticed(stream: CameraSimulator, statuses: Any) -> None:
    with opened(stream.url, statuses):
        statuses.wait_status("OK")
        stream.freeze()
        statuses.wait_status("DEVICE_LOST")
        stream.freeze(False)
        statuses.wait_recovered()


def test_a_failing_frame_listener_does_not_stop_capture(tmp_path: Path) -> None:
    video = tmp_path / "clip.avi"
    write_video(video, 30)
    cam = camera(str(video))
    seen = threading.Event()

    def broken(frame: Frame) -> None:
        raise RuntimeError("consumer bug")

    cam.add_frame_listener(broken)
    cam.add_frame_listener(lambda f: seen.set() if f.seq >= 5 else None)
    cam.open()
    try:
        assert seen.wait(10)
    finally:
        cam.close()


def test_stream_credentials_never_reach_the_identity() -> None:
    assert redact("rtsp://admin:secret@10.0.0.5:554/live") == "rtsp://***@10.0.0.5:554/live"
    assert redact("/dev/video0") == "/dev/video0"
