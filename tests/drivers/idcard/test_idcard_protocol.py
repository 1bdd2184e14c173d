"""SAM frames: checksums of the published frames, building, parsing and resynchronisation."""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from drivers.idcard import protocol as p

PUBLISHED_REQUESTS = {
    p.RESET_SAM: "aa aa aa 96 69 00 03 10 ff ec",
    p.SAM_STATUS: "aa aa aa 96 69 00 03 11 ff ed",
    p.SAM_ID: "aa aa aa 96 69 00 03 12 ff ee",
    p.FIND_CARD: "aa aa aa 96 69 00 03 20 01 22",
    p.SELECT_CARD: "aa aa aa 96 69 00 03 20 02 21",
    p.READ_TEXT_PHOTO: "aa aa aa 96 69 00 03 30 01 32",
    p.READ_WITH_FINGERPRINT: "aa aa aa 96 69 00 03 30 10 23",
}


@pytest.mark.parametrize(("command", "frame"), PUBLISHED_REQUESTS.items())
def test_requests_match_the_published_frames(command: p.Command, frame: str) -> None:
    assert p.encode_request(command) == bytes.fromhex(frame)


def test_set_max_rf_bytes_with_data() -> None:
    assert p.encode_request(p.SET_MAX_RF_BYTES, b"\x50") == bytes.fromhex(
        "aa aa aa 96 69 00 04 61 ff 50 ca"
    )


@pytest.mark.parametrize(
    ("sw3", "data", "frame"),
    [
        (0x9F, bytes(4), "aa aa aa 96 69 00 08 00 00 9f 00 00 00 00 97"),
        (0x90, bytes(8), "aa aa aa 96 69 00 0c 00 00 90" + " 00" * 8 + " 9c"),
        (0x90, b"", "aa aa aa 96 69 00 04 00 00 90 94"),
        (0x80, b"", "aa aa aa 96 69 00 04 00 00 80 84"),
        (0x81, b"", "aa aa aa 96 69 00 04 00 00 81 85"),
        (0x41, b"", "aa aa aa 96 69 00 04 00 00 41 45"),
        (0x60, b"", "aa aa aa 96 69 00 04 00 00 60 64"),
    ],
)
def test_responses_match_the_published_frames(sw3: int, data: bytes, frame: str) -> None:
    assert p.encode_response(sw3, data) == bytes.fromhex(frame)


def _read_frame(with_fp: bool) -> bytes:
    text, photo = bytes(range(256)), bytes(1024)
    fp = bytes(1024) if with_fp else None
    return p.encode_response(p.SW_OK, p.encode_read_data(text, photo, fp))


def test_read_answer_has_the_documented_size_and_header() -> None:
    frame = _read_frame(False)
    assert len(frame) == 1295
    assert frame[:14] == bytes.fromhex("aaaaaa9669050800009001000400")
    assert frame[14:270] == bytes(range(256))
    with_fp = _read_frame(True)
    assert len(with_fp) == 2321 and with_fp[5:7] == b"\x09\x0a"
    assert with_fp[16:272] == bytes(range(256))


@pytest.mark.parametrize("with_fp", [False, True])
def test_parse_read_data_splits_the_blocks(with_fp: bool) -> None:
    (frame,) = p.FrameParser().feed(_read_frame(with_fp))
    assert isinstance(frame, p.Frame)
    resp = p.Response.from_frame(frame)
    blocks = p.parse_read_data(resp.data, with_fingerprint=with_fp)
    assert blocks.text == bytes(range(256))
    assert len(blocks.photo) == 1024
    assert len(blocks.fingerprint) == (1024 if with_fp else 0)


@pytest.mark.parametrize(
    "data",
    [b"", b"\x01\x00\x04", b"\x00\x10\x04\x00" + bytes(10), b"\x01\x00\x04\x00" + bytes(100)],
)
def test_bad_read_data_raises_a_protocol_error(data: bytes) -> None:
    with pytest.raises(p.SamProtocolError):
        p.parse_read_data(data, with_fingerprint=False)


def test_parser_resynchronises_after_garbage_and_split_reads() -> None:
    frame = p.encode_response(p.SW_CARD_FOUND, bytes(4))
    stream = b"\x00\xaa\xaa\x13" + frame + b"\xaa\xaa" + frame
    parser = p.FrameParser()
    out: list[p.Frame | p.BadFrame] = []
    for i in range(len(stream)):
        out += parser.feed(stream[i : i + 1])
    assert out == [p.Frame(frame[7:-1]), p.Frame(frame[7:-1])]
    assert parser.garbage == 6


def test_bad_checksum_is_reported_and_the_next_frame_still_parses() -> None:
    good = p.encode_response(p.SW_OK)
    bad = good[:-1] + bytes([good[-1] ^ 1])
    out = p.FrameParser().feed(bad + good)
    assert isinstance(out[0], p.BadFrame) and "checksum" in out[0].reason
    assert out[-1] == p.Frame(good[7:-1])


def test_false_preamble_with_implausible_length_is_skipped() -> None:
    good = p.encode_response(p.SW_NO_CARD)
    out = p.FrameParser(max_payload=32).feed(p.PREAMBLE + b"\x05\x08" + good)
    assert isinstance(out[0], p.BadFrame)
    assert out[-1] == p.Frame(good[7:-1])


def test_needed_asks_for_header_then_body() -> None:
    parser = p.FrameParser()
    assert parser.needed() == 7
    frame = _read_frame(False)
    parser.feed(frame[:7])
    assert parser.needed() == 1288
    parser.feed(frame[7:100])
    assert parser.needed() == 1295 - 100


def test_short_payloads_raise_typed_errors() -> None:
    with pytest.raises(p.SamProtocolError):
        p.Response.from_frame(p.Frame(b"\x00\x00"))
    with pytest.raises(p.SamProtocolError):
        p.Request.from_frame(p.Frame(b"\x20"))


def test_status_error_names_the_status_word() -> None:
    err = p.SamStatusError(p.READ_TEXT_PHOTO, 0x41)
    assert err.code == "SAM_READ_FAILED" and "41" in str(err)
    assert p.SamStatusError(p.SAM_STATUS, 0x60).code == "SAM_SELF_TEST_FAILED"
    assert p.SamStatusError(p.SAM_STATUS, 0x77).code == "SAM_SW_77"


def test_sam_id_formatting() -> None:
    raw = bytes.fromhex("0500 0100 b8b63201 4e61bc00 15cd5b07".replace(" ", ""))
    assert p.format_sam_id(raw) == "05.01-20100792-0012345678-0123456789"
    with pytest.raises(p.SamProtocolError):
        p.format_sam_id(b"\x00" * 4)


# ---------------------------------------------------------------- fuzzing

frames = st.builds(
    lambda sw3, data: p.encode_response(sw3, data),
    st.integers(0, 255),
    st.binary(max_size=40),
)


@given(st.lists(st.binary(max_size=64), max_size=20), st.integers(0, p.MAX_BODY))
def test_parser_never_raises_on_arbitrary_bytes(chunks: list[bytes], max_payload: int) -> None:
    parser = p.FrameParser(max_payload=max_payload)
    for chunk in chunks:
        for item in parser.feed(chunk):
            if isinstance(item, p.Frame):
                # Whatever it accepts re-encodes to a frame with a valid checksum.
                again = p.encode_frame(item.payload)
                assert p.FrameParser().feed(again) == [item]
                with contextlib.suppress(p.SamProtocolError):
                    p.Response.from_frame(item)
        assert parser.needed() >= 1


@given(st.lists(st.tuples(st.binary(max_size=30), frames), min_size=1, max_size=8))
def test_every_frame_survives_interleaved_noise(pieces: list[tuple[bytes, bytes]]) -> None:
    noise_free_of_preamble = [(n.replace(b"\xaa", b"\x00"), f) for n, f in pieces]
    stream = b"".join(n + f for n, f in noise_free_of_preamble)
    got = [x for x in p.FrameParser().feed(stream) if isinstance(x, p.Frame)]
    assert got == [p.Frame(f[7:-1]) for _, f in noise_free_of_preamble]


@given(st.binary(max_size=3000), st.booleans())
def test_read_data_parser_raises_only_protocol_errors(data: bytes, with_fp: bool) -> None:
    try:
        blocks = p.parse_read_data(data, with_fingerprint=with_fp)
    except p.SamProtocolError:
        return
    assert len(blocks.text) == p.TEXT_SIZE
