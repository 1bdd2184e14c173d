"""The outbox seen by the app: tickets, durability, validation, personal data at rest."""

from __future__ import annotations

import sqlite3
import stat
import threading
from pathlib import Path

import pytest

from offline_queue import Outbox, QueueUnavailable, State
from offline_queue.ids import is_uuid
from offline_queue.store import Delivered
from tests.offline_queue.helpers import ID_NUMBER, NAME, fast_settings, reissue


def test_ticket_id_is_known_before_it_is_durable(outbox: Outbox) -> None:
    ticket = outbox.submit("id_card_reissue", {"application_no": "A1"}, pii={"name": NAME})
    assert is_uuid(ticket.id)
    assert ticket.created_at[-6] in "+-"  # RFC 3339 with offset
    ticket.wait(10)
    assert ticket.durable and ticket.error is None
    row = outbox.find(ticket.id)
    assert row is not None and row.state is State.PENDING and row.type == "id_card_reissue"


def test_durable_callback_runs_once_committed(outbox: Outbox) -> None:
    seen: list[tuple[str, bool, bool]] = []
    done = threading.Event()

    def on_done(t: object) -> None:
        found = outbox.find(t.id)  # type: ignore[attr-defined]
        seen.append((t.id, t.durable, found is not None))  # type: ignore[attr-defined]
        done.set()

    ticket = outbox.submit("payment", {"amount_fen": 100})
    ticket.add_done_callback(on_done)
    assert done.wait(10)
    # find() reads through another connection: the row was committed before the callback.
    assert seen == [(ticket.id, True, True)]


def test_committed_rows_survive_a_reopen(settings, data_dir: Path) -> None:
    ob = Outbox.open(settings, data_dir)
    tickets = reissue(ob, 30)
    ob.close()
    ob = Outbox.open(settings, data_dir)
    try:
        assert ob.stats().counts["pending"] == 30
        assert all(ob.find(t.id) is not None for t in tickets)
    finally:
        ob.close()


def test_same_id_twice_is_stored_once(outbox: Outbox) -> None:
    first = outbox.submit("payment", {"amount_fen": 1})
    first.wait(10)
    again = outbox.submit("payment", {"amount_fen": 1}, tx_id=first.id)
    again.wait(10)
    assert again.durable and again.id == first.id
    assert outbox.stats().counts["pending"] == 1


@pytest.mark.parametrize(
    ("args", "kwargs"),
    [
        (("Bad Type", {}), {}),
        (("payment", ["not", "a", "dict"]), {}),
        (("payment", {"amount_fen": float("nan")}), {}),
        (("payment", {"x": object()}), {}),
        (("payment", {"name": "a"}), {"pii": {"name": "b"}}),
        (("payment", {}), {"tx_id": "not-a-uuid"}),
        (("payment", {}), {"case_key": ""}),
        (("payment", {"blob": "x" * 7_000_000}), {}),
    ],
)
def test_bad_transactions_are_refused_on_the_callers_thread(
    outbox: Outbox, args: tuple, kwargs: dict
) -> None:
    with pytest.raises(ValueError):
        outbox.submit(*args, **kwargs)
    assert outbox.stats().counts["pending"] == 0


def test_after_close_tickets_fail_and_nothing_is_written(settings, data_dir: Path) -> None:
    ob = Outbox.open(settings, data_dir)
    ob.close()
    ticket = ob.submit("payment", {"amount_fen": 1})
    with pytest.raises(QueueUnavailable) as e:
        ticket.wait(1)
    assert e.value.code == "CLOSED"
    assert not ob.accepting and ob.reason == "CLOSED"
    ob.close()  # idempotent


def test_close_writes_everything_submitted_before(settings, data_dir: Path) -> None:
    ob = Outbox.open(settings, data_dir)
    tickets = [ob.submit("payment", {"amount_fen": i}) for i in range(500)]
    ob.close()
    assert all(t.durable for t in tickets)
    with sqlite3.connect(data_dir / "queue.db") as c:
        assert c.execute("SELECT count(*) FROM outbox").fetchone()[0] == 500
    c.close()


def test_personal_data_is_merged_only_when_opened(outbox: Outbox) -> None:
    reissue(outbox, 1)
    (row,) = outbox.claim()
    assert outbox.open_row(row) == {
        "application_no": "A00000",
        "fee_fen": 2000,
        "id_number": ID_NUMBER,
        "name": NAME,
    }


def _file_bytes(data_dir: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(data_dir.glob("queue.db*")) if p.is_file())


def test_no_plaintext_id_number_or_name_in_db_or_wal(settings, data_dir: Path) -> None:
    ob = Outbox.open(settings, data_dir)
    try:
        reissue(ob, 200)
        wal = data_dir / "queue.db-wal"
        assert wal.stat().st_size > 0  # the rows are (at least partly) in the WAL right now
        blob = _file_bytes(data_dir)
        for needle in (ID_NUMBER, NAME, "A00001"):
            for encoding in ("utf-8", "utf-16-le", "utf-16-be"):
                assert needle.encode(encoding) not in blob, (needle, encoding)
        # Sanity check of the check: the clear metadata is in there.
        assert b"id_card_reissue" in blob
    finally:
        ob.close()
    blob = _file_bytes(data_dir)
    assert ID_NUMBER.encode() not in blob and NAME.encode() not in blob


def test_files_are_private(outbox: Outbox, data_dir: Path) -> None:
    reissue(outbox, 3)
    for p in data_dir.glob("queue.db*"):
        assert stat.S_IMODE(p.stat().st_mode) == 0o600, p


def test_personal_data_is_wiped_on_delivery(outbox: Outbox, data_dir: Path) -> None:
    reissue(outbox, 5)
    rows = outbox.claim()
    outbox.settle(delivered=[Delivered(r.seq, "accepted") for r in rows], sync_ok=True)
    with sqlite3.connect(data_dir / "queue.db") as c:
        states = c.execute("SELECT state, pii IS NULL, body IS NOT NULL FROM outbox").fetchall()
    c.close()
    assert states == [(int(State.DELIVERED), 1, 1)] * 5
    stats = outbox.stats()
    assert stats.counts == {"pending": 0, "in_flight": 0, "delivered": 5, "dead": 0}
    assert stats.last_sync_at is not None


def test_pii_kept_for_the_configured_retention(data_dir: Path) -> None:
    clock = [1_000_000.0]
    ob = Outbox.open(fast_settings(pii_retention_s=600), data_dir, clock=lambda: clock[0])
    try:
        reissue(ob, 3)
        rows = ob.claim()
        ob.settle(delivered=[Delivered(r.seq, "accepted") for r in rows])
        assert ob.purge().pii_wiped == 0
        clock[0] += 601
        result = ob.purge()
        assert result.pii_wiped == 3 and result.deleted == 0
    finally:
        ob.close()


def test_stats_report_oldest_pending_age(data_dir: Path) -> None:
    clock = [2_000_000.0]
    ob = Outbox.open(fast_settings(), data_dir, clock=lambda: clock[0])
    try:
        assert ob.stats().oldest_pending_age_s is None
        reissue(ob, 2)
        clock[0] += 90
        stats = ob.stats()
        assert stats.oldest_pending_age_s == pytest.approx(90, abs=0.01)
        assert stats.accepting and stats.code == "OK"
        assert stats.as_dict()["counts"]["pending"] == 2
    finally:
        ob.close()


def test_a_writer_bug_fails_the_tickets_and_the_writer_goes_on(
    outbox: Outbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    from offline_queue import store

    monkeypatch.setattr(store, "INSERT_SQL", "INSERT INTO no_such_table VALUES (1)")
    broken = outbox.submit("payment", {"amount_fen": 1})
    with pytest.raises(QueueUnavailable) as e:
        broken.wait(10)
    assert e.value.code == "WRITE_FAILED"
    monkeypatch.undo()
    fine = outbox.submit("payment", {"amount_fen": 2})
    fine.wait(10)
    assert outbox.find(fine.id) is not None and outbox.find(broken.id) is None
