"""Start-up of the outbox: lock, integrity check, corruption handling, keys, crash recovery.

Order of events:

1. Take the process lock (``queue.db.lock``). The process holding it is the
   only live sender, so it may put every IN_FLIGHT row back to PENDING.
2. A WAL without its database is moved aside (SQLite would replay it into a
   new file).
3. ``PRAGMA quick_check``. A damaged database is never recreated over: it is
   renamed ``queue.db.corrupt-<time>`` (with its WAL) and reported; with
   ``on_corrupt = "move_aside"`` a new file is started and the undelivered rows
   of the old one are salvaged into it, with ``"refuse"`` the file stays where
   it is and the queue stays out of service (``DB_CORRUPT``).
4. The key file is loaded, or created (0600) when missing and no undelivered
   row needs an older key.
5. Crash recovery: IN_FLIGHT → PENDING, retry times clamped to ``now + cap``.
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from offline_queue import store
from offline_queue.crypto import KeyRing, create_key_file
from offline_queue.db import (
    NotOurDatabase,
    connect,
    ensure_schema,
    is_corruption,
    move_aside,
    move_orphan_wal,
    quick_check,
)
from offline_queue.errors import KeyUnavailable
from offline_queue.intake import AvailabilityTracker
from offline_queue.salvage import salvage
from offline_queue.settings import QueueSettings

log = logging.getLogger(__name__)


@dataclass
class OpenedDatabase:
    """What start-up produced; ``conn`` is None when the database cannot be used."""

    path: Path
    conn: sqlite3.Connection | None
    keyring: KeyRing | None
    availability: AvailabilityTracker
    lock_fd: int | None

    @property
    def primary(self) -> bool:
        return self.lock_fd is not None

    def release(self) -> None:
        if self.lock_fd is not None:
            os.close(self.lock_fd)  # also drops the flock
            self.lock_fd = None


def open_database(
    settings: QueueSettings, data_dir: Path, clock: Callable[[], float] = time.time
) -> OpenedDatabase:
    """Run the start-up sequence of the module docstring."""
    path = settings.resolve(data_dir, settings.db_path)
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    avail = AvailabilityTracker()
    opened = OpenedDatabase(path, None, None, avail, _lock(path))
    stamp = time.strftime("%Y%m%dT%H%M%S")
    move_orphan_wal(path, stamp)

    conn = _open_checked(path, settings, avail, stamp)
    if conn is None:
        return opened
    try:
        opened.keyring = _keys(settings, data_dir, conn, avail)
        if opened.primary:
            n = _write(conn, store.reset_in_flight)
            if n:
                log.info("%d in-flight rows from before a stop go back to pending", n)
        latest = int((clock() + settings.backoff_cap_s) * 1000)
        _write(conn, lambda c: store.clamp_schedule(c, latest))
    except sqlite3.Error as exc:
        code = (
            "DB_CORRUPT"
            if is_corruption(exc)
            else "DB_LOCKED"
            if "locked" in str(exc)
            else ("DB_UNAVAILABLE")
        )
        avail.set(code, f"{path}: {exc}")
        conn.close()
        return opened
    opened.conn = conn
    return opened


def _open_checked(
    path: Path, settings: QueueSettings, avail: AvailabilityTracker, stamp: str
) -> sqlite3.Connection | None:
    existed = path.exists() and path.stat().st_size > 0
    conn: sqlite3.Connection | None = None
    problem: str | None = None
    try:
        conn = connect(path, settings)
        problem = quick_check(conn) if existed else None
        if problem is None:
            ensure_schema(conn)
            return conn
    except NotOurDatabase as exc:
        avail.set("DB_UNAVAILABLE", f"{path}: {exc}")
    except sqlite3.Error as exc:
        if not is_corruption(exc):
            code = "DB_LOCKED" if "locked" in str(exc) else "DB_UNAVAILABLE"
            avail.set(code, f"{path}: {exc}")
        else:
            problem = str(exc)
    if conn is not None:
        conn.close()
    if problem is None:
        return None
    if settings.on_corrupt == "refuse":
        avail.set("DB_CORRUPT", f"{path}: {problem}; run `kiosk queue recover`")
        return None
    return recover(path, settings, avail, problem, stamp)


def recover(
    path: Path, settings: QueueSettings, avail: AvailabilityTracker, problem: str, stamp: str
) -> sqlite3.Connection | None:
    """Move a damaged database aside, start a new one and salvage undelivered rows into it."""
    moved = move_aside(path, problem, stamp)
    try:
        conn = connect(path, settings)
        ensure_schema(conn)
    except sqlite3.Error as exc:
        avail.set("DB_UNAVAILABLE", f"{path}: {exc}")
        return None
    report = salvage(moved.path, conn)
    doc = {
        "moved_to": str(moved.path),
        "reason": problem[:200],
        "salvaged_rows": report.rows,
        "unreadable_rows": report.unreadable,
        "salvage_error": report.error,
        "at": stamp,
    }
    _write(conn, lambda c: store.meta_set(c, "corruption", json.dumps(doc)))
    log.error(
        "queue database damaged: moved to %s, %d undelivered rows salvaged, %d unreadable",
        moved.path,
        report.rows,
        report.unreadable,
    )
    return conn


def _keys(
    settings: QueueSettings, data_dir: Path, conn: sqlite3.Connection, avail: AvailabilityTracker
) -> KeyRing | None:
    key_path = settings.resolve(data_dir, settings.key_file)
    try:
        ring = KeyRing.load(key_path, settings.key_id)
    except KeyUnavailable as exc:
        if exc.code != "KEY_MISSING" or not settings.create_key:
            avail.set(exc.code, exc.detail)
            return None
        needed = store.undelivered_key_ids(conn)
        if needed:
            # Making a new key would strand those rows: a technician restores the file.
            avail.set("KEY_MISSING", f"{key_path} missing; undelivered rows need it")
            return None
        create_key_file(key_path)
        ring = KeyRing.load(key_path, settings.key_id)
    lost = store.undelivered_key_ids(conn) - ring.key_ids
    if lost:
        log.error("undelivered rows need keys missing from the key file: %s", sorted(lost))
    return ring


def _write(conn: sqlite3.Connection, fn: Callable[[sqlite3.Connection], int | None]) -> int:
    conn.execute("BEGIN IMMEDIATE")
    try:
        n = fn(conn)
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return n or 0


def _lock(path: Path) -> int | None:
    """Take the process lock; None when another live process holds it."""
    fd = os.open(path.with_name(path.name + ".lock"), os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        return None
    return fd
