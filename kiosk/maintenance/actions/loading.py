"""Loading the card dispenser: the screen names a free slot, the slot sensor confirms the card.

A technician scans (or types) each card's application code; :meth:`LoadingActions.slot_for`
picks a slot that is free in the inventory and empty to the sensor, and unlocks it;
:meth:`LoadingActions.confirm` waits for the slot's sensor to see the card before the
inventory records it, then reconciles the whole store against the sensors. Every
difference is shown, none is corrected behind the technician's back.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

from drivers.base import DeviceError
from kiosk.collection.inventory import Discrepancy, InventoryError, SlotEntry, SlotInventory
from kiosk.maintenance.actions.base import Actions

if TYPE_CHECKING:
    from drivers.dispenser.interface import CardDispenser
    from drivers.dispenser.model import SlotReading

#: How long the screen waits for the card to be seen in its slot.
CONFIRM_WAIT_S = 60.0
#: How often the slot sensors are read meanwhile.
CONFIRM_POLL_S = 0.25


@dataclass(frozen=True)
class StoreView:
    """What the loading page shows: every slot, the free one, and the differences."""

    available: bool
    slot_count: int = 0
    entries: tuple[SlotEntry, ...] = ()
    sensed: tuple[int, ...] = ()  # slots whose sensor sees a card
    free_slot: int | None = None
    discrepancies: tuple[Discrepancy, ...] = ()
    code: str = "OK"


@dataclass(frozen=True)
class SlotChoice:
    """Where the scanned card goes, or why it cannot go anywhere."""

    slot: int | None
    code: str = "OK"  # NO_FREE_SLOT, ALREADY_LOADED, BAD_NUMBER, DISPENSER_UNAVAILABLE, …


@dataclass(frozen=True)
class LoadResult:
    loaded: bool
    slot: int
    code: str = "OK"  # NOT_SEEN: the sensor never saw the card; INVENTORY_REFUSED; …
    discrepancies: tuple[Discrepancy, ...] = ()


class LoadingActions(Actions):
    # ---- what is in the store
    def overview(self) -> StoreView:
        self._technician()
        view = self._view()
        outcome = "ok" if view.available else "unavailable"
        self._audit(
            "dispenser_view",
            outcome,
            f"{len(view.entries)} loaded, {len(view.discrepancies)} differences {view.code}",
        )
        return view

    def _view(self) -> StoreView:
        dispenser = self._dispenser()
        if dispenser is None:
            return StoreView(False, code="DISPENSER_UNAVAILABLE")
        try:
            readings = dispenser.read_slots()
        except DeviceError as exc:
            return StoreView(False, code=exc.code)
        with self._inventory(len(readings)) as inventory:
            return StoreView(
                True,
                len(readings),
                tuple(inventory.contents()),
                tuple(r.slot for r in readings if r.occupied),
                inventory.free_slot(readings),
                tuple(inventory.reconcile(readings)),
            )

    # ---- loading one card
    def slot_for(self, application_no: str) -> SlotChoice:
        """The slot to put ``application_no``'s card into (unlocked and lit where it can be)."""
        self._technician()
        choice = self._choose(application_no.strip())
        self._audit(
            "dispenser_slot",
            "ok" if choice.code == "OK" else "refused",
            f"{application_no.strip()[:64]} -> slot {choice.slot} {choice.code}",
        )
        return choice

    def _choose(self, application_no: str) -> SlotChoice:
        if not application_no or len(application_no) > 64 or not application_no.isprintable():
            return SlotChoice(None, "BAD_NUMBER")
        dispenser = self._dispenser()
        if dispenser is None:
            return SlotChoice(None, "DISPENSER_UNAVAILABLE")
        try:
            readings = dispenser.read_slots()
        except DeviceError as exc:
            return SlotChoice(None, exc.code)
        with self._inventory(len(readings)) as inventory:
            if inventory.slot_for(application_no) is not None:
                return SlotChoice(inventory.slot_for(application_no), "ALREADY_LOADED")
            slot = inventory.free_slot(readings)
        if slot is None:
            return SlotChoice(None, "NO_FREE_SLOT")
        unlock = getattr(dispenser, "unlock_slot", None)
        if callable(unlock):
            try:
                unlock(slot)
            except DeviceError as exc:
                return SlotChoice(None, exc.code)
        return SlotChoice(slot)

    def confirm(
        self,
        application_no: str,
        slot: int,
        *,
        wait_s: float = CONFIRM_WAIT_S,
        poll_s: float = CONFIRM_POLL_S,
    ) -> LoadResult:
        """Wait for ``slot``'s sensor to see the card, record it, reconcile the store."""
        self._technician()
        result = self._confirm(application_no.strip(), slot, wait_s, poll_s)
        self._audit(
            "dispenser_load",
            "ok" if result.loaded else "failed",
            f"{application_no.strip()[:64]} slot {slot} {result.code}"
            f", {len(result.discrepancies)} differences",
        )
        return result

    def _confirm(self, application_no: str, slot: int, wait_s: float, poll_s: float) -> LoadResult:
        dispenser = self._dispenser()
        if dispenser is None:
            return LoadResult(False, slot, "DISPENSER_UNAVAILABLE")
        deadline = time.monotonic() + wait_s
        try:
            readings = dispenser.read_slots()
            while not _occupied(readings, slot):
                if time.monotonic() >= deadline or not self.mode.in_session:
                    return LoadResult(False, slot, "NOT_SEEN")
                time.sleep(poll_s)
                readings = dispenser.read_slots()
        except DeviceError as exc:
            return LoadResult(False, slot, exc.code)
        with self._inventory(len(readings)) as inventory:
            try:
                inventory.load(application_no, slot)
            except InventoryError:
                return LoadResult(False, slot, "INVENTORY_REFUSED")
            return LoadResult(True, slot, discrepancies=tuple(inventory.reconcile(readings)))

    def unload(self, slot: int) -> str | None:
        """The technician took ``slot``'s card out: the inventory forgets it (audited)."""
        self._technician()
        dispenser = self._dispenser()
        count = dispenser.slot_count if dispenser is not None else 0
        with self._inventory(max(count, slot, 1)) as inventory:
            application_no = inventory.unload(slot)
        self._audit(
            "dispenser_unload",
            "ok" if application_no else "refused",
            f"slot {slot} {application_no}",
        )
        return application_no

    # ---- inside
    def _dispenser(self) -> CardDispenser | None:
        return self.core.flow_devices.dispenser()

    def _inventory(self, slot_count: int) -> SlotInventory:
        data_dir = self.core.config.kiosk.resolved_data_dir()
        return SlotInventory.in_data_dir(data_dir, max(slot_count, 1))


def _occupied(readings: tuple[SlotReading, ...], slot: int) -> bool:
    return any(r.slot == slot and r.occupied for r in readings)
