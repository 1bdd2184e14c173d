"""Fixtures for the camera tests."""

from __future__ import annotations

import pytest

from tests.drivers.recorder import Recorder


@pytest.fixture
def statuses() -> Recorder:
    """Listener that keeps the events and lets a test wait for a status change."""
    return Recorder()
