"""Fixtures for the camera tests."""

from __future__ import annotations

import threading

import pytest

from drivers.camera.frames import Frame
from tests.drivers.recorder import Recorder


@pytest.fixture
def statuses() -> Recorder:
    """Listener that keeps the events and lets a test wait for a status change."""
    return Recorder()


class Frames:
    """Frame listener that keeps every frame; ``enough`` is set once ``count`` have come."""

    def __init__(self, count: int) -> None:
        self.got: list[Frame] = []
        self.enough = threading.Event()
        self._count = count

    def __call__(self, frame: Frame) -> None:
        self.got.append(frame)
        if len(self.got) >= self._count:
            self.enough.set()
