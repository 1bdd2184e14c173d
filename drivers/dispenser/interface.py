"""The card dispenser as flows use it: read the slots, release one card to the gate."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, runtime_checkable

from drivers.device_interface import ReportsStatus

if TYPE_CHECKING:
    from drivers.dispenser.model import ReleaseResult, SlotReading


@runtime_checkable
class CardDispenser(ReportsStatus, Protocol):
    @property
    def slot_count(self) -> int:
        """Slots are numbered 1..slot_count."""
        ...

    def read_slots(self) -> tuple[SlotReading, ...]:
        """Every slot's occupancy from the device's own sensors (blocking; not on the GUI)."""
        ...

    def release(self, slot: int, *, take_timeout_s: float | None = None) -> ReleaseResult:
        """Move ``slot``'s card to the exit gate and wait until it is taken or captured.

        Blocks for up to ``take_timeout_s`` (None: the device's configured
        ``take_timeout_s``, 30 s by default) plus the device's own move time; a card not
        taken in time is pulled into the capture bin (``ReleaseOutcome.CAPTURED``).
        """
        ...
