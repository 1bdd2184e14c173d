"""Housekeeping: retention purge gives space back, WAL bounded, disk-low/full and locks."""

from __future__ import annotations

import base64
import os
import sqlite3
from pathlib import Path

import pytest

from offline_queue import Outbox, QueueUnavailable
from offline_queue.db import file_sizes
from offline_queue.intake import Availability
from offline_queue.store import Delivered
from tests.offline_queue.helpers import Waiter, fast_settings


def _noise(n: int) -> str:
    return base64.b64encode(os.urandom(n)).decode()


def _deliver_all(ob: Outbox) -> int:
    total = 0
    while rows := ob.claim():
        ob.settle(delivered=[Delivered(r.seq, "accepted") for r in rows], sync_ok=True)
        total += len(rows)
    return total


def _idle_now(ob: Outbox) -> None:
    """Run the writer's idle housekeeping on the writer thread, as if it had been idle long."""
    house = ob._house
    assert ob._writer is not None and house is not None
    ob._writer.call(lambda _c: house.idle(1e9), write=False)


def test_purge_deletes_old_delivered_rows_and_shrinks_the_file(data_dir: Path) -> None:
    clock = [3_000_000.0]
    ob = Outbox.open(fast_settings(retention_days=1), data_dir, clock=lambda: clock[0])
    try:
        for i in range(600):
            ob.submit("receipt", {"n": i, "pad": _noise(1500)}, pii={"name": "测试"})
        keep = ob.submit("receipt", {"n": -1})
        keep.wait(10)
        assert _deliver_all(ob) == 601
        ob.checkpoint()
        peak = file_sizes(ob.path)[0]
        assert ob.purge().deleted == 0  # not yet past retention
        clock[0] += 86_401
        pending = ob.submit("receipt", {"n": -2})
        pending.wait(10)
        result = ob.purge()
        assert result.deleted == 601 and result.db_bytes_before >= peak
        db, wal = file_sizes(ob.path)
        assert db <= peak * 0.10, (db, peak)
        assert wal == 0  # truncated: old page images are gone from the WAL too
        assert ob.find(pending.id) is not None  # pending rows are never purged
        assert ob.stats().counts == {"pending": 1, "in_flight": 0, "delivered": 0, "dead": 0}
        assert ob.integrity_check() is None
    finally:
        ob.close()


def test_idle_checkpoint_truncates_the_wal(outbox: Outbox) -> None:
    for i in range(50):
        outbox.submit("receipt", {"n": i, "pad": _noise(2000)})
    outbox.submit("receipt", {}).wait(10)
    assert file_sizes(outbox.path)[1] > 0
    _idle_now(outbox)
    assert file_sizes(outbox.path)[1] == 0


def test_wal_ceiling_with_a_pinned_reader(data_dir: Path) -> None:
    ob = Outbox.open(fast_settings(wal_ceiling_bytes=1024 * 1024), data_dir)
    changes: list[Availability] = []
    back = Waiter(lambda: bool(changes) and changes[-1].accepting)
    ob.add_availability_listener(lambda a: (changes.append(a), back.poke()))
    reader = sqlite3.connect(data_dir / "queue.db")
    try:
        reader.execute("BEGIN")
        reader.execute("SELECT count(*) FROM outbox").fetchone()  # pins a snapshot
        tickets = [ob.submit("receipt", {"pad": _noise(3000)}) for _ in range(600)]
        for t in tickets:
            t.wait(10)  # writes go on: the ceiling stops new cases, not started ones
        assert ob.availability.code == "WAL_CEILING"
        assert not ob.accepting
        reader.execute("COMMIT")
        _idle_now(ob)
        assert back.wait(10), changes
        assert file_sizes(ob.path)[1] == 0
    finally:
        reader.close()
        ob.close()


def test_disk_low_stops_new_cases_but_still_writes(data_dir: Path) -> None:
    ob = Outbox.open(fast_settings(min_free_bytes=10**18), data_dir)
    try:
        assert not ob.accepting and ob.reason == "DISK_LOW"
        assert "KiB left" in ob.availability.detail
        t = ob.submit("payment", {"amount_fen": 1})
        t.wait(10)
        assert t.durable
    finally:
        ob.close()


def test_disk_full_fails_the_ticket_and_recovers_after_purge(data_dir: Path) -> None:
    s = fast_settings(max_db_bytes=512 * 1024, min_free_bytes=96 * 1024, retention_days=0)
    ob = Outbox.open(s, data_dir)
    seen: list[str] = []
    back = Waiter(lambda: ob.accepting)
    ob.add_availability_listener(lambda a: (seen.append(a.code), back.poke()))
    try:
        failed = None
        for i in range(400):
            t = ob.submit("photo", {"n": i, "pad": _noise(6000)})
            try:
                t.wait(10)
            except QueueUnavailable as exc:
                failed = (t, exc)
                break
        assert failed is not None, "the database never filled up"
        ticket, exc = failed
        assert exc.code == "DISK_FULL"
        assert seen.index("DISK_LOW") < seen.index("DISK_FULL")  # warned before it was full
        assert ob.reason == "DISK_FULL"
        assert ob.find(ticket.id) is None  # a failed ticket was not stored
        # Deliver and purge: space comes back and so does the queue.
        _deliver_all(ob)
        assert ob.purge().deleted > 0
        _idle_now(ob)
        assert back.wait(10), seen
        ob.submit("photo", {"pad": _noise(6000)}).wait(10)
    finally:
        ob.close()


def test_locked_database_fails_tickets_then_recovers(data_dir: Path) -> None:
    s = fast_settings(busy_timeout_ms=20, lock_wait_s=0.1)
    ob = Outbox.open(s, data_dir)
    back = Waiter(lambda: ob.accepting)
    ob.add_availability_listener(back.poke)
    other = sqlite3.connect(data_dir / "queue.db", isolation_level=None, timeout=0)
    try:
        other.execute("BEGIN IMMEDIATE")
        t = ob.submit("payment", {"amount_fen": 1})
        with pytest.raises(QueueUnavailable) as e:
            t.wait(10)
        assert e.value.code == "DB_LOCKED"
        assert ob.reason == "DB_LOCKED"
        other.execute("ROLLBACK")
        _idle_now(ob)  # the idle probe finds the lock gone
        assert back.wait(10)
        ob.submit("payment", {"amount_fen": 2}).wait(10)
        assert ob.stats().counts["pending"] == 1  # only the second one
    finally:
        other.close()
        ob.close()
