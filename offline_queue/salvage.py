"""Copy the undelivered rows out of a corrupt outbox that was moved aside.

Rows are read by ranges of ``seq`` so one damaged page loses only the rows on
it; where a range fails, its rows are tried one by one. The sealed blobs are
copied as they are (no key is needed), in-flight rows come back as pending.
"""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

COLUMNS = (
    "seq, id, type, case_key, created_at, created_ms, key_id, body, pii, size,"
    " state, attempts, next_attempt_ms, last_status, last_error"
)
_UNDELIVERED = "state IN (0, 1, 3)"
_STEP = 256


@dataclass(frozen=True)
class SalvageReport:
    """How many undelivered rows were copied and how many ``seq`` values could not be read."""

    rows: int
    unreadable: int
    error: str | None = None


def salvage(old_path: Path, new: sqlite3.Connection) -> SalvageReport:
    """Copy undelivered rows of ``old_path`` into ``new`` (outbox schema present). Never raises."""
    try:
        old = sqlite3.connect(old_path, isolation_level=None)
    except sqlite3.Error as exc:
        return SalvageReport(0, 0, f"cannot open: {exc}")
    try:
        return _copy(old, new)
    except sqlite3.Error as exc:  # the new database failed: report, do not lose the old file
        log.error("salvage stopped: %s", exc)
        return SalvageReport(0, 0, f"salvage stopped: {exc}")
    finally:
        old.close()


def _copy(old: sqlite3.Connection, new: sqlite3.Connection) -> SalvageReport:
    try:
        lo, hi = old.execute("SELECT min(seq), max(seq) FROM outbox").fetchone()
    except sqlite3.Error as exc:
        return SalvageReport(0, 0, f"outbox unreadable: {exc}")
    if lo is None:
        return SalvageReport(0, 0)
    rows: list[tuple[Any, ...]] = []
    unreadable = 0
    for start in range(lo, hi + 1, _STEP):
        end = min(start + _STEP, hi + 1)
        try:
            rows += old.execute(
                f"SELECT {COLUMNS} FROM outbox WHERE seq >= ? AND seq < ? AND {_UNDELIVERED}",
                (start, end),
            ).fetchall()
            continue
        except sqlite3.Error:
            pass
        for seq in range(start, end):
            try:
                rows += old.execute(
                    f"SELECT {COLUMNS} FROM outbox WHERE seq = ? AND {_UNDELIVERED}", (seq,)
                ).fetchall()
            except sqlite3.Error:
                unreadable += 1
    placeholders = ", ".join("?" * 15)
    new.execute("BEGIN IMMEDIATE")
    try:
        before = new.total_changes
        new.executemany(
            f"INSERT INTO outbox ({COLUMNS}) VALUES ({placeholders}) ON CONFLICT DO NOTHING",
            rows,
        )
        copied = new.total_changes - before
        # A claim of the old file died with it: send those rows again (same ids).
        new.execute("UPDATE outbox SET state = 0 WHERE state = 1")
        new.execute("COMMIT")
    except BaseException:
        new.execute("ROLLBACK")
        raise
    return SalvageReport(copied, unreadable)
