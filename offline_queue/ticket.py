"""The handle a caller gets for a submitted transaction."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from datetime import datetime


class Ticket:
    """A submitted transaction: ``id`` is known at once, durability comes later.

    ``id`` is the idempotency key the platform sees; it may be shown and printed
    before the commit. :meth:`wait` returns once the row is committed to disk
    (``synchronous=FULL``) or raises the :class:`~offline_queue.errors.QueueError`
    that prevented it, in which case the row was *not* stored.
    """

    __slots__ = ("_created_at", "_future", "created_ms", "id", "type")

    def __init__(self, tx_id: str, tx_type: str, created_ms: int) -> None:
        self.id = tx_id
        self.type = tx_type
        self.created_ms = created_ms
        self._created_at: str | None = None
        self._future: Future[None] = Future()

    @property
    def created_at(self) -> str:
        """Creation time, RFC 3339 with the local offset (as sent to the platform)."""
        # Formatted on first use, so submit() does not pay for it on the caller's thread.
        if self._created_at is None:
            when = datetime.fromtimestamp(self.created_ms / 1000).astimezone()
            self._created_at = when.isoformat(timespec="seconds")
        return self._created_at

    @property
    def done(self) -> bool:
        """True once the outcome (durable or failed) is known."""
        return self._future.done()

    @property
    def durable(self) -> bool:
        """True once the transaction is committed to disk."""
        return self._future.done() and self._future.exception() is None

    @property
    def error(self) -> BaseException | None:
        """Why the transaction was not stored, once known (None while pending or if durable)."""
        return self._future.exception() if self._future.done() else None

    def wait(self, timeout: float | None = None) -> None:
        """Block until durable; raise the storing error, or TimeoutError after ``timeout`` s."""
        try:
            self._future.result(timeout)
        except FutureTimeout:
            raise TimeoutError(f"transaction {self.id} not durable after {timeout} s") from None

    def add_done_callback(self, callback: Callable[[Ticket], None]) -> None:
        """Call ``callback(ticket)`` when the outcome is known (on the writer thread, or at once).

        Keep it short: it runs on the queue's writer thread. A UI re-emits it as a signal.
        """
        self._future.add_done_callback(lambda _f: callback(self))

    def __repr__(self) -> str:
        state = "durable" if self.durable else "failed" if self.done else "pending"
        return f"<Ticket {self.id} {self.type} {state}>"

    # Used by the writer only.
    def _resolve(self) -> None:
        self._future.set_result(None)

    def _fail(self, exc: BaseException) -> None:
        self._future.set_exception(exc)
