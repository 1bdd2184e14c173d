"""The payment journal: each fee's state on disk, earlier runs' open entries, retention."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from kiosk.payments.journal import (
    DB_FILE,
    RETENTION_DAYS,
    JournalUnavailable,
    PaymentJournal,
    PaymentState,
)
from tests.fakes import Clock


def test_an_order_moves_to_paid_then_filed_and_survives_a_reopen(tmp_path: Path) -> None:
    journal = PaymentJournal.open(tmp_path)
    journal.ordered("KDEV0012026", "202612020001000001", "id_card_renewal", 2000)
    assert journal.get("KDEV0012026").state is PaymentState.ORDERED
    journal.paid("KDEV0012026")
    journal.close()
    again = PaymentJournal.open(tmp_path)  # what a restarted kiosk reads
    entry = again.get("KDEV0012026")
    assert entry is not None and entry.state is PaymentState.PAID
    assert (entry.application_no, entry.service_id, entry.amount_fen) == (
        "202612020001000001",
        "id_card_renewal",
        2000,
    )
    again.filed("KDEV0012026")
    assert again.get("KDEV0012026").state is PaymentState.FILED
    again.close()


def test_a_settled_entry_keeps_its_first_outcome(tmp_path: Path) -> None:
    journal = PaymentJournal.open(tmp_path)
    journal.ordered("KA", "1", "s", 100)
    journal.paid("KA")
    journal.refunded("KA", "RA", "case not submitted")
    journal.filed("KA")  # a late "filed" cannot turn a refund into a filing
    entry = journal.get("KA")
    assert entry.state is PaymentState.REFUNDED and entry.refund_no == "RA"
    journal.close()


def test_unsettled_lists_only_open_entries_of_an_earlier_run(tmp_path: Path) -> None:
    clock = Clock()
    first = PaymentJournal.open(tmp_path, clock=clock)
    first.ordered("KOPEN1", "1", "s", 100)
    first.ordered("KOPEN2", "2", "s", 100)
    first.paid("KOPEN2")
    first.ordered("KVOID", "3", "s", 100)
    first.void("KVOID", "declined")
    first.close()
    clock.now += 60
    second = PaymentJournal.open(tmp_path, clock=clock)
    second.ordered("KNOW", "4", "s", 100)  # this run's own visit
    assert [e.order_no for e in second.unsettled()] == ["KOPEN1", "KOPEN2"]
    assert [e.state for e in second.unsettled()] == [PaymentState.ORDERED, PaymentState.PAID]
    clock.now += 1
    assert "KNOW" in {e.order_no for e in second.unsettled(before_ms=int(clock.now * 1000))}
    second.close()


def test_settled_entries_go_after_the_retention_open_ones_never(tmp_path: Path) -> None:
    clock = Clock()
    journal = PaymentJournal.open(tmp_path, clock=clock)
    journal.ordered("KOLDFILED", "1", "s", 100)
    journal.filed("KOLDFILED")
    journal.ordered("KOLDOPEN", "2", "s", 100)
    clock.now += RETENTION_DAYS * 86_400 + 1
    assert journal.purge() == 1
    assert journal.get("KOLDFILED") is None
    assert journal.get("KOLDOPEN") is not None  # money may be owed: kept until settled
    journal.close()


def test_a_file_that_is_not_a_journal_is_refused(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / DB_FILE)
    conn.execute("PRAGMA application_id=1234")
    conn.execute("CREATE TABLE other (x)")
    conn.commit()
    conn.close()
    with pytest.raises(JournalUnavailable, match="not a payment journal"):
        PaymentJournal.open(tmp_path)


def test_an_order_number_is_journaled_once(tmp_path: Path) -> None:
    journal = PaymentJournal.open(tmp_path)
    journal.ordered("KTWICE", "1", "s", 100)
    with pytest.raises(JournalUnavailable):
        journal.ordered("KTWICE", "1", "s", 100)
    journal.close()


def test_the_journal_is_durable_and_holds_no_personal_data(tmp_path: Path) -> None:
    journal = PaymentJournal.open(tmp_path)
    journal.ordered("KDURABLE", "202612020001000001", "id_card_renewal", 2000)
    conn = journal._conn
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    columns = {r[1] for r in conn.execute("PRAGMA table_info(payments)")}
    assert columns.isdisjoint({"name", "id_number", "phone", "photo"})
    journal.close()
