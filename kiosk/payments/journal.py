"""Every fee this kiosk asks for, until it is settled: filed with its case, refunded, or void.

A visit refunds its own fee when it ends without a durable case, but that refund
lives in the running process. If the kiosk dies in between (a crash, a power
cut, the watchdog), the citizen has paid and nobody gives the money back. The
journal closes that gap, the way an ATM journals before it dispenses:

* ``ordered`` is written *before* a charge or a payment QR goes out, with the
  application number the case will carry, so even a crash during the charge
  leaves a trace;
* ``paid`` once the gateway says the money moved, ``void`` when it says it did
  not (declined, cancelled, expired);
* ``filed`` once the case is durable in the queue, ``refunded`` once the
  gateway confirms the refund;
* ``refund_failed`` when the gateway refuses a refund: staff give the money
  back by hand and record it (``handled``, with who and how) through
  ``kiosk payments handled``.

At the next start :mod:`kiosk.payments.recovery` settles what an earlier run
left open. Entries hold no personal data (order and application numbers, the
amount, the service) and are deleted :data:`RETENTION_DAYS` after they settle.
The database runs WAL with ``synchronous=FULL``: an entry written is on disk.
"""

from __future__ import annotations

import enum
import logging
import sqlite3
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

log = logging.getLogger(__name__)

DB_FILE = Path("payment-journal.db")
#: Settled entries are kept this long, for a technician reconciling a day's takings.
RETENTION_DAYS = 90.0

_APPLICATION_ID = 0x4B504A4E  # "KPJN": marks the file as the kiosk's payment journal
_SCHEMA_VERSION = 1
_SCHEMA = """
CREATE TABLE IF NOT EXISTS payments (
    order_no TEXT PRIMARY KEY,
    application_no TEXT NOT NULL,
    service_id TEXT NOT NULL,
    amount_fen INTEGER NOT NULL,
    state TEXT NOT NULL,
    refund_no TEXT,
    note TEXT NOT NULL DEFAULT '',
    created_ms INTEGER NOT NULL,
    updated_ms INTEGER NOT NULL
) STRICT;
CREATE INDEX IF NOT EXISTS payments_open ON payments(state, created_ms);
"""


class PaymentState(enum.StrEnum):
    ORDERED = "ordered"  # a charge or QR went out (or was about to): outcome not known
    PAID = "paid"  # money taken; no case yet
    FILED = "filed"  # the case is durable: the fee was for it (settled)
    REFUNDED = "refunded"  # the gateway confirmed the refund (settled)
    VOID = "void"  # nothing was taken: declined, cancelled, expired (settled)
    REFUND_FAILED = "refund_failed"  # the gateway refused the refund: staff (settled)
    HANDLED = "handled"  # staff settled a refused refund by hand; the note says how (settled)

    @property
    def settled(self) -> bool:
        return self not in _UNSETTLED


#: The states an entry may still leave for a settled one.
_UNSETTLED = (PaymentState.ORDERED, PaymentState.PAID)


class JournalUnavailable(Exception):
    """The journal cannot be opened or written: no fee may be asked for without it."""


class FeeJournal(Protocol):
    """What a visit writes about its fee: :class:`PaymentJournal`, or :class:`NoJournal`."""

    def ordered(
        self, order_no: str, application_no: str, service_id: str, amount_fen: int
    ) -> None: ...
    def paid(self, order_no: str) -> None: ...
    def void(self, order_no: str, note: str = "") -> None: ...
    def filed(self, order_no: str) -> None: ...
    def refunded(self, order_no: str, refund_no: str, note: str = "") -> None: ...
    def close(self) -> None: ...


class NoJournal:
    """Stands in for a journal that could not open: every order is refused, so no fee is taken."""

    def ordered(self, order_no: str, application_no: str, service_id: str, amount_fen: int) -> None:
        raise JournalUnavailable("the payment journal could not be opened")

    def paid(self, order_no: str) -> None:
        raise JournalUnavailable("the payment journal could not be opened")

    def void(self, order_no: str, note: str = "") -> None:
        raise JournalUnavailable("the payment journal could not be opened")

    def filed(self, order_no: str) -> None:
        raise JournalUnavailable("the payment journal could not be opened")

    def refunded(self, order_no: str, refund_no: str, note: str = "") -> None:
        raise JournalUnavailable("the payment journal could not be opened")

    def close(self) -> None:
        pass


@dataclass(frozen=True, slots=True)
class JournalEntry:
    order_no: str
    application_no: str
    service_id: str
    amount_fen: int
    state: PaymentState
    refund_no: str | None
    note: str
    created_ms: int
    updated_ms: int


class PaymentJournal:
    """Open with :meth:`open`. Thread-safe: one connection behind a lock (calls are short)."""

    def __init__(self, conn: sqlite3.Connection, clock: Callable[[], float] = time.time) -> None:
        self._conn = conn
        self._lock = threading.Lock()
        self._clock = clock
        #: Entries created before this are an earlier run's (see ``unsettled``).
        self.opened_ms = self._now_ms()

    @classmethod
    def open(cls, data_dir: Path, *, clock: Callable[[], float] = time.time) -> PaymentJournal:
        path = data_dir / DB_FILE
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=FULL")
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            if app_id not in (0, _APPLICATION_ID):
                conn.close()
                raise JournalUnavailable(f"{path} is not a payment journal")
            conn.executescript(_SCHEMA)
            conn.execute(f"PRAGMA application_id={_APPLICATION_ID}")
            conn.execute(f"PRAGMA user_version={_SCHEMA_VERSION}")
        except sqlite3.Error as exc:
            raise JournalUnavailable(f"{path}: {exc}") from None
        journal = cls(conn, clock)
        journal.purge()
        return journal

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    # ---- recording (each call is one durable transaction)
    def ordered(self, order_no: str, application_no: str, service_id: str, amount_fen: int) -> None:
        """Before the charge or QR goes out: the order, and the case it will pay for."""
        now = self._now_ms()
        self._write(
            "INSERT INTO payments (order_no, application_no, service_id, amount_fen, state,"
            " created_ms, updated_ms) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (order_no, application_no, service_id, amount_fen, PaymentState.ORDERED, now, now),
        )

    def paid(self, order_no: str) -> None:
        self._move(order_no, PaymentState.PAID, (PaymentState.ORDERED,))

    def void(self, order_no: str, note: str = "") -> None:
        self._move(order_no, PaymentState.VOID, (PaymentState.ORDERED,), note=note)

    def filed(self, order_no: str) -> None:
        self._move(order_no, PaymentState.FILED, _UNSETTLED)

    def refunded(self, order_no: str, refund_no: str, note: str = "") -> None:
        self._move(order_no, PaymentState.REFUNDED, _UNSETTLED, refund_no=refund_no, note=note)

    def refund_failed(self, order_no: str, refund_no: str, note: str) -> None:
        self._move(order_no, PaymentState.REFUND_FAILED, _UNSETTLED, refund_no=refund_no, note=note)

    def handled(self, order_no: str, note: str) -> bool:
        """Staff settled a refused refund by hand (``note``: who, how); False if it was not one."""
        if not note.strip():
            raise ValueError("say who settled it and how")
        return self._move(
            order_no, PaymentState.HANDLED, (PaymentState.REFUND_FAILED,), note=note.strip()
        )

    # ---- reading
    def get(self, order_no: str) -> JournalEntry | None:
        rows = self._read("SELECT * FROM payments WHERE order_no = ?", (order_no,))
        return rows[0] if rows else None

    def unsettled(self, *, before_ms: int | None = None) -> list[JournalEntry]:
        """Entries still ORDERED or PAID, oldest first; ``before_ms``: created before then."""
        cutoff = self.opened_ms if before_ms is None else before_ms
        return self._read(
            "SELECT * FROM payments WHERE state IN (?, ?) AND created_ms < ? ORDER BY created_ms",
            (PaymentState.ORDERED, PaymentState.PAID, cutoff),
        )

    def entries(self, limit: int = 100, state: PaymentState | None = None) -> list[JournalEntry]:
        """The newest entries (only those in ``state`` if given), for a technician."""
        return self._read(
            "SELECT * FROM payments WHERE ?1 IS NULL OR state = ?1"
            " ORDER BY created_ms DESC LIMIT ?2",
            (state, limit),
        )

    def created_between(self, start_ms: int, end_ms: int) -> list[JournalEntry]:
        """Entries created in [start_ms, end_ms), oldest first: one day's takings."""
        return self._read(
            "SELECT * FROM payments WHERE created_ms >= ? AND created_ms < ? ORDER BY created_ms",
            (start_ms, end_ms),
        )

    def purge(self) -> int:
        """Delete settled entries older than the retention; return how many went."""
        cutoff = self._now_ms() - int(RETENTION_DAYS * 86_400_000)
        unsettled = (PaymentState.ORDERED, PaymentState.PAID)
        with self._lock:
            cur = self._conn.execute(
                "DELETE FROM payments WHERE state NOT IN (?, ?) AND updated_ms < ?",
                (*unsettled, cutoff),
            )
            return cur.rowcount

    # ---- internals
    def _now_ms(self) -> int:
        return int(self._clock() * 1000)

    def _move(
        self,
        order_no: str,
        state: PaymentState,
        allowed_from: tuple[PaymentState, ...],
        *,
        refund_no: str | None = None,
        note: str = "",
    ) -> bool:
        """One state change; True if made. A settled entry keeps its first outcome."""
        marks = ", ".join("?" for _ in allowed_from)
        changed = self._write(
            "UPDATE payments SET state = ?, refund_no = coalesce(?, refund_no), note = ?,"
            f" updated_ms = ? WHERE order_no = ? AND state IN ({marks})",
            (state, refund_no, note, self._now_ms(), order_no, *allowed_from),
        )
        if not changed:
            entry = self.get(order_no)
            log.warning(
                "payment journal entry not moved",
                extra={
                    "order_no": order_no,
                    "to": str(state),
                    "state": str(entry.state) if entry else "missing",
                },
            )
        return bool(changed)

    def _write(self, sql: str, args: tuple[object, ...]) -> int:
        try:
            with self._lock:
                return self._conn.execute(sql, args).rowcount
        except sqlite3.Error as exc:
            raise JournalUnavailable(f"{type(exc).__name__}: {exc}") from None

    def _read(self, sql: str, args: tuple[object, ...]) -> list[JournalEntry]:
        with self._lock:
            rows = self._conn.execute(sql, args).fetchall()
        return [
            JournalEntry(
                order_no=r[0],
                application_no=r[1],
                service_id=r[2],
                amount_fen=r[3],
                state=PaymentState(r[4]),
                refund_no=r[5],
                note=r[6],
                created_ms=r[7],
                updated_ms=r[8],
            )
            for r in rows
        ]
