"""At start: the dispenser's inventory against its slot sensors, reported to staff in the log.

Runs once on a thread of its own after the devices open (reading the sensors blocks);
only slot numbers reach the log, never the application numbers.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from drivers.base import DeviceError
from drivers.dispenser.interface import CardDispenser
from kiosk.collection.inventory import Discrepancy, Gap, SlotInventory

log = logging.getLogger(__name__)


def check_stock(dispenser: CardDispenser, data_dir: Path) -> list[Discrepancy] | None:
    """Differences between inventory and sensors (logged); None: the sensors cannot be read."""
    try:
        readings = dispenser.read_slots()
    except DeviceError as exc:
        log.warning("dispenser stock not checked", extra={"code": exc.code})
        return None
    with SlotInventory.in_data_dir(data_dir, max(len(readings), 1)) as inventory:
        found = inventory.reconcile(readings)
    if found:
        log.warning(
            "dispenser inventory differs from the slot sensors: staff must check",
            extra={
                "missing_slots": [d.slot for d in found if d.gap is Gap.MISSING],
                "unexpected_slots": [d.slot for d in found if d.gap is Gap.UNEXPECTED],
            },
        )
    return found


def start_stock_check(dispenser: CardDispenser | None, data_dir: Path) -> threading.Thread | None:
    """Check the stock on a daemon thread (the caller joins it when stopping)."""
    if dispenser is None:
        return None
    thread = threading.Thread(
        target=check_stock, args=(dispenser, data_dir), name="dispenser-stock", daemon=True
    )
    thread.start()
    return thread
