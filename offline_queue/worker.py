"""The sync worker: a thread that delivers the outbox to the platform.

One pass (:meth:`SyncWorker.sync_once`) claims due rows in batches (at most
``batch_size`` and ``batch_max_bytes``; one row per case at a time, so each
case keeps its order), sends them, and records per id:

- accepted or duplicate → DELIVERED (personal data wiped, see ``pii_retention_s``);
- rejected → DEAD with the platform's reason (a technician may retry it);
- 400 / 413 for a batch → each row is sent alone; a single row still refused is DEAD;
- anything else (5xx, 429/503, timeouts, dropped connections, malformed answers,
  ids missing from the answer) → PENDING again after full-jitter backoff, never
  sooner than ``Retry-After``. The ids never change, so the platform deduplicates.

After a failed pass the worker holds back (same backoff on a consecutive-failure
count) instead of trying the next batch at once. When the platform cannot be
reached it probes with a TCP connect every ``probe_interval_s``; when the link
comes back (probe, a successful call of the shared client, or
:meth:`network_up`) every pending row becomes due within ``reconnect_jitter_s``.
"""

from __future__ import annotations

import logging
import random
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from offline_queue import store
from offline_queue.backoff import retry_delay_s
from offline_queue.client import FailureKind, PlatformClient, PlatformError
from offline_queue.crypto import DecryptFailed
from offline_queue.errors import KeyUnavailable, QueueError
from offline_queue.outbox import Outbox

log = logging.getLogger(__name__)

_REFUSED = frozenset({FailureKind.BAD_REQUEST, FailureKind.TOO_LARGE})
#: Recorded as the last sync error when a pass breaks outside a delivery.
PASS_FAILED = "SYNC_PASS_FAILED"
_BLOCKED_WAIT_S = 1.0


@dataclass
class SyncReport:
    """What one pass did."""

    claimed: int = 0
    accepted: int = 0
    duplicates: int = 0
    dead: int = 0
    retried: int = 0
    requests: int = 0
    error: str | None = None
    """Failure code that ended the pass early (None: it ran out of due rows)."""

    @property
    def delivered(self) -> int:
        return self.accepted + self.duplicates


@dataclass(frozen=True)
class WorkerStatus:
    running: bool
    online: bool
    consecutive_failures: int
    last_error: str | None


Tx = tuple[store.ClaimedRow, dict[str, Any]]


class SyncWorker:
    """Delivers the outbox on its own thread; also usable one pass at a time."""

    def __init__(
        self,
        outbox: Outbox,
        client: PlatformClient,
        *,
        clock: Callable[[], float] = time.time,
        rng: random.Random | None = None,
        probe: Callable[[], bool] | None = None,
    ) -> None:
        self.outbox = outbox
        self.client = client
        self.settings = outbox.settings
        self._clock = clock
        self._rng = rng or random.Random()
        self._probe = probe or (
            lambda: tcp_probe(client.base_url, client.settings.connect_timeout_s)
        )
        self._pass_lock = threading.Lock()
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None
        self._offline = False
        self._failures = 0
        self._hold_until = 0.0
        self._last_error: str | None = None
        self._listeners: list[Callable[[SyncReport], None]] = []
        outbox.add_commit_listener(self.wake)
        client.add_link_listener(self._on_link)

    # ------------------------------------------------------------ control

    def start(self) -> None:
        """Start the thread (once)."""
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="queue-sync", daemon=True)
            self._thread.start()

    def stop(self, timeout: float = 10.0) -> bool:
        """Stop after the request in progress; True when the thread has ended."""
        self._stopping.set()
        self._wake.set()
        if self._thread is None:
            return True
        self._thread.join(timeout)
        return not self._thread.is_alive()

    def add_listener(self, callback: Callable[[SyncReport], None]) -> None:
        """Call ``callback(report)`` on the worker thread after each pass it runs."""
        self._listeners.append(callback)

    def wake(self) -> None:
        """Something new may be due: look now."""
        self._wake.set()

    def network_up(self) -> None:
        """The link is back: make pending rows due within ``reconnect_jitter_s`` and look."""
        self._offline = False
        self._failures = 0
        self._hold_until = 0.0
        try:
            self.outbox.reschedule_pending(self._rng.uniform(0, self.settings.reconnect_jitter_s))
        except QueueError as exc:
            log.warning("cannot reschedule after link-up: %s", exc.code)
        self._wake.set()

    @property
    def status(self) -> WorkerStatus:
        alive = self._thread is not None and self._thread.is_alive()
        return WorkerStatus(alive, not self._offline, self._failures, self._last_error)

    # ------------------------------------------------------------ one pass

    def sync_once(self, *, ignore_backoff: bool = False) -> SyncReport:
        """Deliver everything due now, batch after batch, until none is left or one fails.

        ``ignore_backoff`` (a technician's ``kiosk queue sync``): every pending row
        is due in this pass, each sent at most once; rows that fail again get
        their backoff as usual, and delivered or dead rows are not touched.
        """
        report = SyncReport()
        tried: set[int] | None = set() if ignore_backoff else None
        with self._pass_lock:
            while not self._stopping.is_set():
                rows = self.outbox.claim(skip=tried)
                if not rows:
                    break
                if tried is not None:
                    tried.update(row.seq for row in rows)
                report.claimed += len(rows)
                if not self._deliver(rows, report):
                    break
        return report

    def _deliver(self, rows: list[store.ClaimedRow], report: SyncReport) -> bool:
        txs: list[Tx] = []
        dead: list[store.Dead] = []
        for row in rows:
            try:
                payload = self.outbox.open_row(row)
            except KeyUnavailable:
                dead.append(store.Dead(row.seq, None, f"KEY_UNAVAILABLE: key {row.key_id}"))
                continue
            except (DecryptFailed, ValueError):
                dead.append(store.Dead(row.seq, None, "DECRYPT_FAILED"))
                continue
            doc: dict[str, Any] = {"id": row.id, "type": row.type, "created_at": row.created_at}
            doc["payload"] = payload
            txs.append((row, doc))
        if dead:
            log.error("%d queued rows cannot be decrypted; parked as dead", len(dead))
            self.outbox.settle(dead=dead)
            report.dead += len(dead)
        if not txs:
            return True
        failure = self._send(txs, report)
        if failure is None:
            self._failures = 0
            self._last_error = None
            return True
        self._failures += 1
        self._last_error = failure.kind.value
        report.error = failure.kind.value
        self._offline = failure.kind is FailureKind.UNREACHABLE
        hold = retry_delay_s(
            self._failures,
            self.settings.backoff_base_s,
            self.settings.backoff_cap_s,
            self._rng.random(),
            failure.retry_after_s,
        )
        self._hold_until = time.monotonic() + hold
        return False

    def _send(self, txs: list[Tx], report: SyncReport) -> PlatformError | None:
        """Send one batch and record the outcome; return the failure that stops the pass."""
        report.requests += 1
        try:
            result = self.client.deliver([doc for _row, doc in txs])
        except PlatformError as exc:
            if exc.kind in _REFUSED and len(txs) > 1:
                log.warning("platform refused a batch (%s); sending its rows one by one", exc)
                for i, one in enumerate(txs):
                    failure = self._send([one], report)
                    if failure is not None:
                        self._retry(txs[i + 1 :], failure, report)
                        return failure
                return None
            if exc.kind in _REFUSED:
                row = txs[0][0]
                log.error("platform refused transaction %s for good: %s", row.id, exc.kind.value)
                self.outbox.settle(dead=[store.Dead(row.seq, exc.status, exc.kind.value)])
                report.dead += 1
                return None
            log.info("delivery of %d failed: %s; will retry", len(txs), exc)
            self._retry(txs, exc, report)
            return exc
        except Exception as exc:  # a bug, not the network: keep the rows, retry, and say so
            log.exception("delivery of %d failed unexpectedly; will retry", len(txs))
            failure = PlatformError(FailureKind.UNEXPECTED, type(exc).__name__)
            self._retry(txs, failure, report)
            return failure
        self._apply(txs, result, report)
        return None

    def _apply(self, txs: list[Tx], result: Any, report: SyncReport) -> None:
        by_id = {row.id: row for row, _doc in txs}
        seen: set[str] = set()
        delivered: list[store.Delivered] = []
        dead: list[store.Dead] = []
        for outcome, ids in (("accepted", result.accepted), ("duplicate", result.duplicates)):
            for tx_id in ids:
                if tx_id in by_id and tx_id not in seen:
                    seen.add(tx_id)
                    delivered.append(store.Delivered(by_id[tx_id].seq, outcome))
                    if outcome == "accepted":
                        report.accepted += 1
                    else:
                        report.duplicates += 1
        for rej in result.rejected:
            if rej.id in by_id and rej.id not in seen:
                seen.add(rej.id)
                dead.append(store.Dead(by_id[rej.id].seq, 200, f"REJECTED: {rej.reason}"))
                log.debug("platform rejected transaction %s", rej.id)
        if dead:
            log.warning("platform rejected %d transactions; parked as dead", len(dead))
        report.dead += len(dead)
        missing = [(row, doc) for row, doc in txs if row.id not in seen]
        retry = self._retry_rows(missing, FailureKind.MALFORMED.value, 200, None)
        report.retried += len(retry)
        self.outbox.settle(delivered=delivered, dead=dead, retry=retry, sync_ok=True)

    def _retry(self, txs: list[Tx], exc: PlatformError, report: SyncReport) -> None:
        if not txs:
            return
        retry = self._retry_rows(txs, exc.kind.value, exc.status, exc.retry_after_s)
        report.retried += len(retry)
        self.outbox.settle(retry=retry, sync_error=exc.kind.value)

    def _retry_rows(
        self, txs: list[Tx], error: str, status: int | None, retry_after_s: float | None
    ) -> list[store.Retry]:
        s = self.settings
        now_ms = int(self._clock() * 1000)
        u = self._rng.random()  # one draw per batch keeps its rows together
        out = []
        for row, _doc in txs:
            delay = retry_delay_s(row.attempts, s.backoff_base_s, s.backoff_cap_s, u, retry_after_s)
            out.append(store.Retry(row.seq, now_ms + int(delay * 1000), status, error))
        return out

    # ------------------------------------------------------------ thread

    def _run(self) -> None:
        while not self._stopping.is_set():
            self._wake.clear()
            report = None
            if not self._offline and time.monotonic() >= self._hold_until:
                try:
                    report = self.sync_once()
                except QueueError as exc:
                    log.warning("sync pass stopped: %s", exc.code)
                    self._pass_failed(exc.code)
                except Exception:
                    log.exception("sync pass failed")
                    self._pass_failed(PASS_FAILED)
                else:
                    for cb in list(self._listeners):
                        try:
                            cb(report)
                        except Exception:
                            log.exception("sync listener failed")
            self._wake.wait(self._next_wait(report))
            if self._offline and not self._stopping.is_set() and self._probe():
                log.info("platform reachable again")
                self.network_up()

    def _pass_failed(self, code: str) -> None:
        """A pass broke outside delivery: back off like a failed delivery, and show it."""
        self._failures += 1
        self._last_error = code
        s = self.settings
        hold = retry_delay_s(self._failures, s.backoff_base_s, s.backoff_cap_s, self._rng.random())
        self._hold_until = time.monotonic() + hold
        try:
            self.outbox.note_sync_error(code)
        except Exception as exc:  # the database may be what broke: the log and status() tell
            log.warning("cannot record the failed pass: %s", type(exc).__name__)

    def _next_wait(self, report: SyncReport | None) -> float:
        s = self.settings
        if self._offline:
            return s.probe_interval_s
        hold = self._hold_until - time.monotonic()
        if hold > 0:
            return min(hold, s.poll_interval_s)
        try:
            due = self.outbox.next_due_ms()
        except QueueError:
            return s.poll_interval_s
        if due is None:
            return s.poll_interval_s
        wait = due / 1000 - self._clock()
        if wait <= 0 and (report is None or report.claimed == 0):
            wait = _BLOCKED_WAIT_S  # due rows wait behind another sender's claim
        return min(max(wait, 0.0), s.poll_interval_s)

    def _on_link(self, reachable: bool) -> None:
        if reachable and self._offline:
            self.network_up()


def tcp_probe(base_url: str, timeout_s: float) -> bool:
    """True when a TCP connection to the platform's host and port can be opened."""
    parts = urlsplit(base_url)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        with socket.create_connection((parts.hostname or "", port), timeout=timeout_s):
            return True
    except OSError:
        return False
