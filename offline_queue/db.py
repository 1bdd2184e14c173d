"""The outbox database: connection settings, schema, integrity check and corruption handling.

Every connection runs WAL with ``synchronous=FULL`` (read back and asserted: a
commit returns only once the WAL is on disk), ``secure_delete`` (freed pages of
wiped personal data are zeroed) and a ``journal_size_limit`` equal to the WAL
ceiling. New files get 8 KiB pages and incremental auto-vacuum so purges give
space back.
"""

from __future__ import annotations

import enum
import logging
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

from offline_queue.settings import QueueSettings

log = logging.getLogger(__name__)

APPLICATION_ID = 0x4B514F42  # "KQOB": marks the file as a kiosk queue outbox
SCHEMA_VERSION = 1


class State(enum.IntEnum):
    """Row states. Only the sync worker moves rows out of PENDING and IN_FLIGHT."""

    PENDING = 0
    IN_FLIGHT = 1
    DELIVERED = 2
    DEAD = 3

    @property
    def label(self) -> str:
        return self.name.lower()


class NotOurDatabase(Exception):
    """The file is a valid SQLite database that is not a queue outbox; it is left alone."""


def connect(path: Path, settings: QueueSettings, *, read_only: bool = False) -> sqlite3.Connection:
    """Open a connection with the queue's pragmas applied and checked."""
    if not read_only and not path.exists():
        # SQLite gives the WAL and SHM files the database file's mode: 0600 for all.
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))
    conn = sqlite3.connect(
        path,
        isolation_level=None,  # explicit BEGIN IMMEDIATE / COMMIT only
        check_same_thread=False,
        timeout=settings.busy_timeout_ms / 1000,
    )
    try:
        _apply_pragmas(conn, settings, read_only=read_only)
    except BaseException:
        conn.close()
        raise
    return conn


def _apply_pragmas(conn: sqlite3.Connection, settings: QueueSettings, *, read_only: bool) -> None:
    new_file = conn.execute("PRAGMA page_count").fetchone()[0] == 0
    if new_file and not read_only:
        # Only effective before the first table exists.
        conn.execute(f"PRAGMA page_size={settings.page_size}")
        conn.execute("PRAGMA auto_vacuum=INCREMENTAL")
    mode = conn.execute("PRAGMA journal_mode=WAL").fetchone()[0]
    if mode.lower() != "wal":
        raise sqlite3.OperationalError(f"journal_mode is {mode}, WAL is required")
    conn.execute("PRAGMA synchronous=FULL")
    if conn.execute("PRAGMA synchronous").fetchone()[0] != 2:
        raise sqlite3.OperationalError("synchronous=FULL did not take effect")
    conn.execute(f"PRAGMA busy_timeout={int(settings.busy_timeout_ms)}")
    conn.execute("PRAGMA secure_delete=ON")
    conn.execute(f"PRAGMA journal_size_limit={int(settings.wal_ceiling_bytes)}")
    conn.execute("PRAGMA wal_autocheckpoint=1000")
    conn.execute("PRAGMA trusted_schema=OFF")
    if settings.max_db_bytes is not None:
        page = conn.execute("PRAGMA page_size").fetchone()[0]
        conn.execute(f"PRAGMA max_page_count={max(1, settings.max_db_bytes // page)}")
    if read_only:
        conn.execute("PRAGMA query_only=ON")


def ensure_schema(conn: sqlite3.Connection) -> sqlite_utils.Database:
    """Create the tables and indexes if missing (idempotent) and return the sqlite-utils handle."""
    db = sqlite_utils.Database(conn)
    app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    tables = set(db.table_names())
    if tables and app_id != APPLICATION_ID:
        raise NotOurDatabase("the file holds other tables and is not a queue outbox")
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise NotOurDatabase(f"schema version {version} is newer than this program")
    conn.execute("BEGIN IMMEDIATE")
    try:
        db.table("outbox").create(
            {
                "seq": int,  # local FIFO order
                "id": str,  # UUID, the idempotency key
                "type": str,
                "case_key": str,  # per-case ordering; NULL: independent
                "created_at": str,  # RFC 3339 with offset, as sent
                "created_ms": int,
                "key_id": str,
                "body": bytes,  # sealed payload without personal data
                "pii": bytes,  # sealed personal data; NULL once purged
                "size": int,  # plaintext JSON bytes, bounds a request
                "state": int,
                "attempts": int,
                "next_attempt_ms": int,
                "lease_until_ms": int,
                "last_status": int,
                "last_error": str,  # status codes and platform reasons only
                "delivered_ms": int,
                "outcome": str,  # accepted | duplicate
            },
            pk="seq",
            not_null=[
                *("id", "type", "created_at", "created_ms", "key_id", "body", "size"),
                *("state", "attempts", "next_attempt_ms"),
            ],
            defaults={"state": 0, "attempts": 0},
            strict=True,
            if_not_exists=True,
        )
        db.table("outbox").create_index(["id"], "outbox_id", unique=True, if_not_exists=True)
        db.table("outbox").create_index(["state", "created_ms"], "outbox_state", if_not_exists=True)
        # Partial indexes keep claiming O(log n) however many rows wait or were delivered.
        conn.execute(
            "CREATE INDEX IF NOT EXISTS outbox_due ON outbox(next_attempt_ms, seq) WHERE state = 0"
        )
        conn.execute(
            "CREATE INDEX IF NOT EXISTS outbox_case ON outbox(case_key, seq)"
            " WHERE state IN (0, 1) AND case_key IS NOT NULL"
        )
        conn.execute(
            "CREATE INDEX IF NOT EXISTS outbox_case_key ON outbox(case_key)"
            " WHERE case_key IS NOT NULL"
        )
        db.table("meta").create(
            {"key": str, "value": str}, pk="key", strict=True, if_not_exists=True
        )
        conn.execute(f"PRAGMA application_id={APPLICATION_ID}")
        conn.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    return db


def quick_check(conn: sqlite3.Connection) -> str | None:
    """Return None when the database passes ``quick_check``, else what is wrong."""
    try:
        rows = conn.execute("PRAGMA quick_check").fetchall()
    except sqlite3.DatabaseError as exc:
        return f"{exc}"
    if rows == [("ok",)]:
        return None
    return "; ".join(str(r[0]) for r in rows[:5])


def is_corruption(exc: BaseException) -> bool:
    """True for SQLite errors that mean the file is damaged or not a database."""
    name = getattr(exc, "sqlite_errorname", "") or ""
    if name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")):
        return True
    text = str(exc)
    return "malformed" in text or "not a database" in text


def wal_path(path: Path) -> Path:
    return path.with_name(path.name + "-wal")


def file_sizes(path: Path) -> tuple[int, int]:
    """Sizes in bytes of the database file and its WAL (0 when missing)."""
    sizes = []
    for p in (path, wal_path(path)):
        try:
            sizes.append(p.stat().st_size)
        except FileNotFoundError:
            sizes.append(0)
    return sizes[0], sizes[1]


@dataclass(frozen=True)
class MovedAside:
    """Where a corrupt database went and why."""

    path: Path
    reason: str


def move_aside(path: Path, reason: str, stamp: str) -> MovedAside:
    """Rename the database and its WAL/SHM to ``<name>.corrupt-<stamp>`` (never deletes)."""
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.name}.corrupt-{stamp}-{n}")
    # The database moves first; a WAL left behind by a crash here is caught by
    # move_orphan_wal() before any new database is created next to it.
    for suffix in ("", "-wal", "-shm"):
        src = path.with_name(path.name + suffix)
        if src.exists():
            os.replace(src, target.with_name(target.name + suffix))
    fd = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
    log.error("queue database was corrupt (%s); moved aside to %s", reason, target)
    return MovedAside(target, reason)


def move_orphan_wal(path: Path, stamp: str) -> MovedAside | None:
    """Move aside a WAL whose database is gone: SQLite would replay it into a new file."""
    wal = wal_path(path)
    if path.exists() or not wal.exists():
        return None
    target = path.with_name(f"{path.name}.orphan-{stamp}")
    for suffix in ("-wal", "-shm"):
        src = path.with_name(path.name + suffix)
        if src.exists():
            os.replace(src, target.with_name(target.name + suffix))
    log.error("queue WAL without its database moved aside to %s-wal", target)
    return MovedAside(target, "WAL without database")
