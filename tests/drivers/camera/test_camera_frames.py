"""The latest-frame slot: a slow consumer skips frames and never blocks the producer."""

from __future__ import annotations

import threading

import numpy as np
import pytest

from drivers.camera.frames import Frame, LatestFrameSlot


def frame(seq: int) -> Frame:
    return Frame(np.zeros((4, 6, 3), np.uint8), seq, float(seq))


def test_only_the_newest_frame_is_kept() -> None:
    slot = LatestFrameSlot()
    assert slot.get() is None
    for seq in range(1, 6):
        slot.put(frame(seq))
    got = slot.get()
    assert got is not None and got.seq == 5 and got.size == (6, 4)


def test_wait_newer_returns_at_once_or_times_out() -> None:
    slot = LatestFrameSlot()
    slot.put(frame(3))
    got = slot.wait_newer(2, timeout=0)
    assert got is not None and got.seq == 3
    assert slot.wait_newer(3, timeout=0.01) is None


def test_waiter_is_woken_by_a_new_frame_and_by_close() -> None:
    slot = LatestFrameSlot()
    results: list[Frame | None] = []
    started = threading.Event()

    def wait(after: int) -> None:
        started.set()
        results.append(slot.wait_newer(after, timeout=30))

    t = threading.Thread(target=wait, args=(0,))
    t.start()
    started.wait()
    slot.put(frame(1))
    t.join(timeout=5)
    assert results[0] is not None and results[0].seq == 1

    started.clear()
    t = threading.Thread(target=wait, args=(1,))
    t.start()
    started.wait()
    slot.close()
    t.join(timeout=5)
    assert not t.is_alive() and results[1] is None
    slot.reopen()
    slot.put(frame(2))
    assert slot.wait_newer(1, timeout=0) is not None


def test_published_frames_are_read_only() -> None:
    from drivers.camera.on_simulator import SimulatedCamera, SimulatedCameraSettings

    cam = SimulatedCamera(SimulatedCameraSettings(transport="direct"))
    cam.open()
    try:
        got = cam.wait_frame(timeout=5)
        assert got is not None
        with pytest.raises(ValueError):
            got.image[0, 0, 0] = 1
    finally:
        cam.close()
