"""The dispenser's frame protocol: round trips, the checks a frame must pass, and fuzzing."""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drivers.dispenser import protocol as p


def test_command_frame_layout() -> None:
    frame = p.encode_command(p.Cmd.TO_GATE, 7)
    assert frame[0] == p.STX and frame[1:3] == b"\x00\x03"
    assert frame[3:6] == bytes([p.TAG_COMMAND, 0x32, 7])
    assert frame[-2] == p.ETX and frame[-1] == p.bcc(frame[:-1])


def test_status_with_slots_round_trips() -> None:
    occupied = tuple(i % 3 == 0 for i in range(20))
    status = p.Status(gate_card=True, bin_full=True, slots=20, bin_count=7, occupied=occupied)
    frame = p.decode_frame(p.encode_positive(p.Cmd.STATUS, p.PM_WITH_SLOTS, status))
    reply = p.decode_reply(frame)
    assert reply.positive and reply.status == status


def test_negative_reply_names_its_error() -> None:
    reply = p.decode_reply(p.decode_frame(p.encode_negative(p.Cmd.TO_GATE, 3, p.E_JAM)))
    assert not reply.positive and reply.error_code == "DISPENSER_JAM" and reply.pm == 3


def test_version_text_is_split() -> None:
    reply = p.decode_reply(
        p.decode_frame(p.encode_positive(p.Cmd.VERSION, p.PM_DEFAULT, p.Status(slots=4), b"M;S;F"))
    )
    assert p.parse_version(reply.extra) == ("M", "S", "F")


@pytest.mark.parametrize(
    ("mutate", "reason"),
    [
        (lambda f: f[:-1] + bytes([f[-1] ^ 1]), "BCC"),
        (lambda f: f[:-2] + b"\x00" + f[-1:], "ETX"),
        (lambda f: b"\x05" + f[1:], "STX"),
        (lambda f: f[:5], "short"),
        (lambda f: f + b"\x00", "length says"),
    ],
)
def test_damaged_frames_are_refused(mutate: object, reason: str) -> None:
    frame = p.encode_command(p.Cmd.STATUS)
    with pytest.raises(p.FrameError, match=reason):
        p.decode_frame(mutate(frame))  # type: ignore[operator]


def test_parser_resynchronises_after_noise_and_passes_ack_nak() -> None:
    good = p.encode_positive(p.Cmd.STATUS, p.PM_DEFAULT, p.Status(slots=2))
    fake = bytes([p.STX, 0xFF, 0xFF])  # a false start with an implausible length
    parser = p.FrameParser()
    items = parser.feed(b"\x99\x42" + fake + bytes([p.ACK]) + good[:4])
    items += parser.feed(good[4:] + bytes([p.NAK]))
    kinds = [type(i).__name__ for i in items]
    assert kinds == ["BadFrame", "Control", "Frame", "Control"]
    assert items[1] is p.Control.ACK and items[3] is p.Control.NAK
    assert parser.garbage >= 2


def test_parser_skips_a_frame_with_a_bad_bcc_and_finds_the_next() -> None:
    bad = bytearray(p.encode_command(p.Cmd.STATUS))
    bad[-1] ^= 0xFF
    good = p.encode_command(p.Cmd.CAPTURE)
    items = p.FrameParser().feed(bytes(bad) + good)
    frames = [i for i in items if isinstance(i, p.Frame)]
    assert [f.cmd for f in frames] == [p.Cmd.CAPTURE]
    assert any(isinstance(i, p.BadFrame) for i in items)


def test_a_positive_status_reply_too_short_for_its_bitmap_is_refused() -> None:
    frame = p.Frame(p.TAG_POSITIVE, p.Cmd.STATUS, p.PM_WITH_SLOTS, bytes([0, 20, 0, 0xFF]))
    with pytest.raises(p.FrameError, match="bitmap"):
        p.decode_reply(frame)


# ---------------------------------------------------------------- fuzzing


@settings(max_examples=400, deadline=None)
@given(st.binary(max_size=600))
def test_decode_frame_raises_only_frame_error(data: bytes) -> None:
    try:
        frame = p.decode_frame(data)
    except p.FrameError:
        return
    assert frame.size == len(data)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.binary(max_size=80), max_size=12))
def test_parser_never_raises_on_any_chunks(chunks: list[bytes]) -> None:
    parser = p.FrameParser()
    for chunk in chunks:
        for item in parser.feed(chunk):
            if isinstance(item, p.Frame):
                with contextlib.suppress(p.FrameError):
                    p.decode_reply(item)
                with contextlib.suppress(p.FrameError):
                    p.decode_command(item)


frames = st.builds(
    p.encode_frame,
    st.sampled_from([p.TAG_COMMAND, p.TAG_POSITIVE, p.TAG_NEGATIVE]),
    st.integers(0, 255),
    st.integers(0, 255),
    st.binary(max_size=40),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.binary(max_size=10), frames), min_size=1, max_size=6))
def test_frames_between_noise_without_stx_are_all_found(
    parts: list[tuple[bytes, bytes]],
) -> None:
    # Noise that holds no STX, ACK or NAK cannot hide a frame.
    stream = b"".join(noise.translate(None, b"\x02\x06\x15") + frame for noise, frame in parts)
    found = [i for i in p.FrameParser().feed(stream) if isinstance(i, p.Frame)]
    assert [p.encode_frame(f.tag, f.cmd, f.pm, f.data) for f in found] == [f for _, f in parts]


@settings(max_examples=200, deadline=None)
@given(
    st.booleans(),
    st.booleans(),
    st.booleans(),
    st.integers(0, 255),
    st.lists(st.booleans(), max_size=255),
)
def test_status_round_trips(
    gate: bool, jam: bool, full: bool, bin_count: int, occupied: list[bool]
) -> None:
    status = p.Status(gate, False, jam, full, len(occupied), bin_count, tuple(occupied))
    reply = p.decode_reply(p.decode_frame(p.encode_positive(p.Cmd.STATUS, p.PM_WITH_SLOTS, status)))
    assert reply.status == status
