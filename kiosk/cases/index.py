"""Which applications this kiosk took for an ID number, without keeping the number.

The platform contract has no lookup by ID number, so 办理进度查询 by ID card
can only find applications submitted *at this kiosk*. For those the kiosk
keeps a small index, ``HMAC-SHA256(key, ID number) → application numbers``.

Why keyed: an 18-character ID number has little entropy (a region code, a
birth date and a 3-digit sequence; the check digit follows: about 10^11
candidates), so a plain hash is reversed by trying them all. The key lives in
its own file, kept like the queue's key: ``keys/case-index.key`` in the data
directory, mode 0600, the same ``<key id> <base64>`` lines, created at first
start, rotated by :func:`offline_queue.crypto.add_key`. Lookups try every
key in the file, so rotation keeps older entries findable; deleting the file
forgets every entry (they can no longer match and are purged at the next start).

Entries are deleted :data:`RETENTION_DAYS` after the case was submitted, at
start and at most every :data:`PURGE_EVERY_S` while the kiosk is used; a lookup
never returns an older one. The database runs WAL with ``synchronous=FULL`` and
``secure_delete``; each purge truncates the WAL so deleted entries leave it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import logging
import os
import sqlite3
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import cast

from hostio.secret_files import SecretFileError, read_key_file
from offline_queue.crypto import create_key_file

log = logging.getLogger(__name__)

#: Kept this long after submission. The catalogue's longest legal time limit is
#: 60 working days (about three months) and a finished ID card waits a while for
#: collection; 180 days covers application to collection with room to spare,
#: and older applications are still found by the slip's code or at the counter.
RETENTION_DAYS = 180.0
#: While the kiosk is used, purge at most this often (it also purges at start).
PURGE_EVERY_S = 3600.0
#: Most applications a lookup returns (newest first): a list a citizen can read.
LOOKUP_LIMIT = 8

DB_FILE = Path("case-index.db")
KEY_FILE = Path("keys/case-index.key")

_APPLICATION_ID = 0x4B434958  # "KCIX": marks the file as the kiosk's case index
_SCHEMA_VERSION = 1
# Domain separation: the same key could never produce a digest that means
# something elsewhere, and a later format change gets its own label.
_LABEL = b"kiosk-case-index/v1|"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS cases (
    application_no TEXT PRIMARY KEY,
    digest BLOB NOT NULL,
    key_id TEXT NOT NULL,
    service_id TEXT NOT NULL,
    created_ms INTEGER NOT NULL
) STRICT;
CREATE INDEX IF NOT EXISTS cases_digest ON cases(digest, created_ms);
CREATE INDEX IF NOT EXISTS cases_created ON cases(created_ms);
"""


class IndexUnavailable(Exception):
    """The index cannot be used (its key file is unreadable or the database cannot open)."""


@dataclass(frozen=True, slots=True)
class IndexedCase:
    """One application submitted at this kiosk: nothing personal in it."""

    application_no: str
    service_id: str
    created: dt.datetime  # local time, with its offset


def normalise(id_number: str) -> str:
    """The form that is hashed: no surrounding blanks, upper-case check character."""
    number = id_number.strip().upper()
    if not number or len(number) > 64:
        raise ValueError("not an ID number")
    return number


def load_keys(path: Path) -> tuple[dict[str, bytes], str]:
    """Read a key file in the queue's format: (keys by id, id of the last one).

    FileNotFoundError passes through (the caller creates the file).
    """
    try:
        found = read_key_file(path)
    except SecretFileError as exc:
        raise IndexUnavailable(str(exc)) from None
    return found.keys, found.last


class CaseIndex:
    """Keyed-hash index of the applications submitted here; open with :meth:`open`.

    Thread-safe: the submit step writes from a worker thread, lookups run on
    another; one connection behind a lock serves both (each call is short).
    """

    def __init__(
        self,
        conn: sqlite3.Connection,
        keys: dict[str, bytes],
        active: str,
        *,
        retention_days: float = RETENTION_DAYS,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._conn = conn
        self._keys = dict(keys)
        self._active = active
        self._retention_ms = int(retention_days * 86_400_000)
        self._clock = clock
        self._lock = threading.Lock()
        self._next_purge = 0.0
        self._closed = False

    @classmethod
    def open(
        cls,
        data_dir: Path | str,
        *,
        db_file: Path = DB_FILE,
        key_file: Path = KEY_FILE,
        retention_days: float = RETENTION_DAYS,
        clock: Callable[[], float] = time.time,
    ) -> CaseIndex:
        """Open (or create) the index and its key under ``data_dir``, then purge.

        Raises :class:`IndexUnavailable` when the key file exists but cannot be
        used, or the database cannot be opened even afresh.
        """
        data_dir = Path(data_dir)
        key_path = key_file if key_file.is_absolute() else data_dir / key_file
        db_path = db_file if db_file.is_absolute() else data_dir / db_file
        try:
            keys, active = load_keys(key_path)
        except FileNotFoundError:
            # A new key: entries made under a lost one can never match again.
            try:
                create_key_file(key_path)
            except OSError as exc:
                raise IndexUnavailable(f"key file {key_path}: {type(exc).__name__}") from None
            keys, active = load_keys(key_path)
        conn = _connect_or_recreate(db_path)
        index = cls(conn, keys, active, retention_days=retention_days, clock=clock)
        index.purge()
        return index

    # ------------------------------------------------------------ use

    def record(
        self, id_number: str, application_no: str, service_id: str, created_s: float | None = None
    ) -> None:
        """Remember that ``application_no`` was submitted here for ``id_number`` (durably)."""
        if not application_no or not service_id:
            raise ValueError("application number and service are needed")
        digest = self._digest(self._active, normalise(id_number))
        created_ms = int((self._clock() if created_s is None else created_s) * 1000)
        with self._lock:
            self._check_open()
            self._conn.execute(
                "INSERT INTO cases (application_no, digest, key_id, service_id, created_ms)"
                " VALUES (?, ?, ?, ?, ?) ON CONFLICT(application_no) DO NOTHING",
                (application_no, digest, self._active, service_id, created_ms),
            )
            self._maybe_purge()

    def lookup(self, id_number: str, limit: int = LOOKUP_LIMIT) -> list[IndexedCase]:
        """The applications submitted here for ``id_number``, newest first (within retention)."""
        number = normalise(id_number)
        digests = [self._digest(kid, number) for kid in self._keys]
        marks = ", ".join("?" * len(digests))
        with self._lock:
            self._check_open()
            self._maybe_purge()
            rows = self._conn.execute(
                "SELECT application_no, service_id, created_ms FROM cases"
                f" WHERE digest IN ({marks}) AND created_ms > ?"
                " ORDER BY created_ms DESC, application_no DESC LIMIT ?",
                (*digests, self._cutoff_ms(), limit),
            ).fetchall()
        return [
            IndexedCase(no, service, dt.datetime.fromtimestamp(ms / 1000).astimezone())
            for no, service, ms in rows
        ]

    def purge(self) -> int:
        """Delete entries past retention and those no key in the file can match; return how many."""
        with self._lock:
            self._check_open()
            return self._purge()

    def __len__(self) -> int:
        with self._lock:
            self._check_open()
            return cast(int, self._conn.execute("SELECT count(*) FROM cases").fetchone()[0])

    def close(self) -> None:
        """Checkpoint and close. Idempotent."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
            try:
                self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            except sqlite3.Error as exc:
                log.warning("case index checkpoint failed: %s", type(exc).__name__)
            self._conn.close()

    # ------------------------------------------------------------ plumbing

    def _digest(self, key_id: str, number: str) -> bytes:
        return hmac.new(self._keys[key_id], _LABEL + number.encode(), hashlib.sha256).digest()

    def _cutoff_ms(self) -> int:
        return int(self._clock() * 1000) - self._retention_ms

    def _maybe_purge(self) -> None:
        if time.monotonic() >= self._next_purge:
            self._purge(orphans=False)  # keys change only between starts

    def _purge(self, *, orphans: bool = True) -> int:
        self._next_purge = time.monotonic() + PURGE_EVERY_S
        n = self._conn.execute(
            "DELETE FROM cases WHERE created_ms <= ?", (self._cutoff_ms(),)
        ).rowcount  # index cases_created: no scan
        if orphans:
            marks = ", ".join("?" * len(self._keys))
            n += self._conn.execute(
                f"DELETE FROM cases WHERE key_id NOT IN ({marks})", tuple(self._keys)
            ).rowcount
        if n:
            # secure_delete zeroes the freed pages; the old page images leave the WAL too.
            self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            log.info("case index purge: %d entries deleted", n)
        return n

    def _check_open(self) -> None:
        if self._closed:
            raise IndexUnavailable("the case index is closed")


def _connect(path: Path) -> sqlite3.Connection:
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    if not path.exists():
        # The WAL and SHM files take the database file's mode: 0600 for all.
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))
    conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=5.0)
    try:
        if conn.execute("PRAGMA journal_mode=WAL").fetchone()[0].lower() != "wal":
            raise sqlite3.OperationalError("WAL is required")
        conn.execute("PRAGMA synchronous=FULL")
        conn.execute("PRAGMA secure_delete=ON")
        conn.execute("PRAGMA trusted_schema=OFF")
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        if tables and app_id != _APPLICATION_ID:
            raise IndexUnavailable(f"{path} is not a case index")
        if conn.execute("PRAGMA user_version").fetchone()[0] > _SCHEMA_VERSION:
            raise IndexUnavailable(f"{path} was written by a newer program")
        if conn.execute("PRAGMA quick_check").fetchone()[0] != "ok":
            raise sqlite3.DatabaseError("quick_check failed")
        conn.executescript(
            "BEGIN IMMEDIATE;"
            + _SCHEMA
            + f"PRAGMA application_id={_APPLICATION_ID};"
            + f"PRAGMA user_version={_SCHEMA_VERSION};"
            + "COMMIT;"
        )
    except BaseException:
        conn.close()
        raise
    return conn


def _connect_or_recreate(path: Path) -> sqlite3.Connection:
    """Open the database; a damaged one is deleted and started afresh.

    The index is a convenience (the slip's code always works), and what it
    held is unreadable without the key, so it is not worth salvaging.
    """
    try:
        return _connect(path)
    except IndexUnavailable:
        raise
    except sqlite3.DatabaseError as exc:
        log.error("case index unusable (%s): starting a new one", type(exc).__name__)
    for suffix in ("", "-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
    try:
        return _connect(path)
    except sqlite3.Error as exc:
        raise IndexUnavailable(f"{path}: {type(exc).__name__}") from None
