"""Platform faults: whatever the platform does, every transaction lands exactly once."""

from __future__ import annotations

from pathlib import Path

import pytest

from offline_queue import Outbox, PlatformClient, State, SyncWorker
from offline_queue.sim import FaultSettings, PlatformSimulator
from tests.offline_queue.helpers import ID_NUMBER, drain, fast_settings, make_client, reissue

POST_COMMIT = {"drop_after_commit", "malformed", "slow"}


def _assert_exactly_once(outbox: Outbox, sim: PlatformSimulator, ids: set[str]) -> None:
    stored = sim.store.transactions()
    assert len(stored) == len({t["id"] for t in stored})  # no id twice
    assert {t["id"] for t in stored} == ids
    assert sim.store.counts()["mismatches"] == 0  # every resend carried the same payload
    counts = outbox.stats().counts
    assert counts == {"pending": 0, "in_flight": 0, "delivered": len(ids), "dead": 0}
    assert outbox.integrity_check() is None


@pytest.mark.parametrize(
    "fault", ["error", "throttle_429", "throttle_503", "drop_after_commit", "malformed", "slow"]
)
def test_each_fault_still_delivers_exactly_once(
    outbox: Outbox, sim: PlatformSimulator, fault: str
) -> None:
    sim.set_faults(FaultSettings(script=[fault] * 3, slow_s=2.0, retry_after_s=0))
    client = make_client(sim.url, read_timeout_s=0.3)
    worker = SyncWorker(outbox, client)
    try:
        tickets = reissue(outbox, 150)
        first = worker.sync_once()
        # (a partial malformed answer names one id: that one counts as delivered)
        assert first.error is not None and first.delivered <= 3
        drain(outbox, worker)
    finally:
        worker.stop()
        client.close()
    _assert_exactly_once(outbox, sim, {t.id for t in tickets})
    deliveries = sim.store.counts()["deliveries"]
    if fault in POST_COMMIT:
        # The platform stored the batch but the kiosk could not know: resent, deduplicated.
        assert deliveries > 150
        duplicates = [r for r in outbox.rows(State.DELIVERED, 200) if r.attempts > 1]
        assert duplicates
    else:
        assert deliveries == 150


def test_connection_refused_then_back(data_dir: Path, tmp_path: Path, outbox: Outbox) -> None:
    sim = PlatformSimulator(tmp_path / "p.db").start()
    client = make_client(sim.url, connect_timeout_s=0.5)
    worker = SyncWorker(outbox, client, probe=lambda: True)
    try:
        tickets = reissue(outbox, 20)
        sim.stop(keep_store=True)
        assert worker.sync_once().error == "PLATFORM_UNREACHABLE"
        sim.start()
        drain(outbox, worker)
        _assert_exactly_once(outbox, sim, {t.id for t in tickets})
    finally:
        worker.stop()
        client.close()
        sim.stop()


def test_mixed_random_faults_with_rejections(
    data_dir: Path, sim: PlatformSimulator, client: PlatformClient
) -> None:
    outbox = Outbox.open(fast_settings(batch_size=10), data_dir)
    sim.set_faults(
        FaultSettings(
            error_rate=0.1,
            throttle_rate=0.1,
            retry_after_s=0,
            drop_after_commit_rate=0.1,
            malformed_rate=0.1,
            reject_rate=0.05,
            seed=7,
        )
    )
    worker = SyncWorker(outbox, client)
    try:
        good = reissue(outbox, 400)
        invalid = [
            outbox.submit("id_card_reissue", {"application_no": f"X{i}", "name": "某某"},
                          pii={"id_number": ID_NUMBER[:-1] + "0" if ID_NUMBER[-1] != "0"
                               else ID_NUMBER[:-1] + "1"})
            for i in range(5)
        ]  # fmt: skip
        for t in invalid:
            t.wait(10)
        drain(outbox, worker, rounds=200)
    finally:
        worker.stop()
        outbox.close()
    outbox = Outbox.open(fast_settings(), data_dir)
    try:
        _check_mixed(outbox, sim, good, invalid)
    finally:
        outbox.close()


def _check_mixed(outbox: Outbox, sim: PlatformSimulator, good: list, invalid: list) -> None:
    rejected_by_sim = sim.store.rejections()
    dead = {r.id: r for r in outbox.rows(State.DEAD, 500)}
    assert set(dead) == set(rejected_by_sim)
    assert {t.id for t in invalid} <= set(dead)
    for tx_id, row in dead.items():
        assert row.last_error == f"REJECTED: {rejected_by_sim[tx_id]}"
    stored = sim.store.ids()
    assert not stored & set(dead)
    assert stored == {t.id for t in good} - set(dead)
    assert sim.store.counts()["mismatches"] == 0
    counts = outbox.stats().counts
    assert counts["pending"] == counts["in_flight"] == 0
    assert counts["delivered"] == len(stored)
    assert sum(sim.plan.injected.values()) > 10
    assert len(sim.plan.injected) == 5  # error, 429, 503, drop, malformed all happened
