"""A simulated dispenser on a real pty, driven by the real serial driver."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from drivers.dispenser.on_simulator import SimulatedDispenser
from drivers.dispenser.settings import SimulatedDispenserSettings


def simulated(**settings: object) -> SimulatedDispenser:
    base: dict[str, object] = {
        "hold_down_s": 0,
        "pace_baud": 0,
        "move_s": 0.05,
        "take_after_s": -1,  # nobody takes a card unless the test does
        "load_after_s": 0,
        "poll_interval_s": 0.1,
        "gate_poll_s": 0.02,
        "slots": 8,
    }
    base.update(settings)
    return SimulatedDispenser(SimulatedDispenserSettings.model_validate(base))


@pytest.fixture
def dispenser() -> Iterator[SimulatedDispenser]:
    device = simulated()
    device.open()
    yield device
    device.close()
