"""Fixtures for the ID card reader tests: a simulator on a pty and readers bound to it."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from drivers.idcard.sam import SamReader, SamReaderSettings
from drivers.idcard.simulator import SamSimulator
from tests.drivers.recorder import E, Recorder, opened_devices  # noqa: F401 - shared by these tests


@pytest.fixture
def sim() -> Iterator[SamSimulator]:
    simulator = SamSimulator(baud=None).start()
    yield simulator
    simulator.stop()


@pytest.fixture
def make_reader(sim: SamSimulator) -> Iterator[Callable[..., tuple[SamReader, Recorder]]]:
    defaults = {
        "port": sim.address,
        "poll_interval_s": 0.02,
        "wlt_decoder": "sim",
        "reconnect_interval_s": 0.05,
        "hold_down_s": 0,
    }
    yield from opened_devices(lambda s: SamReader(SamReaderSettings(**s)), defaults)
