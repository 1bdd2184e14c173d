"""A dispenser without hardware or protocol, so a configuration can name a dispenser
before the serial driver is installed: every slot holds a card, and a released card is
taken at once unless an outcome was queued for it (``queue_outcome``, for scripted
visits). Nothing here speaks a device's protocol; the serial driver and its simulator
are the dispenser kind's real implementation.
"""

from __future__ import annotations

import threading
from collections import deque

from pydantic import Field

from drivers.base import Device, DeviceStatus, DriverSettings
from drivers.dispenser.model import ReleaseOutcome, ReleaseResult, SlotReading


class StandInDispenserSettings(DriverSettings):
    slot_count: int = Field(8, ge=1, le=200)
    take_timeout_s: float = Field(30.0, gt=0, le=600)  # as the real driver's; outcomes are queued


class StandInDispenser(Device):
    kind = "dispenser"
    Settings = StandInDispenserSettings

    def __init__(self, settings: DriverSettings | None = None) -> None:
        super().__init__(settings)
        self._outcomes: deque[ReleaseOutcome] = deque()
        self._out_lock = threading.Lock()
        self.released: list[ReleaseResult] = []  # what happened, in order, for tests

    @property
    def slot_count(self) -> int:
        settings = self.settings
        assert isinstance(settings, StandInDispenserSettings)
        return settings.slot_count

    def _open(self) -> None:
        self._set_status(DeviceStatus.online("stand-in dispenser"))

    def _close(self) -> None:
        pass

    def _check_external(self) -> tuple[bool, str, str]:
        return self.status.usable, "stand-in: no device to ask", self.status.code

    def read_slots(self) -> tuple[SlotReading, ...]:
        return tuple(SlotReading(n, True) for n in range(1, self.slot_count + 1))

    def queue_outcome(self, outcome: ReleaseOutcome) -> None:
        """The next release ends this way (CAPTURED: the card was not taken)."""
        with self._out_lock:
            self._outcomes.append(outcome)

    def release(self, slot: int, *, take_timeout_s: float | None = None) -> ReleaseResult:
        with self._out_lock:
            outcome = self._outcomes.popleft() if self._outcomes else ReleaseOutcome.TAKEN
        if not 1 <= slot <= self.slot_count:
            outcome = ReleaseOutcome.FAILED
        code = "OK" if outcome is ReleaseOutcome.TAKEN else f"DISPENSER_{outcome.upper()}"
        result = ReleaseResult(outcome, slot, code)
        self.released.append(result)
        return result
