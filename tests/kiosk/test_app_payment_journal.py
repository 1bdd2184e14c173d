"""The core opens the payment journal beside the queue and settles earlier runs' fees."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from kiosk.app import KioskCore
from kiosk.config.schema import load_config
from kiosk.payments.journal import DB_FILE, JournalUnavailable, PaymentJournal


def data_dir() -> Path:
    return Path(os.environ["KIOSK_DATA_DIR"])  # per test (tests/conftest.py)


def test_the_core_opens_the_journal_and_its_recovery_stops_with_it() -> None:
    core = KioskCore(load_config())
    core.start()
    try:
        journal = core.flow_services.payment_journal
        assert isinstance(journal, PaymentJournal)
        assert (data_dir() / DB_FILE).exists()
        assert core._recovery is not None and core._recovery.is_alive()
    finally:
        core.stop()
    assert core._recovery is None  # joined, not left running
    assert core.flow_services.payment_journal is None


def test_a_journal_that_cannot_open_refuses_every_fee(caplog: pytest.LogCaptureFixture) -> None:
    path = data_dir() / DB_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA application_id=42")  # someone else's database under that name
    conn.close()
    core = KioskCore(load_config())
    core.start()
    try:
        with pytest.raises(JournalUnavailable):
            core.flow_services.payment_journal.ordered("KX0000001", "1", "s", 100)
        assert "payment journal not opened" in caplog.text
    finally:
        core.stop()
