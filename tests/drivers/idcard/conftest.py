"""Fixtures for the ID card reader tests: a simulator on a pty and readers bound to it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from drivers.idcard.sam import SamReader, SamReaderSettings
from drivers.idcard.simulator import SamSimulator
from tests.drivers.recorder import E, Recorder  # noqa: F401 - shared by these tests


@pytest.fixture
def sim() -> Iterator[SamSimulator]:
    simulator = SamSimulator(baud=None).start()
    yield simulator
    simulator.stop()


@pytest.fixture
def make_reader(sim: SamSimulator) -> Iterator[Callable[..., tuple[SamReader, Recorder]]]:
    readers: list[SamReader] = []

    def make(**overrides: Any) -> tuple[SamReader, Recorder]:
        settings: dict[str, Any] = {
            "port": sim.address,
            "poll_interval_s": 0.02,
            "wlt_decoder": "sim",
            "reconnect_interval_s": 0.05,
            "hold_down_s": 0,
        }
        settings.update(overrides)
        reader = SamReader(SamReaderSettings(**settings))
        recorder = Recorder()
        reader.add_listener(recorder)
        readers.append(reader)
        reader.open()
        return reader, recorder

    yield make
    for reader in readers:
        reader.close()
