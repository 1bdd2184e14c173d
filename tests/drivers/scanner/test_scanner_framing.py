"""AIM identifiers, payload decoding, line framing and the GM65 command frames."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from drivers.scanner import gm65
from drivers.scanner.framing import LineFramer
from drivers.scanner.model import ScanResult, decode_payload, split_aim, symbology_of


@pytest.mark.parametrize(
    ("raw", "aim", "rest"),
    [
        (b"]Q1hello", "]Q1", b"hello"),
        (b"]C0123", "]C0", b"123"),
        (b"]d2x", "]d2", b"x"),
        (b"hello", "", b"hello"),
        (b"]Q", "", b"]Q"),
        (b"]1x2", "", b"]1x2"),
    ],
)
def test_split_aim(raw: bytes, aim: str, rest: bytes) -> None:
    assert split_aim(raw) == (aim, rest)


def test_split_aim_resync_drops_noise_before_the_identifier() -> None:
    assert split_aim(b"\x13\x88z]Q1code", resync=True) == ("]Q1", b"code")
    assert split_aim(b"no id here", resync=True) == ("", b"no id here")


def test_symbologies() -> None:
    assert symbology_of("]Q1") == "QR" and symbology_of("]C0") == "CODE128"
    assert symbology_of("]E4") == "EAN_UPC" and symbology_of("") == ""


def test_payload_decoding_utf8_then_gb18030() -> None:
    text = "办件编号：粤-2026"
    assert decode_payload(text.encode("utf-8")) == text
    assert decode_payload(text.encode("gb18030")) == text
    assert decode_payload(b"\xff\xfe\xfd\xfc") == "\xff\xfe\xfd\xfc"
    assert decode_payload("ab".encode("gb18030"), "gb18030") == "ab"


def test_scan_result_repr_shows_only_the_start() -> None:
    r = ScanResult("134512345678901234", b"134512345678901234", "CODE128", "]C0", "serial")
    assert "134512345678901234" not in repr(r) and "1345…" in repr(r)
    assert "18 chars" in str(r)


def test_auto_suffix_accepts_cr_lf_and_crlf_across_chunks() -> None:
    f = LineFramer("auto")
    out = []
    for chunk in (b"A1\r", b"\nB2", b"\nC3\r\n", b"\r\n"):
        out += f.feed(chunk, 0.0)
    assert out == [b"A1", b"B2", b"C3"]


def test_explicit_suffix_keeps_line_breaks_inside_a_code() -> None:
    f = LineFramer("crlf")
    assert f.feed(b"line1\nline2\r\n", 0.0) == [b"line1\nline2"]
    f = LineFramer("cr")
    assert f.feed(b"a\nb\r", 0.0) == [b"a\nb"]


def test_no_suffix_frames_by_idle_time() -> None:
    f = LineFramer("none", idle_timeout_s=0.05)
    assert f.feed(b"ABC", 1.0) == [] and f.poll(1.01) == []
    assert f.feed(b"DEF", 1.02) == []
    assert f.poll(1.08) == [b"ABCDEF"]
    assert f.poll(2.0) == []


def test_partial_code_without_suffix_goes_stale() -> None:
    f = LineFramer("auto", stale_timeout_s=1.0)
    f.feed(b"half a co", 0.0)
    assert f.poll(0.5) == [] and f.dropped == 0
    assert f.poll(1.5) == [] and f.dropped == 1
    assert f.feed(b"full\r", 2.0) == [b"full"]


def test_overlong_line_is_dropped() -> None:
    f = LineFramer("cr", max_len=16)
    assert f.feed(b"x" * 40, 0.0) == [] and f.dropped == 1


@given(
    st.lists(st.binary(max_size=40), max_size=30),
    st.sampled_from(["auto", "cr", "lf", "crlf", "none"]),
)
def test_framer_never_raises_and_codes_hold_no_terminator(chunks: list[bytes], suffix: str) -> None:
    f = LineFramer(suffix)  # type: ignore[arg-type]
    t = 0.0
    for chunk in chunks:
        t += 0.01
        for code in f.feed(chunk, t) + f.poll(t):
            assert code
            if suffix == "auto":
                assert b"\r" not in code and b"\n" not in code


def test_gm65_frames_match_the_published_bytes() -> None:
    assert bytes.fromhex("7E 00 09 01 00 00 00 DE C8") == gm65.SAVE_SETTINGS
    assert gm65.reply(b"\x00") == bytes.fromhex("02 00 00 01 00 33 31")
    assert gm65.command(gm65.READ, 0x000A, b"\x01") == bytes.fromhex("7E 00 07 01 00 0A 01 EE 8A")
    assert gm65.parse_command(bytes.fromhex("7E 00 08 01 00 02 01 AB CD")) == (
        (gm65.WRITE, gm65.ADDR_TRIGGER, b"\x01"),
        9,
    )


def test_gm65_reply_parsing() -> None:
    assert gm65.parse_reply(gm65.reply(b"\x07") + b"rest") == (b"\x07", 7)
    assert gm65.parse_reply(b"\x02\x00") == (None, 0)
    assert gm65.parse_reply(b"X") == (None, 1)
    bad = bytearray(gm65.reply(b"\x07"))
    bad[-1] ^= 1
    assert gm65.parse_reply(bytes(bad)) == (None, 1)


@given(st.binary(max_size=64))
def test_gm65_parsers_never_raise(buf: bytes) -> None:
    data, used = gm65.parse_reply(buf)
    assert used >= 0 and (data is None or used > 0)
    cmd, used = gm65.parse_command(buf)
    assert used >= 0 and (cmd is None or used > 0)
