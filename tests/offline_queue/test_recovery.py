"""Start-up: a damaged database is moved aside and reported (never recreated over), keys."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from offline_queue import Outbox, State
from offline_queue.crypto import KeyRing, add_key
from offline_queue.store import Delivered
from tests.offline_queue.helpers import fast_settings, reissue


def _corrupt_pages(path: Path, first: int, count: int, page: int = 8192) -> None:
    with path.open("r+b") as f:
        f.seek(first * page)
        f.write(b"\xde\xad\xbe\xef" * (page * count // 4))


def test_garbage_file_is_moved_aside_and_reported(settings, data_dir: Path) -> None:
    db = data_dir / "queue.db"
    db.write_bytes(b"this is not a database at all" * 500)
    original = db.read_bytes()
    ob = Outbox.open(settings, data_dir)
    try:
        moved = list(data_dir.glob("queue.db.corrupt-*"))
        assert len(moved) == 1 and moved[0].read_bytes() == original
        stats = ob.stats()
        assert stats.corruption is not None
        assert stats.corruption["moved_to"] == str(moved[0])
        assert stats.corruption["salvaged_rows"] == 0
        assert "DB_MOVED_ASIDE" in stats.warnings
        assert ob.accepting  # a new, empty outbox serves on
        reissue(ob, 2)
        ob.clear_corruption_report()
        assert ob.stats().corruption is None
    finally:
        ob.close()


def test_damaged_pages_undelivered_rows_are_salvaged(settings, data_dir: Path) -> None:
    ob = Outbox.open(settings, data_dir)
    tickets = reissue(ob, 1500)
    done = ob.claim(limit=100)
    ob.settle(delivered=[Delivered(r.seq, "accepted") for r in done])
    ob.close()
    db = data_dir / "queue.db"
    pages = db.stat().st_size // 8192
    _corrupt_pages(db, pages // 2, 3)
    ob = Outbox.open(settings, data_dir)
    try:
        report = ob.stats().corruption
        assert report is not None
        salvaged = report["salvaged_rows"]
        assert 1000 <= salvaged <= 1400  # delivered rows are not carried over
        assert ob.integrity_check() is None
        kept = {r.id for r in ob.rows(State.PENDING, limit=2000)}
        assert len(kept) == salvaged
        assert kept <= {t.id for t in tickets[100:]}
        # Salvaged rows are still sealed with the same key and can be sent.
        for row in ob.claim():
            assert ob.open_row(row)["application_no"].startswith("A")
    finally:
        ob.close()
    assert list(data_dir.glob("queue.db.corrupt-*"))


def test_refuse_policy_leaves_the_file_and_stays_out_of_service(data_dir: Path) -> None:
    db = data_dir / "queue.db"
    db.write_bytes(b"\x00garbage" * 2000)
    ob = Outbox.open(fast_settings(on_corrupt="refuse"), data_dir)
    try:
        assert not ob.accepting and ob.reason == "DB_CORRUPT"
        assert db.read_bytes() == b"\x00garbage" * 2000
        assert not list(data_dir.glob("queue.db.corrupt-*"))
        with pytest.raises(Exception, match="DB_CORRUPT"):
            ob.submit("payment", {"amount_fen": 1}).wait(5)
        assert ob.stats().counts["pending"] == 0
    finally:
        ob.close()


def test_foreign_database_is_left_alone(data_dir: Path) -> None:
    db = data_dir / "queue.db"
    c = sqlite3.connect(db)
    c.execute("CREATE TABLE something_else (x)")
    c.commit()
    c.close()
    ob = Outbox.open(fast_settings(), data_dir)
    try:
        assert ob.reason == "DB_UNAVAILABLE"
        c = sqlite3.connect(db)
        assert c.execute("SELECT name FROM sqlite_master").fetchall() == [("something_else",)]
        c.close()
    finally:
        ob.close()


def test_wal_without_database_is_moved_aside(settings, data_dir: Path) -> None:
    (data_dir / "queue.db-wal").write_bytes(b"stale wal" * 100)
    ob = Outbox.open(settings, data_dir)
    try:
        assert list(data_dir.glob("queue.db.orphan-*-wal"))
        assert ob.accepting
        reissue(ob, 1)
    finally:
        ob.close()


def test_missing_key_with_undelivered_rows_is_not_replaced(settings, data_dir: Path) -> None:
    ob = Outbox.open(settings, data_dir)
    reissue(ob, 3)
    ob.close()
    key = data_dir / "keys" / "queue.key"
    saved = key.read_bytes()
    key.unlink()
    ob = Outbox.open(settings, data_dir)
    try:
        assert ob.reason == "KEY_MISSING"
        assert not key.exists()  # no new key would strand the old rows
        assert ob.stats().counts["pending"] == 3
    finally:
        ob.close()
    key.write_bytes(saved)
    key.chmod(0o600)
    ob = Outbox.open(settings, data_dir)
    try:
        assert ob.accepting
        assert len(ob.claim()) == 3
    finally:
        ob.close()


def test_rotated_key_old_rows_still_open(settings, data_dir: Path) -> None:
    ob = Outbox.open(settings, data_dir)
    old = reissue(ob, 2)
    ob.close()
    key = data_dir / "keys" / "queue.key"
    new_id = add_key(key)
    ob = Outbox.open(settings, data_dir)
    try:
        fresh = reissue(ob, 1, prefix="B")
        rows = {r.id: r for r in ob.claim()}
        assert rows[fresh[0].id].key_id == new_id
        assert rows[old[0].id].key_id != new_id
        assert all(ob.open_row(r)["fee_fen"] == 2000 for r in rows.values())
    finally:
        ob.close()
    assert KeyRing.load(key).active == new_id
