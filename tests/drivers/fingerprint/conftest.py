"""Fixtures for the fingerprint tests: simulated readers bound to a recorder."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from drivers.fingerprint.on_simulator import (
    SimulatedFingerprintReader,
    SimulatedFingerprintReaderSettings,
)
from tests.drivers.fingerprint.fp_helpers import Recorder
from tests.drivers.recorder import opened_devices


@pytest.fixture
def make_reader() -> Iterator[Callable[..., tuple[SimulatedFingerprintReader, Recorder]]]:
    yield from opened_devices(
        lambda s: SimulatedFingerprintReader(SimulatedFingerprintReaderSettings(**s)),
        {"scenario": "manual", "finger_delay_s": 0.0, "hold_down_s": 0},
    )
