"""DLE EOT 1–4 replies → one status with a stable code and who must act; reply sorting."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drivers import printer as printer_pkg
from drivers.base import Actor, DeviceError, DeviceState, DeviceStatus
from drivers.printer.status import (
    ReplySorter,
    StatusReplyError,
    condition_from_replies,
    is_completion_reply,
    is_status_reply,
    parse_reply,
    status_from_condition,
    status_query,
)

OK = 0x12  # the fixed pattern 0xx1xx10 with no flag set


def status_of(replies: dict[int, int]) -> DeviceStatus:
    return status_from_condition(condition_from_replies(replies))


def test_queries_are_dle_eot_n() -> None:
    assert [status_query(n) for n in (1, 2, 3, 4)] == [
        b"\x10\x04\x01",
        b"\x10\x04\x02",
        b"\x10\x04\x03",
        b"\x10\x04\x04",
    ]
    with pytest.raises(ValueError):
        status_query(5)


@pytest.mark.parametrize("byte", [0x12, 0x16, 0x1A, 0x1E, 0x32, 0x52, 0x72, 0x7E])
def test_reply_pattern_accepted(byte: int) -> None:
    assert is_status_reply(byte) and not is_completion_reply(byte)
    assert parse_reply(4, bytes((byte,))) == byte


@pytest.mark.parametrize("data", [b"", b"\x12\x12", b"\x00", b"\x13", b"\x92", b"\x10", b"A"])
def test_malformed_reply_is_a_typed_error(data: bytes) -> None:
    with pytest.raises(StatusReplyError) as info:
        parse_reply(1, data)
    assert info.value.code == "PRINTER_BAD_REPLY"


def test_reply_to_a_query_never_sent_is_rejected() -> None:
    with pytest.raises(StatusReplyError):
        parse_reply(5, b"\x12")


@pytest.mark.parametrize(
    ("replies", "state", "code", "actor"),
    [
        ({1: OK, 4: OK}, DeviceState.ONLINE, "OK", Actor.NONE),
        ({1: OK, 4: 0x1E}, DeviceState.PAPER_LOW, "PRINTER_PAPER_LOW", Actor.STAFF),
        # Only one of the two near-end bits: not near end.
        ({1: OK, 4: 0x16}, DeviceState.ONLINE, "OK", Actor.NONE),
        ({1: 0x1A, 2: 0x32, 4: 0x7E}, DeviceState.PAPER_OUT, "PRINTER_PAPER_OUT", Actor.STAFF),
        ({1: 0x1A, 4: 0x72}, DeviceState.PAPER_OUT, "PRINTER_PAPER_OUT", Actor.STAFF),
        ({1: 0x1A, 2: 0x16, 4: OK}, DeviceState.COVER_OPEN, "PRINTER_COVER_OPEN", Actor.STAFF),
        (
            {1: 0x1A, 2: 0x52, 3: 0x1A, 4: OK},
            DeviceState.ERROR,
            "PRINTER_CUTTER_ERROR",
            Actor.STAFF,
        ),
        (
            {1: 0x1A, 2: 0x52, 3: 0x32, 4: OK},
            DeviceState.ERROR,
            "PRINTER_UNRECOVERABLE_ERROR",
            Actor.TECHNICIAN,
        ),
        (
            {1: 0x1A, 2: 0x52, 3: 0x52, 4: OK},
            DeviceState.ERROR,
            "PRINTER_AUTO_RECOVERABLE_ERROR",
            Actor.AUTOMATIC,
        ),
        (
            {1: 0x1A, 2: 0x52, 3: 0x16, 4: OK},
            DeviceState.ERROR,
            "PRINTER_RECOVERABLE_ERROR",
            Actor.STAFF,
        ),
        ({1: 0x1A, 2: OK, 4: OK}, DeviceState.OFFLINE, "PRINTER_OFFLINE", Actor.STAFF),
    ],
)
def test_status_bits_map_to_state_code_and_actor(
    replies: dict[int, int], state: DeviceState, code: str, actor: Actor
) -> None:
    status = status_of(replies)
    assert (status.state, status.code, status.actor) == (state, code, actor)
    assert status.detail
    assert status.usable is (state in (DeviceState.ONLINE, DeviceState.PAPER_LOW))


def test_most_severe_condition_wins() -> None:
    # Cover open and paper out together: closing the cover is the first thing to do.
    assert status_of({1: 0x1A, 2: 0x36, 4: 0x7E}).code == "PRINTER_COVER_OPEN"
    # An unrecoverable error beats everything.
    assert status_of({1: 0x1A, 2: 0x76, 3: 0x3A, 4: 0x7E}).actor is Actor.TECHNICIAN


def test_cause_queries_only_when_needed() -> None:
    assert not condition_from_replies({1: OK}).needs_cause
    offline = condition_from_replies({1: 0x1A, 2: 0x52})
    assert offline.needs_cause and offline.needs_error_cause


def test_every_code_is_documented_in_the_package() -> None:
    doc = printer_pkg.__doc__ or ""
    seen = set()
    for r1 in (OK, 0x1A):
        for r2 in (OK, 0x16, 0x32, 0x52):
            for r3 in (OK, 0x16, 0x1A, 0x32, 0x52):
                for r4 in (OK, 0x1E, 0x72):
                    seen.add(status_of({1: r1, 2: r2, 3: r3, 4: r4}).code)
    assert len(seen) == 9
    for code in seen:
        assert code in doc, code


# ---------------------------------------------------------------- reply sorting


def test_status_and_completion_in_one_read_are_both_kept() -> None:
    inbox = ReplySorter()
    inbox.feed(b"\x12\x00")
    assert inbox.take_status() == 0x12 and inbox.completions == 1
    inbox.feed(b"\x03\x1e")  # completion (paper near end) first, then a status reply
    assert inbox.completions == 2 and inbox.take_status() == 0x1E


def test_identity_reply_is_recognised_and_not_taken_for_completion() -> None:
    inbox = ReplySorter()
    inbox.feed(b"_KIOSK-")
    inbox.feed(b"SIM-80\x00\x12")
    assert list(inbox.ids) == ["KIOSK-SIM-80"] and inbox.completions == 0
    assert inbox.take_status() == 0x12


def test_broken_identity_reply_counts_as_junk() -> None:
    inbox = ReplySorter()
    inbox.feed(b"_AB\xff\x12")
    assert inbox.junk == 4 and inbox.take_status() == 0x12 and not inbox.ids


def test_stale_replies_are_forgotten() -> None:
    inbox = ReplySorter()
    inbox.feed(b"\x12\x1e_X\x00")
    inbox.forget_stale()
    assert inbox.take_status() is None and not inbox.ids


# ---------------------------------------------------------------- fuzzing


@given(st.integers(0, 9), st.binary(max_size=4))
def test_fuzz_parse_reply_raises_only_typed_errors(n: int, data: bytes) -> None:
    try:
        byte = parse_reply(n, data)
    except StatusReplyError:
        return
    assert is_status_reply(byte) and n in (1, 2, 3, 4)


@given(st.dictionaries(st.integers(0, 6), st.integers(0, 255), max_size=6))
def test_fuzz_status_from_any_replies(replies: dict[int, int]) -> None:
    try:
        status = status_of(replies)
    except DeviceError as exc:
        assert exc.code == "PRINTER_BAD_REPLY"
        return
    assert status.code in (printer_pkg.__doc__ or "")
    assert isinstance(status.actor, Actor)


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=300), st.lists(st.integers(1, 40), max_size=20))
def test_fuzz_reply_sorter_accounts_for_every_byte(data: bytes, cuts: list[int]) -> None:
    whole = ReplySorter()
    whole.feed(data)
    chunked = ReplySorter()
    at = 0
    for size in cuts:
        chunked.feed(data[at : at + size])
        at += size
    chunked.feed(data[at:])
    assert (list(whole.status), whole.completions, list(whole.ids), whole.junk) == (
        list(chunked.status),
        chunked.completions,
        list(chunked.ids),
        chunked.junk,
    )
    pending = 0 if whole._id is None else 1 + len(whole._id)
    id_bytes = sum(len(i) + 2 for i in whole.ids)
    assert len(whole.status) + whole.completions + whole.junk + id_bytes + pending == len(data)
