"""Fixtures for the fingerprint tests: simulated readers bound to a recorder."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from drivers.fingerprint.on_simulator import (
    SimulatedFingerprintReader,
    SimulatedFingerprintReaderSettings,
)
from tests.drivers.fingerprint.fp_helpers import Recorder


@pytest.fixture
def make_reader() -> Iterator[Callable[..., tuple[SimulatedFingerprintReader, Recorder]]]:
    readers: list[SimulatedFingerprintReader] = []

    def make(**overrides: Any) -> tuple[SimulatedFingerprintReader, Recorder]:
        settings: dict[str, Any] = {"scenario": "manual", "finger_delay_s": 0.0, "hold_down_s": 0}
        settings.update(overrides)
        reader = SimulatedFingerprintReader(SimulatedFingerprintReaderSettings(**settings))
        recorder = Recorder()
        reader.add_listener(recorder)
        readers.append(reader)
        reader.open()
        return reader, recorder

    yield make
    for reader in readers:
        reader.close()
