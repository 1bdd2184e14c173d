"""The dispenser's slot inventory: durable, private, reconciled but never silently corrected."""

from __future__ import annotations

import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from drivers.dispenser.model import SlotReading
from kiosk.collection.inventory import Discrepancy, Gap, InventoryError, SlotInventory


@pytest.fixture
def inventory(tmp_path: Path) -> Iterator[SlotInventory]:
    inv = SlotInventory.in_data_dir(tmp_path, 4)
    yield inv
    inv.close()


def readings(*full: int, slots: int = 4) -> list[SlotReading]:
    return [SlotReading(s, s in full) for s in range(1, slots + 1)]


def test_load_find_release_and_capture(inventory: SlotInventory) -> None:
    assert inventory.free_slot() == 1
    inventory.load("A-2026-0001", 1)
    inventory.load("A-2026-0002", 2)
    assert inventory.slot_for("A-2026-0002") == 2 and inventory.slot_for("nope") is None
    assert inventory.free_slot() == 3
    assert inventory.mark_released(1) == "A-2026-0001"
    assert inventory.mark_captured(2) == "A-2026-0002"
    assert inventory.mark_released(2) is None  # already free
    assert inventory.contents() == []
    assert [h[3] for h in inventory.history()] == ["captured", "released", "loaded", "loaded"]


def test_free_slot_skips_slots_the_sensor_sees_full(inventory: SlotInventory) -> None:
    inventory.load("A-1", 1)
    assert inventory.free_slot(readings(2, 3)) == 4
    inventory.load("A-4", 4)
    assert inventory.free_slot(readings(2, 3)) is None


@pytest.mark.parametrize(
    ("number", "slot", "reason"),
    [
        ("A-1", 1, "already holds"),
        ("A-0", 2, "already in slot 1"),
        ("A-9", 5, "no slot 5"),
        ("A-9", 0, "no slot 0"),
        ("", 3, "not an application"),
        ("x" * 65, 3, "not an application"),
        ("A\n9", 3, "not an application"),
    ],
)
def test_refused_loads(inventory: SlotInventory, number: str, slot: int, reason: str) -> None:
    inventory.load("A-0", 1)
    with pytest.raises(InventoryError, match=reason):
        inventory.load(number, slot)


def test_survives_a_restart_and_is_private(tmp_path: Path) -> None:
    first = SlotInventory.in_data_dir(tmp_path, 4)
    first.load("A-7", 3)
    first.close()
    again = SlotInventory.in_data_dir(tmp_path, 4)
    try:
        assert again.slot_for("A-7") == 3
        for path in tmp_path.iterdir():
            if path.name.startswith("dispenser-inventory.db"):
                assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    finally:
        again.close()


def test_reconcile_reports_both_ways_and_changes_nothing(inventory: SlotInventory) -> None:
    inventory.load("A-1", 1)
    inventory.load("A-2", 2)
    found = inventory.reconcile(readings(2, 3))
    assert found == [Discrepancy(1, Gap.MISSING, "A-1"), Discrepancy(3, Gap.UNEXPECTED)]
    assert inventory.slot_for("A-1") == 1  # not silently dropped
    assert inventory.reconcile(readings(1, 2)) == []


def test_reconcile_reports_a_slot_the_device_no_longer_has(inventory: SlotInventory) -> None:
    inventory.load("A-4", 4)
    assert inventory.reconcile(readings(slots=3)) == [Discrepancy(4, Gap.MISSING, "A-4")]
