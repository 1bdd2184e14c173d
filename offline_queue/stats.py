"""Queue statistics for health, metrics and ``kiosk queue status`` (no personal data)."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from offline_queue import store
from offline_queue.db import State, file_sizes
from offline_queue.intake import Availability

#: Failed deliveries or passes in a row after which status warns that sync is failing.
SYNC_FAILING_AFTER = 3


@dataclass(frozen=True)
class QueueStats:
    """A snapshot; ``counts`` is keyed by state label (pending, in_flight, delivered, dead)."""

    counts: dict[str, int]
    oldest_pending_age_s: float | None
    last_sync_at: datetime | None
    """Last time the platform answered a delivery with 200 (aware, UTC)."""
    last_sync_error: str | None
    """Status code of the last failed delivery or sync pass (cleared by a success)."""
    db_bytes: int
    wal_bytes: int
    accepting: bool
    code: str
    detail: str
    corruption: dict[str, Any] | None = None
    """Report of a damaged database moved aside, until a technician clears it."""
    warnings: list[str] = field(default_factory=list)
    sync_failures: int = 0
    """Deliveries or sync passes failed in a row since the last success."""

    @property
    def pending(self) -> int:
        return self.counts.get("pending", 0) + self.counts.get("in_flight", 0)

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form (datetimes as RFC 3339)."""
        doc = asdict(self)
        doc["last_sync_at"] = self.last_sync_at.isoformat() if self.last_sync_at else None
        return doc

    @classmethod
    def unavailable(cls, availability: Availability) -> QueueStats:
        return cls(
            counts={s.label: 0 for s in State},
            oldest_pending_age_s=None,
            last_sync_at=None,
            last_sync_error=None,
            db_bytes=0,
            wal_bytes=0,
            accepting=availability.accepting,
            code=availability.code,
            detail=availability.detail,
        )


def read_stats(
    conn: sqlite3.Connection, path: Path, availability: Availability, now: float
) -> QueueStats:
    """Read a snapshot with autocommit SELECTs (no read transaction is left open)."""
    counts = {s.label: n for s, n in store.counts(conn).items()}
    oldest = store.oldest_pending_ms(conn)
    last_ok = store.meta_get(conn, "last_sync_ok_ms")
    report = store.meta_get(conn, "corruption")
    db_bytes, wal_bytes = file_sizes(path)
    warnings = []
    corruption = json.loads(report) if report else None
    if corruption:
        warnings.append("DB_MOVED_ASIDE")
    if counts["dead"]:
        warnings.append("DEAD_ROWS")
    failures = store.meta_get(conn, "sync_failures")
    sync_failures = int(failures) if failures and failures.isdigit() else 0
    if sync_failures >= SYNC_FAILING_AFTER:
        warnings.append("SYNC_FAILING")
    return QueueStats(
        counts=counts,
        oldest_pending_age_s=max(0.0, now - oldest / 1000) if oldest is not None else None,
        last_sync_at=datetime.fromtimestamp(int(last_ok) / 1000, UTC) if last_ok else None,
        last_sync_error=store.meta_get(conn, "last_sync_error"),
        db_bytes=db_bytes,
        wal_bytes=wal_bytes,
        accepting=availability.accepting,
        code=availability.code,
        detail=availability.detail,
        corruption=corruption,
        warnings=warnings,
        sync_failures=sync_failures,
    )
