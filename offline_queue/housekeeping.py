"""Housekeeping run by the writer thread: space, WAL, leases, retention.

- Space: below ``min_free_bytes`` of headroom (free disk, or what ``max_db_bytes``
  leaves) the queue reports ``DISK_LOW`` so the kiosk takes no new case, while
  cases already started can still commit into the reserve.
- WAL: a TRUNCATE checkpoint after ``checkpoint_idle_s`` without writes, after a
  purge, and at once when the WAL passes ``wal_ceiling_bytes``; if it cannot be
  brought under the ceiling (a reader pins it) the queue reports ``WAL_CEILING``.
- Leases: in-flight claims whose sender died go back to pending.
- Retention: personal data of delivered rows is wiped after ``pii_retention_s``,
  the rows deleted after ``retention_days``, then the file shrinks
  (incremental vacuum) and the WAL is truncated so nothing lingers there.
"""

from __future__ import annotations

import logging
import shutil
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from offline_queue import store
from offline_queue.db import file_sizes
from offline_queue.intake import AvailabilityTracker
from offline_queue.settings import QueueSettings
from offline_queue.writer import WriteError, Writer

log = logging.getLogger(__name__)

_PURGE_SLICE = 500
_SPACE_EVERY_S = 0.5


@dataclass(frozen=True)
class PurgeResult:
    pii_wiped: int
    deleted: int
    db_bytes_before: int
    db_bytes_after: int


@dataclass(eq=False)
class Housekeeper:
    """Called by the writer when idle and after commits; every method runs on the writer thread."""

    writer: Writer
    path: Path
    settings: QueueSettings
    availability: AvailabilityTracker
    clock: Callable[[], float] = time.time

    def __post_init__(self) -> None:
        now = time.monotonic()
        self._next_purge = now  # first idle moment after start
        self._next_lease = now + self.settings.lease_s / 4
        self._next_space = 0.0

    # ------------------------------------------------------------ hooks

    def idle(self, idle_for_s: float) -> None:
        now = time.monotonic()
        self.check_space(force=True)
        if self.availability.has("DB_LOCKED") or self.availability.has("WRITE_FAILED"):
            self._probe()
        if now >= self._next_lease:
            self._next_lease = now + self.settings.lease_s / 4
            self._write(lambda c: store.release_expired(c, self._now_ms()))
        if now >= self._next_purge:
            self._next_purge = now + self.settings.purge_interval_s
            self.purge()
        if idle_for_s >= self.settings.checkpoint_idle_s and self._wal_dirty():
            self.checkpoint()
        self.check_wal()

    def after_commit(self) -> None:
        self.check_space()
        self.check_wal()

    # ------------------------------------------------------------ checks

    def check_space(self, *, force: bool = False) -> int:
        """Update DISK_LOW / DISK_FULL from the current headroom and return it (bytes)."""
        now = time.monotonic()
        if not force and now < self._next_space:
            return -1
        self._next_space = now + _SPACE_EVERY_S
        headroom = shutil.disk_usage(self.path.parent).free
        if self.settings.max_db_bytes is not None:
            c = self.writer.conn
            page = c.execute("PRAGMA page_size").fetchone()[0]
            used = c.execute("PRAGMA page_count").fetchone()[0]
            free_pages = c.execute("PRAGMA freelist_count").fetchone()[0]
            headroom = min(headroom, self.settings.max_db_bytes - (used - free_pages) * page)
        if headroom < self.settings.min_free_bytes:
            self.availability.set("DISK_LOW", f"{max(headroom, 0) // 1024} KiB left")
        else:
            self.availability.clear("DISK_LOW", "DISK_FULL")
        return headroom

    def check_wal(self) -> int:
        """Checkpoint at once above the WAL ceiling; report WAL_CEILING if that fails."""
        wal = file_sizes(self.path)[1]
        if wal > self.settings.wal_ceiling_bytes:
            self.checkpoint()
            wal = file_sizes(self.path)[1]
            if wal > self.settings.wal_ceiling_bytes:
                self.availability.set("WAL_CEILING", f"WAL {wal // 1024} KiB, a reader pins it")
                return wal
        self.availability.clear("WAL_CEILING")
        return wal

    def checkpoint(self) -> bool:
        """TRUNCATE checkpoint; a reader in the way makes it give up quickly (returns False)."""
        c = self.writer.conn
        c.execute("PRAGMA busy_timeout=100")
        try:
            busy, _log, _done = c.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        except sqlite3.Error as exc:
            log.warning("checkpoint failed: %s", exc)
            return False
        finally:
            c.execute(f"PRAGMA busy_timeout={int(self.settings.busy_timeout_ms)}")
        return not busy

    def _wal_dirty(self) -> bool:
        return file_sizes(self.path)[1] > 0

    def _probe(self) -> None:
        self._write(lambda c: store.meta_set(c, "probe_ms", str(self._now_ms())))

    # ------------------------------------------------------------ retention

    def purge(self, now_ms: int | None = None) -> PurgeResult:
        """Wipe personal data and delete delivered rows past retention; give the space back."""
        now_ms = self._now_ms() if now_ms is None else now_ms
        s = self.settings
        before = file_sizes(self.path)[0]
        pii_cut = now_ms - int(s.pii_retention_s * 1000)
        del_cut = now_ms - int(s.retention_days * 86_400_000)
        wiped = self._in_slices(lambda c: store.wipe_pii(c, pii_cut, _PURGE_SLICE))
        deleted = self._in_slices(lambda c: store.delete_delivered(c, del_cut, _PURGE_SLICE))
        if wiped or deleted:
            try:
                # executescript steps the pragma to the end; execute() frees one page only.
                self.writer.conn.executescript("PRAGMA incremental_vacuum;")
            except sqlite3.Error as exc:
                log.warning("incremental vacuum failed: %s", exc)
            self.checkpoint()  # the old page images leave the WAL too
            log.info("queue purge: %d rows wiped of personal data, %d deleted", wiped, deleted)
        return PurgeResult(wiped, deleted, before, file_sizes(self.path)[0])

    def _in_slices(self, fn: Callable[[sqlite3.Connection], int]) -> int:
        total = 0
        while True:
            n = self._write(fn) or 0
            total += n
            if n < _PURGE_SLICE:
                return total

    def _write(self, fn: Callable[[sqlite3.Connection], int | None]) -> int | None:
        try:
            return self.writer.transaction(fn)
        except WriteError as exc:
            log.warning("housekeeping write failed: %s", exc.code)
            return None

    def _now_ms(self) -> int:
        return int(self.clock() * 1000)
