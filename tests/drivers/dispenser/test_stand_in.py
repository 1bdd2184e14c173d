"""The stand-in dispenser: cards taken unless told otherwise, slots out of range refused."""

from __future__ import annotations

from drivers.base import DeviceState
from drivers.dispenser.interface import CardDispenser
from drivers.dispenser.model import ReleaseOutcome
from drivers.dispenser.stand_in import StandInDispenser, StandInDispenserSettings


def test_releases_as_queued_then_taken() -> None:
    with StandInDispenser(StandInDispenserSettings(slot_count=4)) as dispenser:
        assert isinstance(dispenser, CardDispenser)
        assert dispenser.status.state is DeviceState.ONLINE
        assert [r.slot for r in dispenser.read_slots()] == [1, 2, 3, 4]
        dispenser.queue_outcome(ReleaseOutcome.CAPTURED)
        captured = dispenser.release(2)
        assert captured.outcome is ReleaseOutcome.CAPTURED and captured.code != "OK"
        assert dispenser.release(2).outcome is ReleaseOutcome.TAKEN
        assert dispenser.release(5).outcome is ReleaseOutcome.FAILED  # no such slot
    assert dispenser.status.state is DeviceState.CLOSED
