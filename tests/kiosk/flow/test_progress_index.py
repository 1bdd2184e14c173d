"""The ID-card index behind 办理进度查询 by card: keyed, never the number, kept 180 days."""

from __future__ import annotations

import hashlib
import stat
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drivers.idcard import idnumber
from kiosk.cases.index import (
    KEY_FILE,
    RETENTION_DAYS,
    CaseIndex,
    IndexUnavailable,
    load_keys,
)
from offline_queue.crypto import add_key
from tests.fakes import Clock

# Synthetic numbers (valid check digits, invented people).
ALICE = idnumber.make("11010119900307001")
BOB = idnumber.make("32010219500101004")
ENDS_IN_X = idnumber.make("51010420000229002")  # check character X
assert ENDS_IN_X.endswith("X")
DAY_S = 86_400.0


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def index(tmp_path: Path, clock: Clock):
    idx = CaseIndex.open(tmp_path, clock=clock)
    yield idx
    idx.close()


def files_bytes(directory: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(directory.rglob("*")) if p.is_file())


def test_lookup_finds_this_numbers_cases_newest_first(index: CaseIndex, clock: Clock) -> None:
    index.record(ALICE, "202611220001000001", "id_card_renewal", clock.now - 3 * DAY_S)
    index.record(BOB, "202611220001000002", "id_card_reissue", clock.now - 2 * DAY_S)
    index.record(ALICE, "202611220001000003", "social_insurance_proof", clock.now - DAY_S)
    found = index.lookup(ALICE)
    assert [c.application_no for c in found] == ["202611220001000003", "202611220001000001"]
    assert [c.service_id for c in found] == ["social_insurance_proof", "id_card_renewal"]
    assert found[0].created.timestamp() == pytest.approx(clock.now - DAY_S)
    assert found[0].created.tzinfo is not None
    assert [c.application_no for c in index.lookup(BOB)] == ["202611220001000002"]
    assert index.lookup(idnumber.make("44010619780920003")) == []


def test_the_number_is_never_stored_nor_its_plain_hash(tmp_path: Path, clock: Clock) -> None:
    index = CaseIndex.open(tmp_path, clock=clock)
    index.record(ALICE, "202611220001000001", "id_card_renewal")
    written = files_bytes(tmp_path)  # database and WAL while open
    index.close()
    written += files_bytes(tmp_path)
    for form in (ALICE.encode(), ALICE.encode("utf-16-le"), ALICE[:17].encode()):
        assert form not in written
    for plain in (hashlib.sha256(ALICE.encode()).digest(), hashlib.md5(ALICE.encode()).digest()):
        assert plain not in written
    assert b"202611220001000001" in written  # the index itself is there


def test_key_file_like_the_queues(tmp_path: Path, index: CaseIndex) -> None:
    key_path = tmp_path / KEY_FILE
    assert stat.S_IMODE(key_path.stat().st_mode) == 0o600
    keys, active = load_keys(key_path)
    assert list(keys) == [active] and len(keys[active]) == 32
    assert stat.S_IMODE((tmp_path / "case-index.db").stat().st_mode) == 0o600


def test_another_key_finds_nothing(tmp_path: Path, clock: Clock) -> None:
    """Without this kiosk's key the entries cannot be matched to a number."""
    index = CaseIndex.open(tmp_path, clock=clock)
    index.record(ALICE, "202611220001000001", "id_card_renewal")
    index.close()
    (tmp_path / KEY_FILE).unlink()  # lost key: a new one is made at start
    index = CaseIndex.open(tmp_path, clock=clock)
    try:
        assert index.lookup(ALICE) == []
        assert len(index) == 0  # unmatchable entries were purged at start
    finally:
        index.close()


def test_rotated_key_keeps_older_entries_findable(tmp_path: Path, clock: Clock) -> None:
    index = CaseIndex.open(tmp_path, clock=clock)
    index.record(ALICE, "202611220001000001", "id_card_renewal", clock.now - DAY_S)
    index.close()
    add_key(tmp_path / KEY_FILE)
    index = CaseIndex.open(tmp_path, clock=clock)
    try:
        index.record(ALICE, "202611220001000002", "id_card_reissue")
        found = [c.application_no for c in index.lookup(ALICE)]
        assert found == ["202611220001000002", "202611220001000001"]
    finally:
        index.close()


def test_retention_hides_then_deletes_old_entries(tmp_path: Path, clock: Clock) -> None:
    index = CaseIndex.open(tmp_path, clock=clock)
    index.record(ALICE, "202611220001000001", "id_card_renewal", clock.now)
    index.record(ALICE, "202611220001000002", "id_card_renewal", clock.now + 10 * DAY_S)
    clock.now += RETENTION_DAYS * DAY_S + 1  # the first is now too old
    assert [c.application_no for c in index.lookup(ALICE)] == ["202611220001000002"]
    assert index.purge() == 1
    assert len(index) == 1
    index.close()
    clock.now += 10 * DAY_S
    index = CaseIndex.open(tmp_path, clock=clock)  # purged at start
    try:
        assert len(index) == 0
    finally:
        index.close()
    assert b"202611220001000001" not in files_bytes(tmp_path)  # zeroed, out of the WAL


def test_in_use_the_index_purges_on_its_schedule(index: CaseIndex, clock: Clock) -> None:
    index.record(ALICE, "202611220001000001", "id_card_renewal", clock.now)
    clock.now += RETENTION_DAYS * DAY_S + 1
    index.record(BOB, "202611220001000002", "id_card_renewal")  # not due yet: kept
    assert len(index) == 2
    index._next_purge = 0.0  # the hour has passed
    index.lookup(BOB)
    assert len(index) == 1


def test_number_is_normalised(index: CaseIndex) -> None:
    index.record(ENDS_IN_X.lower() + " ", "202611220001000001", "id_card_renewal")
    assert [c.application_no for c in index.lookup(" " + ENDS_IN_X)] == ["202611220001000001"]
    with pytest.raises(ValueError):
        index.lookup("   ")


def test_same_application_twice_is_one_entry(index: CaseIndex) -> None:
    index.record(ALICE, "202611220001000001", "id_card_renewal")
    index.record(ALICE, "202611220001000001", "id_card_renewal")
    assert len(index.lookup(ALICE)) == 1


def test_lookup_is_bounded(index: CaseIndex, clock: Clock) -> None:
    for i in range(12):
        index.record(ALICE, f"2026112200010000{i:02d}", "id_card_renewal", clock.now - i)
    found = index.lookup(ALICE)
    assert len(found) == 8 and found[0].application_no == "202611220001000000"


def test_damaged_database_is_started_afresh(tmp_path: Path, clock: Clock) -> None:
    index = CaseIndex.open(tmp_path, clock=clock)
    index.record(ALICE, "202611220001000001", "id_card_renewal")
    index.close()
    (tmp_path / "case-index.db").write_bytes(b"this is not a database" * 500)
    index = CaseIndex.open(tmp_path, clock=clock)
    try:
        assert index.lookup(ALICE) == []
        index.record(ALICE, "202611220001000002", "id_card_renewal")
        assert [c.application_no for c in index.lookup(ALICE)] == ["202611220001000002"]
    finally:
        index.close()


def test_foreign_database_is_left_alone(tmp_path: Path) -> None:
    import sqlite3

    other = sqlite3.connect(tmp_path / "case-index.db")
    other.execute("CREATE TABLE notes (x)")
    other.commit()
    other.close()
    with pytest.raises(IndexUnavailable):
        CaseIndex.open(tmp_path)
    assert (tmp_path / "case-index.db").stat().st_size > 0


@pytest.mark.parametrize("content", ["k1 not-base64!\n", "k1 AAAA\n", "# only a comment\n"])
def test_bad_key_file_makes_the_index_unavailable(tmp_path: Path, content: str) -> None:
    key = tmp_path / KEY_FILE
    key.parent.mkdir()
    key.write_text(content)
    key.chmod(0o600)
    with pytest.raises(IndexUnavailable):
        CaseIndex.open(tmp_path)
    assert key.read_text() == content  # never replaced


def test_closed_index_refuses(index: CaseIndex) -> None:
    index.close()
    index.close()  # idempotent
    with pytest.raises(IndexUnavailable):
        index.lookup(ALICE)
    with pytest.raises(IndexUnavailable):
        index.record(ALICE, "202611220001000001", "id_card_renewal")


numbers = st.sampled_from([ALICE, BOB, ENDS_IN_X, idnumber.make("44010619780920003")])


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(numbers, st.integers(0, 400)), max_size=12))
def test_lookup_returns_exactly_the_numbers_recent_cases(records: list[tuple[str, int]]) -> None:
    clock = Clock()
    with tempfile.TemporaryDirectory() as tmp:
        index = CaseIndex.open(tmp, clock=clock)
        try:
            expected: dict[str, list[tuple[float, str]]] = {}
            for i, (number, age_days) in enumerate(records):
                no = f"2026112200020{i:05d}"
                created = clock.now - age_days * DAY_S - i  # distinct times
                index.record(number, no, "id_card_renewal", created)
                if age_days < RETENTION_DAYS:
                    expected.setdefault(number, []).append((created, no))
            for number in (ALICE, BOB, ENDS_IN_X):
                want = [no for _, no in sorted(expected.get(number, []), reverse=True)][:8]
                assert [c.application_no for c in index.lookup(number)] == want
        finally:
            index.close()
