"""Which application's card lies in which dispenser slot: durable, and checked against the sensors.

The inventory is the kiosk's own record (SQLite in the data dir, mode 0600, surviving
restarts); the dispenser's slot sensors are the physical truth. :meth:`SlotInventory.reconcile`
compares the two and reports every difference; nothing is corrected silently, because
a card that vanished or appeared needs a person to look.

Application numbers are not personal data, but they are kept to this file and the
maintenance audit, never to logs.
"""

from __future__ import annotations

import enum
import os
import sqlite3
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from drivers.dispenser.model import SlotReading

FILE_NAME = "dispenser-inventory.db"
MAX_APPLICATION_NO = 64

_SCHEMA = """
CREATE TABLE IF NOT EXISTS slots (
    slot INTEGER PRIMARY KEY,
    application_no TEXT NOT NULL UNIQUE,
    loaded_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS history (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at REAL NOT NULL,
    slot INTEGER NOT NULL,
    application_no TEXT NOT NULL,
    what TEXT NOT NULL
);
"""


class InventoryError(ValueError):
    """A load the inventory refuses: bad slot, slot taken, application already loaded."""


class Gap(enum.StrEnum):
    MISSING = "missing"  # the inventory has a card there, the sensor sees none
    UNEXPECTED = "unexpected"  # the sensor sees a card the inventory does not know


@dataclass(frozen=True, slots=True)
class Discrepancy:
    slot: int
    gap: Gap
    application_no: str = ""  # the card the inventory expected (MISSING only)


@dataclass(frozen=True, slots=True)
class SlotEntry:
    slot: int
    application_no: str
    loaded_at: float


class SlotInventory:
    """Slots 1..slot_count; each holds at most one application's card."""

    def __init__(self, path: Path, slot_count: int) -> None:
        if slot_count < 1:
            raise ValueError("a dispenser has at least one slot")
        self.path = path
        self.slot_count = slot_count
        self._lock = threading.Lock()
        self._conn = _connect(path)

    @classmethod
    def in_data_dir(cls, data_dir: Path, slot_count: int) -> SlotInventory:
        return cls(data_dir / FILE_NAME, slot_count)

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def __enter__(self) -> SlotInventory:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---- reading
    def slot_for(self, application_no: str) -> int | None:
        with self._lock:
            row = self._conn.execute(
                "SELECT slot FROM slots WHERE application_no = ?", (application_no,)
            ).fetchone()
        return int(row[0]) if row else None

    def application_in(self, slot: int) -> str | None:
        with self._lock:
            row = self._conn.execute(
                "SELECT application_no FROM slots WHERE slot = ?", (slot,)
            ).fetchone()
        return str(row[0]) if row else None

    def contents(self) -> list[SlotEntry]:
        with self._lock:
            rows = self._conn.execute(
                "SELECT slot, application_no, loaded_at FROM slots ORDER BY slot"
            ).fetchall()
        return [SlotEntry(int(s), str(a), float(t)) for s, a, t in rows]

    def free_slot(self, readings: Iterable[SlotReading] = ()) -> int | None:
        """The lowest slot the inventory holds nothing in (and no sensor reading says full)."""
        sensed = {r.slot for r in readings if r.occupied}
        with self._lock:
            used = {int(r[0]) for r in self._conn.execute("SELECT slot FROM slots")}
        for slot in range(1, self.slot_count + 1):
            if slot not in used and slot not in sensed:
                return slot
        return None

    # ---- changing
    def load(self, application_no: str, slot: int) -> None:
        """Record ``application_no``'s card as put into ``slot``."""
        application_no = application_no.strip()
        if not application_no or len(application_no) > MAX_APPLICATION_NO:
            raise InventoryError("not an application number")
        if not application_no.isprintable():
            raise InventoryError("not an application number")
        self._check_slot(slot)
        with self._lock:
            held = self._conn.execute(
                "SELECT slot, application_no FROM slots WHERE slot = ? OR application_no = ?",
                (slot, application_no),
            ).fetchall()
            for held_slot, held_no in held:
                if held_no == application_no:
                    raise InventoryError(f"this application's card is already in slot {held_slot}")
                raise InventoryError(f"slot {slot} already holds a card")
            now = time.time()
            with self._conn:
                self._conn.execute(
                    "INSERT INTO slots (slot, application_no, loaded_at) VALUES (?, ?, ?)",
                    (slot, application_no, now),
                )
                self._history(now, slot, application_no, "loaded")

    def mark_released(self, slot: int) -> str | None:
        """The slot's card was taken at the gate; the slot is free. The application, if any."""
        return self._clear(slot, "released")

    def mark_captured(self, slot: int) -> str | None:
        """The slot's card went to the capture bin (not taken); the slot is free."""
        return self._clear(slot, "captured")

    def unload(self, slot: int) -> str | None:
        """A technician took the slot's card out."""
        return self._clear(slot, "unloaded")

    def history(self, limit: int = 100) -> list[tuple[float, int, str, str]]:
        """The latest changes, newest first: (time, slot, application_no, what)."""
        with self._lock:
            rows = self._conn.execute(
                "SELECT at, slot, application_no, what FROM history ORDER BY id DESC LIMIT ?",
                (limit,),
            ).fetchall()
        return [(float(a), int(s), str(n), str(w)) for a, s, n, w in rows]

    # ---- against the sensors
    def reconcile(self, readings: Iterable[SlotReading]) -> list[Discrepancy]:
        """Every slot where the inventory and the sensor disagree; nothing is changed."""
        held = {e.slot: e.application_no for e in self.contents()}
        found: list[Discrepancy] = []
        seen: set[int] = set()
        for reading in sorted(readings, key=lambda r: r.slot):
            seen.add(reading.slot)
            expected = held.get(reading.slot)
            if expected is not None and not reading.occupied:
                found.append(Discrepancy(reading.slot, Gap.MISSING, expected))
            elif expected is None and reading.occupied:
                found.append(Discrepancy(reading.slot, Gap.UNEXPECTED))
        # A slot the device no longer reports (fewer slots than before) cannot hold its card.
        for slot in sorted(set(held) - seen):
            found.append(Discrepancy(slot, Gap.MISSING, held[slot]))
        return found

    # ---- inside
    def _check_slot(self, slot: int) -> None:
        if not 1 <= slot <= self.slot_count:
            raise InventoryError(f"no slot {slot} (1..{self.slot_count})")

    def _clear(self, slot: int, what: str) -> str | None:
        with self._lock:
            row = self._conn.execute(
                "SELECT application_no FROM slots WHERE slot = ?", (slot,)
            ).fetchone()
            if row is None:
                return None
            with self._conn:
                self._conn.execute("DELETE FROM slots WHERE slot = ?", (slot,))
                self._history(time.time(), slot, str(row[0]), what)
        return str(row[0])

    def _history(self, at: float, slot: int, application_no: str, what: str) -> None:
        self._conn.execute(
            "INSERT INTO history (at, slot, application_no, what) VALUES (?, ?, ?, ?)",
            (at, slot, application_no, what),
        )


def _connect(path: Path) -> sqlite3.Connection:
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    # Created 0600 before SQLite opens it: the journal files take the same mode.
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))
    os.chmod(path, 0o600)
    conn = sqlite3.connect(path, check_same_thread=False, timeout=5.0)
    try:
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=FULL")
        conn.executescript(_SCHEMA)
    except BaseException:
        conn.close()
        raise
    return conn
