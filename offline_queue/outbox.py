"""The application's door to the queue: :class:`Outbox`.

``submit()`` does no SQL: it checks and serialises the transaction on the
caller's thread, gives it its UUID and returns a :class:`Ticket` at once; the
writer thread seals (AES-GCM) and group-commits it and then resolves the
ticket. Personal data travels in its own sealed column and is merged into the
payload only when sent.
"""

from __future__ import annotations

import json
import logging
import re
import sqlite3
import threading
import time
from collections.abc import Callable, Collection, Sequence
from pathlib import Path
from typing import Any, TypeVar

from offline_queue import store
from offline_queue.crypto import KeyRing
from offline_queue.db import State, connect
from offline_queue.errors import QueueUnavailable
from offline_queue.housekeeping import Housekeeper, PurgeResult
from offline_queue.ids import is_uuid, uuid7_str
from offline_queue.intake import Availability
from offline_queue.opening import OpenedDatabase, open_database
from offline_queue.settings import QueueSettings
from offline_queue.stats import QueueStats, read_stats
from offline_queue.ticket import Ticket
from offline_queue.writer import Submission, Writer

log = logging.getLogger(__name__)

T = TypeVar("T")
_TYPE_RE = re.compile(r"^[a-z][a-z0-9_.-]{0,63}$")


class Outbox:
    """Durable outbox of one kiosk; open with :meth:`Outbox.open`, end with :meth:`close`."""

    def __init__(self, opened: OpenedDatabase, settings: QueueSettings, clock: Callable[[], float]):
        self.settings = settings
        self.path = opened.path
        self._clock = clock
        self._opened = opened
        self.availability_tracker = opened.availability
        self._keyring: KeyRing | None = opened.keyring
        self._submit_lock = threading.Lock()
        self._closed = False
        self._commit_listeners: list[Callable[[], None]] = []
        self._reader_lock = threading.Lock()
        self._reader: sqlite3.Connection | None = None
        self._writer: Writer | None = None
        self._house: Housekeeper | None = None
        if opened.conn is None:
            return
        self._reader = connect(self.path, settings, read_only=True)
        self._writer = Writer(
            opened.conn,
            self._keyring,
            settings,
            self.availability_tracker,
            on_commit=self._committed,
            idle=self._idle,
            clock=clock,
        )
        self._house = Housekeeper(
            self._writer, self.path, settings, self.availability_tracker, clock
        )
        self._house.check_space(force=True)
        self._writer.start()

    @classmethod
    def open(
        cls,
        settings: QueueSettings,
        data_dir: Path | str,
        *,
        clock: Callable[[], float] = time.time,
    ) -> Outbox:
        """Open (or create) the outbox under ``data_dir``; never raises for disk conditions.

        A damaged, locked or key-less database gives an outbox that is not
        :attr:`accepting`, with the reason in :attr:`availability`.
        """
        return cls(open_database(settings, Path(data_dir), clock), settings, clock)

    # ------------------------------------------------------------ the app's side

    def submit(
        self,
        type: str,
        payload: dict[str, Any],
        pii: dict[str, Any] | None = None,
        case_key: str | None = None,
        *,
        tx_id: str | None = None,
    ) -> Ticket:
        """Queue a transaction; its ``ticket.id`` (UUIDv7) is the idempotency key.

        ``pii`` holds the personal fields (ID number, name, photo, fingerprint),
        kept in a separately sealed column, wiped after delivery, and merged into
        ``payload`` (top level) when sent. Rows with the same ``case_key`` reach
        the platform in submission order. Pass ``tx_id`` to reuse an id made
        earlier: submitting an id already stored is a no-op that resolves durable.
        Raises ValueError for a bad transaction; storage failures come through
        the ticket.
        """
        if not _TYPE_RE.match(type):
            raise ValueError("type must match [a-z][a-z0-9_.-]{0,63}")
        if not isinstance(payload, dict) or (pii is not None and not isinstance(pii, dict)):
            raise ValueError("payload and pii must be dicts")
        if pii and payload.keys() & pii.keys():
            raise ValueError("payload and pii share keys")
        if case_key is not None and not (0 < len(case_key) <= 128):
            raise ValueError("case_key must be 1 to 128 characters")
        body = _dumps(payload)
        secret = _dumps(pii) if pii else None
        if len(body) + len(secret or b"") > self.settings.max_tx_bytes:
            raise ValueError(f"transaction larger than {self.settings.max_tx_bytes} bytes")
        if tx_id is not None and not is_uuid(tx_id):
            raise ValueError("tx_id must be a canonical UUID string")
        created_ms = int(self._clock() * 1000)
        ticket = Ticket(tx_id or uuid7_str(), type, created_ms)
        sub = Submission(ticket, case_key, created_ms, body, secret)
        with self._submit_lock:
            if self._closed or self._writer is None:
                ticket._fail(self._unavailable())
            else:
                self._writer.put(sub)
        return ticket

    @property
    def availability(self) -> Availability:
        """Whether new cases may start and, if not, the reason code and detail."""
        return self.availability_tracker.current

    @property
    def accepting(self) -> bool:
        return self.availability_tracker.current.accepting

    @property
    def reason(self) -> str | None:
        """The code of the worst active problem (None while accepting)."""
        a = self.availability_tracker.current
        return None if a.accepting else a.code

    def add_availability_listener(self, callback: Callable[[Availability], None]) -> None:
        """Call ``callback(availability)`` on each change (from the thread that saw it)."""
        self.availability_tracker.add_listener(callback)

    def add_commit_listener(self, callback: Callable[[], None]) -> None:
        """Call ``callback()`` on the writer thread after new transactions became durable."""
        self._commit_listeners.append(callback)

    def stats(self) -> QueueStats:
        """Counts per state, oldest pending age, last sync, sizes.

        A few short autocommit SELECTs on the calling thread (no transaction is
        left open): call it from a health or worker thread, not the GUI thread.
        """
        if self._reader is None:
            return QueueStats.unavailable(self.availability)
        with self._reader_lock:
            return read_stats(self._reader, self.path, self.availability, self._clock())

    # ------------------------------------------------------------ the worker's side

    def claim(
        self, limit: int | None = None, *, skip: Collection[int] | None = None
    ) -> list[store.ClaimedRow]:
        """Move the next due rows to IN_FLIGHT (blocks on the writer thread).

        With ``skip``, pending rows are taken before their backoff ends, except
        those in ``skip`` (see :func:`offline_queue.store.claim`).
        """
        s = self.settings
        n = limit or s.batch_size
        lease = int(s.lease_s * 1000)
        return self._call(
            lambda c: store.claim(c, self._now_ms(), n, s.batch_max_bytes, lease, skip=skip)
        )

    def settle(self, **outcomes: Any) -> None:
        """Record delivery outcomes (see :func:`offline_queue.store.settle`)."""
        wipe = self.settings.pii_retention_s == 0
        self._call(lambda c: store.settle(c, self._now_ms(), wipe_pii=wipe, **outcomes))

    def note_sync_error(self, code: str) -> None:
        """Record a sync pass that failed before it could settle its rows (for status)."""
        self._call(lambda c: store.note_sync_error(c, code))

    def open_row(self, row: store.ClaimedRow) -> dict[str, Any]:
        """Decrypt a claimed row: its payload with the personal data merged in.

        Raises :class:`~offline_queue.errors.KeyUnavailable` or
        :class:`~offline_queue.crypto.DecryptFailed`.
        """
        if self._keyring is None:
            raise QueueUnavailable("KEY_MISSING", "no encryption key")
        prefix = f"{row.id}|{row.type}|".encode()
        payload: dict[str, Any]
        payload = json.loads(self._keyring.open(row.key_id, row.body, prefix + b"body"))
        if row.pii is not None:
            payload.update(json.loads(self._keyring.open(row.key_id, row.pii, prefix + b"pii")))
        return payload

    def next_due_ms(self) -> int | None:
        """When the earliest pending row is due (Unix ms), or None."""
        return self._read(store.next_due_ms)

    def reschedule_pending(self, within_s: float) -> int:
        """Make every pending row due within ``within_s`` (the link came back)."""
        at = self._now_ms() + int(within_s * 1000)
        return self._call(lambda c: store.reschedule_pending(c, at))

    # ------------------------------------------------------------ technician's side

    def retry_dead(self, ids: Sequence[str] | None = None) -> int:
        """DEAD → PENDING under the same ids (all dead rows when ``ids`` is None)."""
        return self._call(lambda c: store.retry_dead(c, self._now_ms(), ids))

    def purge(self) -> PurgeResult:
        """Apply retention now: wipe personal data, delete old delivered rows, shrink."""
        if self._house is None or self._writer is None:
            raise self._unavailable()
        house = self._house
        return self._writer.call(lambda _c: house.purge(), write=False)

    def checkpoint(self) -> bool:
        """TRUNCATE the WAL now (returns False if a reader was in the way)."""
        if self._house is None or self._writer is None:
            raise self._unavailable()
        house = self._house
        return self._writer.call(lambda _c: house.checkpoint(), write=False)

    def integrity_check(self) -> str | None:
        """Full ``PRAGMA integrity_check``: None when ok, else the first problems."""
        rows = self._read(lambda c: c.execute("PRAGMA integrity_check").fetchall())
        return None if rows == [("ok",)] else "; ".join(str(r[0]) for r in rows[:5])

    def rows(self, state: State | None = None, limit: int = 50) -> list[store.RowSummary]:
        """Oldest rows (no payload), optionally of one state."""
        return self._read(lambda c: store.list_rows(c, state, limit))

    def find(self, tx_id: str) -> store.RowSummary | None:
        """The row with this transaction id, if still kept."""
        return self._read(lambda c: store.find_row(c, tx_id))

    def find_case(self, case_key: str) -> list[store.RowSummary]:
        """The kept rows of one case (e.g. an application number), oldest first."""
        return self._read(lambda c: store.find_case_rows(c, case_key))

    def clear_corruption_report(self) -> None:
        """Forget the report of a database moved aside (a technician has seen it)."""
        self._call(lambda c: c.execute("DELETE FROM meta WHERE key = 'corruption'"))

    def close(self, timeout: float = 10.0) -> None:
        """Write out what was submitted, checkpoint, close. Idempotent."""
        with self._submit_lock:
            if self._closed:
                return
            self._closed = True
        if self._writer is not None:
            self._writer.stop(timeout)
            if self._house is not None:
                self._house.checkpoint()
            self._writer.conn.close()
        if self._reader is not None:
            with self._reader_lock:
                self._reader.close()
        self._opened.release()
        self.availability_tracker.set("CLOSED", "the outbox is closed")

    def __enter__(self) -> Outbox:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------ plumbing

    def _call(self, fn: Callable[[sqlite3.Connection], T]) -> T:
        if self._writer is None or self._closed:
            raise self._unavailable()
        return self._writer.call(fn)

    def _read(self, fn: Callable[[sqlite3.Connection], T]) -> T:
        if self._reader is None or self._closed:
            raise self._unavailable()
        with self._reader_lock:
            return fn(self._reader)

    def _unavailable(self) -> QueueUnavailable:
        if self._closed:
            return QueueUnavailable("CLOSED", "the outbox is closed")
        a = self.availability
        return QueueUnavailable(a.code if not a.accepting else "CLOSED", a.detail)

    def _committed(self) -> None:
        if self._house is not None:
            self._house.after_commit()
        for cb in list(self._commit_listeners):
            try:
                cb()
            except Exception:
                log.exception("commit listener failed")

    def _idle(self, idle_for_s: float) -> None:
        if self._house is not None:
            self._house.idle(idle_for_s)

    def _now_ms(self) -> int:
        return int(self._clock() * 1000)


def _dumps(obj: dict[str, Any]) -> bytes:
    try:
        return json.dumps(obj, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode()
    except (TypeError, ValueError) as exc:
        raise ValueError(f"not JSON-serialisable: {exc}") from None
