"""Shared helpers of the offline queue tests (constants, submit/drain, waiting)."""

from __future__ import annotations

import threading
from collections.abc import Callable

from offline_queue import Outbox, PlatformClient, PlatformSettings, QueueSettings, SyncWorker
from offline_queue.sim import synthetic_id

TOKEN = "test-token"
KIOSK = "K-TEST-01"
#: A synthetic person (checksum-valid number, placeholder name).
ID_NUMBER = synthetic_id("110105", "19800101", "001")
NAME = "张三"


def fast_settings(**overrides: object) -> QueueSettings:
    """Settings with tiny backoff so tests never wait on real time."""
    base: dict[str, object] = {
        "backoff_base_s": 0.001,
        "backoff_cap_s": 0.005,
        "reconnect_jitter_s": 0.0,
        "probe_interval_s": 0.05,
        "poll_interval_s": 0.2,
        "min_free_bytes": 0,
    }
    base.update(overrides)
    return QueueSettings(**base)


def make_client(url: str, **platform: object) -> PlatformClient:
    return PlatformClient(url, KIOSK, TOKEN, PlatformSettings(**platform))


def reissue(outbox: Outbox, n: int, *, case: str | None = None, prefix: str = "A") -> list:
    """Submit ``n`` ID-card reissues with personal data; return the tickets once durable."""
    tickets = [
        outbox.submit(
            "id_card_reissue",
            {"application_no": f"{prefix}{i:05d}", "fee_fen": 2000},
            pii={"id_number": ID_NUMBER, "name": NAME},
            case_key=case,
        )
        for i in range(n)
    ]
    for t in tickets:
        t.wait(10)
    return tickets


def drain(outbox: Outbox, worker: SyncWorker, rounds: int = 50) -> None:
    """Run passes, making retries due at once, until nothing is pending or in flight."""
    for _ in range(rounds):
        worker.sync_once()
        counts = outbox.stats().counts
        if counts["pending"] == 0 and counts["in_flight"] == 0:
            return
        outbox.reschedule_pending(0)
    raise AssertionError(f"queue did not drain: {outbox.stats().counts}")


class Waiter:
    """Wait for a condition signalled by a callback, with a timeout (no sleeping)."""

    def __init__(self, predicate: Callable[[], bool]) -> None:
        self.predicate = predicate
        self._cond = threading.Condition()

    def poke(self, *_args: object) -> None:
        with self._cond:
            self._cond.notify_all()

    def wait(self, timeout: float = 10.0) -> bool:
        with self._cond:
            return self._cond.wait_for(self.predicate, timeout)
