"""Schema and pragmas, index-backed claims, per-case order, leases and start-up recovery."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from offline_queue import Outbox, State
from offline_queue.db import APPLICATION_ID, connect, ensure_schema
from offline_queue.store import (
    _CANDIDATES_SQL,
    _PENDING_SQL,
    Dead,
    Delivered,
    Retry,
    claim_update_sql,
)
from tests.offline_queue.helpers import fast_settings, reissue


def test_connection_pragmas(outbox: Outbox, data_dir: Path) -> None:
    c = connect(data_dir / "queue.db", outbox.settings)
    try:
        assert c.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert c.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert c.execute("PRAGMA page_size").fetchone()[0] == 8192
        assert c.execute("PRAGMA auto_vacuum").fetchone()[0] == 2  # INCREMENTAL
        assert c.execute("PRAGMA secure_delete").fetchone()[0] == 1
        assert c.execute("PRAGMA journal_size_limit").fetchone()[0] == 64 * 1024 * 1024
        assert c.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        tables = {r[0] for r in c.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        assert {"outbox", "meta"} <= tables
        assert c.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        c.close()


def test_schema_creation_is_idempotent(tmp_path: Path) -> None:
    c = connect(tmp_path / "q.db", fast_settings())
    try:
        ensure_schema(c)
        ensure_schema(c)
        sql = c.execute("SELECT sql FROM sqlite_master WHERE name = 'outbox'").fetchone()[0]
        assert "STRICT" in sql
    finally:
        c.close()


def test_claim_uses_the_partial_due_index(outbox: Outbox, data_dir: Path) -> None:
    c = sqlite3.connect(data_dir / "queue.db")
    try:
        plan = c.execute(
            "EXPLAIN QUERY PLAN " + _CANDIDATES_SQL, {"now": 0, "limit": 100}
        ).fetchall()
        update = c.execute("EXPLAIN QUERY PLAN " + claim_update_sql(3), (0, 1, 2, 3)).fetchall()
        pending_plan = c.execute(
            "EXPLAIN QUERY PLAN " + _PENDING_SQL, {"now": 0, "limit": 100, "skip": "[1]"}
        ).fetchall()
    finally:
        c.close()
    text = " | ".join(r[3] for r in plan)
    assert "USING INDEX outbox_due" in text, text
    assert "USING INDEX outbox_case" in text, text
    assert "USING INDEX outbox_due" in " | ".join(r[3] for r in pending_plan)
    # The claimed rows are then found by seq, not by walking every pending row.
    assert [r[3] for r in update] == ["SEARCH outbox USING INTEGER PRIMARY KEY (rowid=?)"]


def test_claim_takes_due_rows_in_order_and_leases_them(outbox: Outbox) -> None:
    tickets = reissue(outbox, 250)
    first = outbox.claim()
    assert [r.id for r in first] == [t.id for t in tickets[:100]]
    assert all(r.attempts == 1 for r in first)
    assert outbox.stats().counts["in_flight"] == 100
    second = outbox.claim(limit=10)
    assert [r.id for r in second] == [t.id for t in tickets[100:110]]


def test_claim_respects_the_byte_budget(data_dir: Path) -> None:
    ob = Outbox.open(fast_settings(batch_max_bytes=64 * 1024), data_dir)
    try:
        for i in range(10):
            ob.submit("photo", {"jpeg": "x" * 20_000, "n": i}).wait(10)
        assert len(ob.claim()) == 3  # 3 x 20 KB fit in 64 KiB, 4 do not
        ob.submit("huge", {"jpeg": "y" * 100_000}).wait(10)
        sizes = [len(ob.claim()) for _ in range(4)]
        assert sizes == [3, 3, 1, 1]  # a row above the budget still goes, alone
    finally:
        ob.close()


def test_one_row_per_case_at_a_time(outbox: Outbox) -> None:
    a = [outbox.submit("step", {"n": i}, case_key="case-A") for i in range(3)]
    b = [outbox.submit("step", {"n": i}, case_key="case-B") for i in range(2)]
    free = outbox.submit("step", {"n": 9})
    for t in [*a, *b, free]:
        t.wait(10)
    batch = outbox.claim()
    assert [r.id for r in batch] == [a[0].id, b[0].id, free.id]
    # While a case's earlier row is in flight or pending, later rows wait.
    assert outbox.claim() == []
    outbox.settle(
        delivered=[Delivered(batch[0].seq, "accepted")],
        retry=[Retry(batch[1].seq, 0, 503, "PLATFORM_THROTTLED")],
    )
    nxt = outbox.claim()
    assert [r.id for r in nxt] == [a[1].id, b[0].id]
    # A dead row does not hold its case back.
    outbox.settle(dead=[Dead(nxt[0].seq, 200, "REJECTED: x")])
    assert [r.id for r in outbox.claim()] == [a[2].id]
    # The whole case can be looked up (e.g. by application number), oldest first.
    case = outbox.find_case("case-A")
    assert [r.id for r in case] == [t.id for t in a]
    assert [r.state for r in case] == [State.DELIVERED, State.DEAD, State.IN_FLIGHT]
    assert outbox.find_case("no-such-case") == []


def test_start_up_puts_in_flight_rows_back(settings, data_dir: Path) -> None:
    ob = Outbox.open(settings, data_dir)
    reissue(ob, 20)
    claimed = ob.claim()
    assert len(claimed) == 20
    ob.close()  # as if the process died with the claim open
    ob = Outbox.open(settings, data_dir)
    try:
        counts = ob.stats().counts
        assert counts["in_flight"] == 0 and counts["pending"] == 20
        again = ob.claim()
        assert [r.id for r in again] == [r.id for r in claimed]
        assert all(r.attempts == 2 for r in again)
    finally:
        ob.close()


def test_second_process_does_not_steal_live_claims(settings, data_dir: Path) -> None:
    primary = Outbox.open(settings, data_dir)
    try:
        reissue(primary, 5)
        primary.claim()
        other = Outbox.open(settings, data_dir)  # e.g. `kiosk queue status` meanwhile
        try:
            assert other.stats().counts["in_flight"] == 5
            assert other.claim() == []
        finally:
            other.close()
    finally:
        primary.close()


def test_expired_leases_return_to_pending(data_dir: Path) -> None:
    clock = [5_000_000.0]
    s = fast_settings(lease_s=1.0)
    ob = Outbox.open(s, data_dir, clock=lambda: clock[0])
    try:
        reissue(ob, 4)
        ob.claim()
        clock[0] += 2
        from offline_queue import store

        n = ob._call(lambda c: store.release_expired(c, int(clock[0] * 1000)))
        assert n == 4 and ob.stats().counts["pending"] == 4
    finally:
        ob.close()


def test_clock_jump_is_clamped_at_start(data_dir: Path) -> None:
    clock = [1_000_000.0]
    s = fast_settings(backoff_cap_s=600)
    ob = Outbox.open(s, data_dir, clock=lambda: clock[0])
    reissue(ob, 2)
    rows = ob.claim()
    far = int((clock[0] + 10 * 86400) * 1000)  # written while the clock was far ahead
    ob.settle(retry=[Retry(r.seq, far, None, "PLATFORM_TIMEOUT") for r in rows])
    ob.close()
    ob = Outbox.open(s, data_dir, clock=lambda: clock[0])
    try:
        assert ob.next_due_ms() == int((clock[0] + 600) * 1000)
    finally:
        ob.close()


def test_retry_dead_requeues_under_the_same_id(outbox: Outbox) -> None:
    tickets = reissue(outbox, 3)
    rows = outbox.claim()
    outbox.settle(dead=[Dead(r.seq, 200, "REJECTED: bad") for r in rows])
    assert outbox.stats().counts["dead"] == 3
    assert [r.state for r in outbox.rows(State.DEAD)] == [State.DEAD] * 3
    assert outbox.retry_dead([tickets[0].id]) == 1
    assert outbox.retry_dead() == 2
    again = outbox.claim()
    assert sorted(r.id for r in again) == sorted(t.id for t in tickets)
    assert all(r.attempts == 1 for r in again)
