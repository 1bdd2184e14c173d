"""The writer thread: the only place the process writes the outbox.

Callers hand it new transactions (group-committed, up to ``write_batch_rows``
per SQLite transaction) and jobs (claims, outcomes, technician actions), which
run one per transaction in arrival order. Owning the single write connection
means "database is locked" cannot happen inside the process; other processes
(the CLI) are waited for up to ``lock_wait_s``. When idle it checkpoints the WAL
and runs housekeeping (:mod:`offline_queue.housekeeping`).
"""

from __future__ import annotations

import logging
import queue
import sqlite3
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass
from typing import Any, TypeVar

from offline_queue import store
from offline_queue.crypto import KeyRing
from offline_queue.db import is_corruption
from offline_queue.errors import QueueUnavailable
from offline_queue.intake import AvailabilityTracker
from offline_queue.settings import QueueSettings
from offline_queue.ticket import Ticket

log = logging.getLogger(__name__)

T = TypeVar("T")
_STOP = object()
_TICK_S = 1.0


@dataclass(slots=True)
class Submission:
    """A transaction on its way to disk; ``body``/``pii`` are JSON bytes, not yet sealed."""

    ticket: Ticket
    case_key: str | None
    created_ms: int
    body: bytes
    pii: bytes | None


@dataclass(slots=True)
class _Job:
    fn: Callable[[sqlite3.Connection], Any]
    future: Future[Any]
    write: bool


class WriteError(Exception):
    """A write transaction failed; ``code`` is an availability code."""

    def __init__(self, code: str, detail: str) -> None:
        self.code = code
        super().__init__(detail)


class Writer:
    """Owns the write connection; see the module docstring."""

    def __init__(
        self,
        conn: sqlite3.Connection,
        keyring: KeyRing | None,
        settings: QueueSettings,
        availability: AvailabilityTracker,
        *,
        on_commit: Callable[[], None] | None = None,
        idle: Callable[[float], None] | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.conn = conn
        self.keyring = keyring
        self.settings = settings
        self.availability = availability
        self._on_commit = on_commit
        self._idle = idle
        self._clock = clock
        self._inbox: queue.SimpleQueue[Any] = queue.SimpleQueue()
        self._thread = threading.Thread(target=self._run, name="queue-writer", daemon=True)
        self._stopped = threading.Event()
        self.last_write_mono = time.monotonic()

    # ------------------------------------------------------------ caller side

    def start(self) -> None:
        self._thread.start()

    def put(self, sub: Submission) -> None:
        self._inbox.put(sub)

    def call_async(self, fn: Callable[[sqlite3.Connection], T], *, write: bool = True) -> Future[T]:
        """Run ``fn(conn)`` on the writer thread, in a write transaction unless ``write=False``."""
        fut: Future[T] = Future()
        if self._stopped.is_set():
            fut.set_exception(QueueUnavailable("CLOSED", "the outbox is closed"))
        else:
            self._inbox.put(_Job(fn, fut, write))
        return fut

    def call(self, fn: Callable[[sqlite3.Connection], T], *, write: bool = True) -> T:
        """Like :meth:`call_async` but wait for the result (never from the GUI thread)."""
        return self.call_async(fn, write=write).result()

    def stop(self, timeout: float = 10.0) -> None:
        """Finish what was handed in, then stop the thread."""
        if self._thread.is_alive():
            self._inbox.put(_STOP)
            self._thread.join(timeout)

    # ------------------------------------------------------------ writer thread

    def _run(self) -> None:
        try:
            while True:
                try:
                    item = self._inbox.get(timeout=_TICK_S)
                except queue.Empty:
                    self._run_idle()
                    continue
                if item is _STOP:
                    break
                batch = self._drain(item)
                try:
                    self._process(batch)
                except Exception as exc:  # a bug must not leave callers waiting forever
                    log.exception("queue writer failed on a batch")
                    self._fail(batch, QueueUnavailable("WRITE_FAILED", type(exc).__name__))
                if self._inbox.empty():
                    self._run_idle()
        finally:
            self._stopped.set()
            self._fail_leftovers()

    def _drain(self, first: Any) -> list[Any]:
        """Take what is waiting, up to one group-commit's worth, without blocking."""
        items = [first]
        size = len(first.body) if isinstance(first, Submission) else 0
        s = self.settings
        while len(items) < s.write_batch_rows and size < s.write_batch_bytes:
            try:
                nxt = self._inbox.get_nowait()
            except queue.Empty:
                break
            if nxt is _STOP:
                self._inbox.put(_STOP)  # seen again once this batch is done
                break
            items.append(nxt)
            if isinstance(nxt, Submission):
                size += len(nxt.body) + len(nxt.pii or b"")
        return items

    def _process(self, items: list[Any]) -> None:
        subs: list[Submission] = []
        for item in items:
            if isinstance(item, Submission):
                subs.append(item)
                continue
            if subs:
                self._commit(subs)
                subs = []
            self._run_job(item)
        if subs:
            self._commit(subs)

    def _run_idle(self) -> None:
        if self._idle is not None:
            try:
                self._idle(time.monotonic() - self.last_write_mono)
            except Exception:
                log.exception("queue housekeeping failed")

    # ------------------------------------------------------------ transactions

    def _commit(self, subs: list[Submission]) -> None:
        if self.availability.has("DB_CORRUPT"):
            for s in subs:
                s.ticket._fail(QueueUnavailable("DB_CORRUPT", "the database is damaged"))
            return
        rows, ok = [], []
        for s in subs:
            try:
                rows.append(self._row(s))
                ok.append(s)
            except Exception as exc:
                log.error("cannot seal transaction %s: %s", s.ticket.id, type(exc).__name__)
                s.ticket._fail(QueueUnavailable("KEY_UNAVAILABLE", type(exc).__name__))
        if not rows:
            return
        try:
            self.transaction(lambda c: c.executemany(store.INSERT_SQL, rows))
        except WriteError as exc:
            for s in ok:
                s.ticket._fail(QueueUnavailable(exc.code, str(exc)))
            return
        for s in ok:
            s.ticket._resolve()
        if self._on_commit is not None:
            self._on_commit()

    def _row(self, s: Submission) -> tuple[Any, ...]:
        if self.keyring is None:
            raise QueueUnavailable("KEY_MISSING", "no encryption key")
        t = s.ticket
        prefix = f"{t.id}|{t.type}|".encode()
        body = self.keyring.seal(s.body, prefix + b"body")
        pii = self.keyring.seal(s.pii, prefix + b"pii") if s.pii is not None else None
        size = len(s.body) + len(s.pii or b"")
        return (t.id, t.type, s.case_key, t.created_at, s.created_ms, self.keyring.active,
                body, pii, size, s.created_ms)  # fmt: skip

    def _run_job(self, job: _Job) -> None:
        if not job.future.set_running_or_notify_cancel():
            return
        try:
            result = self.transaction(job.fn) if job.write else job.fn(self.conn)
        except WriteError as exc:
            job.future.set_exception(QueueUnavailable(exc.code, str(exc)))
        except BaseException as exc:
            job.future.set_exception(exc)
        else:
            job.future.set_result(result)

    def transaction(self, fn: Callable[[sqlite3.Connection], T]) -> T:
        """Run ``fn`` in ``BEGIN IMMEDIATE`` … ``COMMIT``; SQLite failures become WriteError.

        A locked database is retried until ``lock_wait_s``; other failures roll
        back at once. Availability is updated either way.
        """
        deadline = time.monotonic() + self.settings.lock_wait_s
        conn = self.conn
        while True:
            try:
                conn.execute("BEGIN IMMEDIATE")
                try:
                    result = fn(conn)
                    conn.execute("COMMIT")
                except BaseException:
                    if conn.in_transaction:
                        conn.execute("ROLLBACK")
                    raise
            except sqlite3.Error as exc:
                code = classify(exc)
                if code == "DB_LOCKED" and time.monotonic() < deadline:
                    time.sleep(0.005)  # busy_timeout may be 0: do not spin
                    continue
                if code is None:
                    raise  # a programming error (bad SQL), not a storage condition
                self.availability.set(code, _safe(exc))
                raise WriteError(code, _safe(exc)) from None
            self.last_write_mono = time.monotonic()
            self.availability.clear("DB_LOCKED", "WRITE_FAILED")
            return result

    def _fail_leftovers(self) -> None:
        leftovers = []
        while True:
            try:
                leftovers.append(self._inbox.get_nowait())
            except queue.Empty:
                break
        self._fail(leftovers, QueueUnavailable("CLOSED", "the outbox is closed"))

    @staticmethod
    def _fail(items: list[Any], exc: QueueUnavailable) -> None:
        """Fail whatever in ``items`` has no outcome yet."""
        for item in items:
            if isinstance(item, Submission) and not item.ticket.done:
                item.ticket._fail(exc)
            elif (
                isinstance(item, _Job)
                and not item.future.done()
                and (item.future.running() or item.future.set_running_or_notify_cancel())
            ):
                item.future.set_exception(exc)


def classify(exc: sqlite3.Error) -> str | None:
    """Availability code of a SQLite failure, or None for errors that are bugs."""
    name = getattr(exc, "sqlite_errorname", "") or ""
    if is_corruption(exc):
        return "DB_CORRUPT"
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in str(exc):
        return "DB_LOCKED"
    if name.startswith("SQLITE_FULL") or "full" in str(exc):
        return "DISK_FULL"
    if name.startswith(("SQLITE_IOERR", "SQLITE_READONLY", "SQLITE_CANTOPEN", "SQLITE_PERM")):
        return "WRITE_FAILED"
    if isinstance(exc, sqlite3.OperationalError) and not name.startswith("SQLITE_ERROR"):
        return "WRITE_FAILED"
    return None


def _safe(exc: BaseException) -> str:
    """SQLite's message (never holds row data) without the Python exception class."""
    return str(exc)[:200]
