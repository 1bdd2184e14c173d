"""Which dispenser slot holds which application's card, as the collection flow needs it.

The slot inventory itself (durable, loaded by staff, reconciled with the slot sensors)
is the dispenser's; the flow sees only this shape, so any inventory with these three
methods serves (``kiosk.collection.inventory``'s does).
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable


@runtime_checkable
class CardInventory(Protocol):
    def slot_for(self, application_no: str) -> int | None:
        """The slot holding this application's card, or None when this kiosk has none."""
        ...

    # Their answers (e.g. the application the slot held) are not used here: ``object``.
    def mark_released(self, slot: int) -> object:
        """The slot's card was taken at the gate: the slot is empty now."""
        ...

    def mark_captured(self, slot: int) -> object:
        """The slot's card was not taken and went to the capture bin."""
        ...

    def close(self) -> None:
        """Let go of what holds the record (the on-disk inventory's database)."""
        ...


class DemoCardInventory:
    """A demo kiosk's slots, in memory, beside the simulated platform: the demo cards of
    :mod:`offline_queue.sim.demo_data` in slots 1 and 2, any other card the platform says
    is ready in the next of slots 3..8 in turn (as if staff had loaded it), so scripted
    visits can collect again and again. Whether a card may be handed out is the
    platform's to say; this only knows where it lies."""

    SLOTS = 8

    def __init__(self) -> None:
        from offline_queue.sim import demo_data

        self._slots = {demo_data.READY_ZHANG: 1, demo_data.READY_LI: 2}
        self._next = 0
        self.released: list[int] = []
        self.captured: list[int] = []

    def slot_for(self, application_no: str) -> int | None:
        if application_no not in self._slots:
            self._slots[application_no] = 3 + self._next % (self.SLOTS - 2)
            self._next += 1
        return self._slots[application_no]

    def mark_released(self, slot: int) -> None:
        self.released.append(slot)

    def mark_captured(self, slot: int) -> None:
        self.captured.append(slot)

    def close(self) -> None:
        """Nothing to let go of: the demo slots live in memory."""
