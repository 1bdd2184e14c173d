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

    def mark_released(self, slot: int) -> None:
        """The slot's card was taken at the gate: the slot is empty now."""
        ...

    def mark_captured(self, slot: int) -> None:
        """The slot's card was not taken and went to the capture bin."""
        ...


class DemoCardInventory:
    """The simulated platform's demo cards (:mod:`offline_queue.sim.demo_data`) in slots
    1 and 2, in memory: a demo kiosk hands them out without staff loading any."""

    def __init__(self) -> None:
        from offline_queue.sim import demo_data

        self._slots = {demo_data.READY_ZHANG: 1, demo_data.READY_LI: 2}
        self.released: list[int] = []
        self.captured: list[int] = []

    def slot_for(self, application_no: str) -> int | None:
        slot = self._slots.get(application_no)
        return None if slot is None or slot in self.released + self.captured else slot

    def mark_released(self, slot: int) -> None:
        self.released.append(slot)

    def mark_captured(self, slot: int) -> None:
        self.captured.append(slot)
