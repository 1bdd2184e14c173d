"""The sync worker: batches, outcomes, backoff, Retry-After, per-case order, link-up, thread."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest

from offline_queue import Outbox, PlatformClient, State, SyncReport, SyncWorker
from offline_queue.client import DeliveryResult
from offline_queue.sim import FaultSettings, PlatformSimulator
from offline_queue.store import Retry
from tests.offline_queue.helpers import KIOSK, TOKEN, Waiter, drain, fast_settings, reissue


def test_one_pass_delivers_everything_in_batches_of_100(
    outbox: Outbox, worker: SyncWorker, sim: PlatformSimulator
) -> None:
    tickets = reissue(outbox, 250)
    report = worker.sync_once()
    assert (report.claimed, report.accepted, report.requests, report.error) == (250, 250, 3, None)
    assert sim.store.ids() == {t.id for t in tickets}
    stats = outbox.stats()
    assert stats.counts["delivered"] == 250 and stats.last_sync_at is not None
    # What the platform got: payload with the personal data merged in.
    stored = sim.store.transactions()[0]
    assert stored["payload"]["name"] == "张三" and stored["type"] == "id_card_reissue"
    assert stored["created_at"] == tickets[0].created_at


def test_rejected_rows_are_dead_with_the_reason(
    outbox: Outbox, worker: SyncWorker, sim: PlatformSimulator
) -> None:
    good = reissue(outbox, 2)
    bad = outbox.submit("payment", {"amount_fen": "lots"})
    bad.wait(10)
    report = worker.sync_once()
    assert (report.accepted, report.dead) == (2, 1)
    row = outbox.find(bad.id)
    assert row is not None and row.state is State.DEAD
    assert row.last_error == "REJECTED: payload.amount_fen: not a non-negative integer"
    assert {r.id for r in outbox.rows(State.DELIVERED)} == {t.id for t in good}
    assert "DEAD_ROWS" in outbox.stats().warnings
    assert worker.sync_once().claimed == 0  # dead rows stay parked


def test_failure_backs_off_and_honours_retry_after(
    data_dir: Path, sim: PlatformSimulator, client: PlatformClient
) -> None:
    clock = [1_900_000_000.0]
    s = fast_settings(backoff_base_s=2.0, backoff_cap_s=600.0)
    ob = Outbox.open(s, data_dir, clock=lambda: clock[0])
    w = SyncWorker(ob, client, clock=lambda: clock[0])
    try:
        reissue(ob, 5)
        sim.set_faults(FaultSettings(script=["throttle_503", "error"], retry_after_s=30))
        report = w.sync_once()
        assert (report.retried, report.error) == (5, "PLATFORM_THROTTLED")
        due = ob.next_due_ms()
        assert due is not None and due >= (clock[0] + 30) * 1000  # never sooner than asked
        assert ob.stats().last_sync_error == "PLATFORM_THROTTLED"
        assert w.sync_once().claimed == 0  # not due yet
        clock[0] += 31
        report = w.sync_once()
        assert report.error == "PLATFORM_SERVER_ERROR"
        due = ob.next_due_ms()
        # Second failure: uniform(0, min(cap, 2 * 2**1)) = at most 4 s later.
        assert due is not None and clock[0] * 1000 <= due <= (clock[0] + 4) * 1000
        clock[0] += 4
        assert w.sync_once().accepted == 5
        rows = ob.rows(State.DELIVERED)
        assert [r.attempts for r in rows] == [3] * 5
        assert ob.stats().last_sync_error is None
    finally:
        w.stop()
        ob.close()


def test_per_case_order_reaches_the_platform(
    outbox: Outbox, worker: SyncWorker, sim: PlatformSimulator
) -> None:
    cases = {f"case-{c}": [] for c in range(5)}
    for step in range(4):
        for case, ids in cases.items():
            t = outbox.submit("step", {"case": case, "step": step}, case_key=case)
            ids.append(t.id)
    outbox.submit("step", {}).wait(10)
    sim.set_faults(FaultSettings(script=["drop_after_commit", "none", "malformed"]))
    drain(outbox, worker)
    order = [t["id"] for t in sim.store.transactions()]
    for ids in cases.values():
        assert [order.index(i) for i in ids] == sorted(order.index(i) for i in ids)


class _Refusing:
    """A transport that refuses (400 or 413) any batch holding one of ``bad_ids``."""

    def __init__(self, status: int, bad: Callable[[dict], bool]) -> None:
        self.status, self.bad, self.requests = status, bad, 0

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests += 1
        txs = json.loads(request.content)["transactions"]
        if any(self.bad(t) for t in txs):
            return httpx.Response(self.status, json={"error": "no"})
        return httpx.Response(
            200, json={"accepted": [t["id"] for t in txs], "duplicates": [], "rejected": []}
        )


@pytest.mark.parametrize("status", [400, 413])
def test_refused_batch_is_split_and_only_the_culprit_dies(outbox: Outbox, status: int) -> None:
    reissue(outbox, 9)
    culprit = outbox.submit("photo", {"jpeg": "x" * 100})
    culprit.wait(10)
    reissue(outbox, 5, prefix="B")
    handler = _Refusing(status, lambda t: t["type"] == "photo")
    client = PlatformClient("https://platform.test", KIOSK, TOKEN,
                            transport=httpx.MockTransport(handler))  # fmt: skip
    w = SyncWorker(outbox, client)
    try:
        report = w.sync_once()
        assert (report.accepted, report.dead, report.requests) == (14, 1, 16)
        row = outbox.find(culprit.id)
        assert row is not None and row.state is State.DEAD
        assert row.last_status == status
    finally:
        w.stop()
        client.close()


def test_undecryptable_row_is_parked_not_sent(outbox: Outbox, worker: SyncWorker) -> None:
    t = outbox.submit("payment", {"amount_fen": 1})
    t.wait(10)
    outbox._call(lambda c: c.execute("UPDATE outbox SET key_id = 'gone' WHERE id = ?", (t.id,)))
    ok = outbox.submit("payment", {"amount_fen": 2})
    ok.wait(10)
    report = worker.sync_once()
    assert (report.dead, report.accepted) == (1, 1)
    row = outbox.find(t.id)
    assert row is not None and row.last_error == "KEY_UNAVAILABLE: key gone"


def test_thread_delivers_on_submit_and_comes_back_after_an_outage(
    outbox: Outbox, sim: PlatformSimulator, client: PlatformClient
) -> None:
    w = SyncWorker(outbox, client)
    delivered = Waiter(lambda: outbox.stats().counts["delivered"] == expected[0])
    w.add_listener(delivered.poke)
    expected = [3]
    w.start()
    try:
        reissue(outbox, 3)
        assert delivered.wait(10)
        # Outage: the platform's port is closed.
        sim.stop(keep_store=True)
        offline = Waiter(lambda: not w.status.online)
        w.add_listener(offline.poke)
        reissue(outbox, 4, prefix="B")
        assert offline.wait(10)
        assert w.status.last_error == "PLATFORM_UNREACHABLE"
        expected[0] = 7
        sim.start()  # the probe sees the port again and the rows go at once
        assert delivered.wait(10)
        assert w.status.online and sim.store.counts()["stored"] == 7
    finally:
        assert w.stop(10)


def test_link_up_from_a_heartbeat_reschedules_pending_rows(
    data_dir: Path, sim: PlatformSimulator, client: PlatformClient
) -> None:
    clock = [1_900_000_000.0]
    s = fast_settings(backoff_base_s=100.0, backoff_cap_s=600.0, reconnect_jitter_s=5.0)
    ob = Outbox.open(s, data_dir, clock=lambda: clock[0])
    never: Callable[[], bool] = lambda: False  # noqa: E731 - the probe is not what is tested
    w = SyncWorker(ob, client, clock=lambda: clock[0], probe=never)
    try:
        reissue(ob, 3)
        sim.stop(keep_store=True)
        assert w.sync_once().error == "PLATFORM_UNREACHABLE"
        assert not w.status.online
        sim.start()
        client.heartbeat({"ok": True})  # any successful call says the link is back
        assert w.status.online
        due = ob.next_due_ms()
        assert due is not None and due <= (clock[0] + 5) * 1000
    finally:
        w.stop()
        ob.close()


def test_listener_reports_each_pass(outbox: Outbox, client: PlatformClient) -> None:
    w = SyncWorker(outbox, client)
    reports: list[SyncReport] = []
    got = Waiter(lambda: any(r.accepted for r in reports))
    w.add_listener(lambda r: (reports.append(r), got.poke()))
    w.start()
    try:
        outbox.submit("payment", {"amount_fen": 1})
        assert got.wait(10)
    finally:
        assert w.stop(10)
    assert not w.status.running


def _back_off(outbox: Outbox, clock_s: float, hours: float) -> None:
    """Leave every pending row waiting out a backoff ``hours`` long (as after failures)."""
    rows = outbox.claim()
    due = int((clock_s + hours * 3600) * 1000)
    outbox.settle(retry=[Retry(r.seq, due, 503, "PLATFORM_THROTTLED") for r in rows])


def test_a_technicians_pass_sends_what_is_pending_now(
    data_dir: Path, sim: PlatformSimulator, client: PlatformClient
) -> None:
    clock = [1_900_000_000.0]
    ob = Outbox.open(fast_settings(), data_dir, clock=lambda: clock[0])
    w = SyncWorker(ob, client, clock=lambda: clock[0])
    try:
        delivered = reissue(ob, 1, prefix="D")
        assert w.sync_once().accepted == 1
        dead = ob.submit("payment", {"amount_fen": "lots"})  # the platform rejects it
        dead.wait(10)
        assert w.sync_once().dead == 1
        waiting = reissue(ob, 3, prefix="W")
        _back_off(ob, clock[0], hours=1)
        assert w.sync_once().claimed == 0  # the worker's own pass honours the backoff
        report = w.sync_once(ignore_backoff=True)
        assert (report.claimed, report.accepted, report.error) == (3, 3, None)
        assert sim.store.ids() == {t.id for t in delivered + waiting}
        assert sim.store.transactions()[0]["deliveries"] == 1  # the delivered row not resent
        dead_row = ob.find(dead.id)
        assert dead_row is not None and dead_row.state is State.DEAD  # still parked
        assert ob.stats().counts == {"pending": 0, "in_flight": 0, "delivered": 4, "dead": 1}
    finally:
        w.stop()
        ob.close()


def test_a_technicians_failed_pass_leaves_the_backoff_to_the_worker(
    data_dir: Path, sim: PlatformSimulator, client: PlatformClient
) -> None:
    clock = [1_900_000_000.0]
    ob = Outbox.open(fast_settings(backoff_base_s=60, backoff_cap_s=60), data_dir,
                     clock=lambda: clock[0])  # fmt: skip
    w = SyncWorker(ob, client, clock=lambda: clock[0])
    try:
        reissue(ob, 3)
        _back_off(ob, clock[0], hours=1)
        sim.set_faults(FaultSettings(script=["error"]))
        report = w.sync_once(ignore_backoff=True)
        assert (report.claimed, report.retried, report.error) == (3, 3, "PLATFORM_SERVER_ERROR")
        assert w.sync_once().claimed == 0  # failed again: backed off again, for the worker
        assert w.sync_once(ignore_backoff=True).accepted == 3
    finally:
        w.stop()
        ob.close()


class _Forgetful:
    """A platform that answers 200 but names none of the ids it was sent."""

    base_url = "http://127.0.0.1:1"

    def __init__(self) -> None:
        self.sent: list[str] = []

    def add_link_listener(self, callback: Callable[[bool], None]) -> None:
        pass

    def deliver(self, docs: list[dict[str, object]]) -> DeliveryResult:
        self.sent += [str(d["id"]) for d in docs]
        return DeliveryResult(accepted=[], duplicates=[], rejected=[])


def test_a_technicians_pass_sends_each_row_once(outbox: Outbox) -> None:
    tickets = reissue(outbox, 3)
    platform = _Forgetful()
    w = SyncWorker(outbox, platform, probe=lambda: False)  # type: ignore[arg-type]
    report = w.sync_once(ignore_backoff=True)
    assert (report.claimed, report.retried) == (3, 3)
    assert sorted(platform.sent) == sorted(t.id for t in tickets)
