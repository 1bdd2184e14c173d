"""`kiosk payments list|summary|handled`: the payment journal for technicians and staff."""

from __future__ import annotations

import argparse
import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.cli import payments
from kiosk.payments.journal import DB_FILE, PaymentJournal, PaymentState
from tests.fakes import Clock

DAY = dt.date(2026, 12, 2)


def kiosk(*argv: str) -> int:
    parser = argparse.ArgumentParser(prog="kiosk")
    sub = parser.add_subparsers(dest="command", required=True)
    payments.register(sub)
    args = parser.parse_args(argv)
    return args.func(args)


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("KIOSK_DATA_DIR", str(tmp_path))
    return tmp_path


@pytest.fixture
def journal(data_dir: Path) -> Iterator[PaymentJournal]:
    """One day's fees as a running kiosk left them; the kiosk keeps its journal open."""
    clock = Clock(dt.datetime.combine(DAY, dt.time(9)).astimezone().timestamp())
    j = PaymentJournal.open(data_dir, clock=clock)
    j.ordered("KFILED", "A1", "id_card_renewal", 2000)
    j.paid("KFILED")
    j.filed("KFILED")
    clock.now += 60
    j.ordered("KREFUND", "A2", "id_card_renewal", 2000)
    j.paid("KREFUND")
    j.refunded("KREFUND", "RREFUND", "case not submitted")
    clock.now += 60
    j.ordered("KFAIL", "A3", "id_card_reissue", 4000)
    j.paid("KFAIL")
    j.refund_failed("KFAIL", "RFAIL", "gateway refused: ORDER_CLOSED")
    clock.now += 60
    j.ordered("KOPEN", "A4", "id_card_reissue", 4000)
    clock.now += 86_400  # the next day: not in DAY's summary
    j.ordered("KNEXT", "A5", "id_card_renewal", 2000)
    yield j
    j.close()


def test_reading_without_a_journal_creates_none(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert kiosk("payments", "list") == 2
    assert "no payment journal" in capsys.readouterr().err
    assert not (data_dir / DB_FILE).exists()


def test_list_is_newest_first_and_filters_by_state(
    journal: PaymentJournal, capsys: pytest.CaptureFixture[str]
) -> None:
    assert kiosk("payments", "list") == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split()[1] for line in lines] == ["KNEXT", "KOPEN", "KFAIL", "KREFUND", "KFILED"]
    assert "¥40.00" in lines[2] and "refund_failed  refund RFAIL" in lines[2]

    assert kiosk("payments", "list", "--state", "refund_failed", "--json") == 0
    docs = json.loads(capsys.readouterr().out)
    assert [d["order_no"] for d in docs] == ["KFAIL"]
    assert docs[0]["amount_fen"] == 4000 and docs[0]["note"] == "gateway refused: ORDER_CLOSED"


def test_summary_totals_one_day_and_names_what_needs_staff(
    journal: PaymentJournal, capsys: pytest.CaptureFixture[str]
) -> None:
    assert kiosk("payments", "summary", "--day", DAY.isoformat()) == 1
    out = capsys.readouterr().out
    assert "fees asked for on 2026-12-02: 4" in out
    assert "1 still being settled by the kiosk" in out
    assert "NEEDS STAFF  KFAIL  case A3  ¥40.00  refund RFAIL" in out

    assert kiosk("payments", "summary", "--day", DAY.isoformat(), "--json") == 1
    doc = json.loads(capsys.readouterr().out)
    assert doc["states"]["filed"] == {"count": 1, "amount_fen": 2000}
    assert doc["states"]["refund_failed"] == {"count": 1, "amount_fen": 4000}
    assert doc["states"]["ordered"] == {"count": 1, "amount_fen": 4000}
    assert [d["order_no"] for d in doc["needs_staff"]] == ["KFAIL"]


def test_staff_close_a_refused_refund_beside_the_running_kiosk(
    journal: PaymentJournal, capsys: pytest.CaptureFixture[str]
) -> None:
    assert kiosk("payments", "handled", "KNONE", "--note", "x") == 2
    assert kiosk("payments", "handled", "KFAIL", "--note", "  ") == 2
    assert kiosk("payments", "handled", "KFILED", "--note", "cash by staff 07") == 1
    assert "KFILED is filed, not refund_failed" in capsys.readouterr().err
    assert journal.get("KFILED").state is PaymentState.FILED  # untouched

    assert kiosk("payments", "handled", "KFAIL", "--note", "cash by staff 07") == 0
    assert "¥40.00 recorded as given back by hand" in capsys.readouterr().out
    entry = journal.get("KFAIL")  # the kiosk's own connection sees it
    assert entry.state is PaymentState.HANDLED and entry.note == "cash by staff 07"
    assert entry.refund_no == "RFAIL"
    assert kiosk("payments", "handled", "KFAIL", "--note", "again") == 1  # once only
    assert kiosk("payments", "summary", "--day", DAY.isoformat()) == 0


def test_handled_entries_are_settled_so_recovery_leaves_them(journal: PaymentJournal) -> None:
    journal.handled("KFAIL", "cash by staff 07")
    assert PaymentState.HANDLED.settled
    assert "KFAIL" not in {e.order_no for e in journal.unsettled(before_ms=2**62)}
