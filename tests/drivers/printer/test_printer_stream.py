"""The ESC/POS tokenizer and paper interpreter: known commands, chunking, and garbage."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drivers.printer import interpret as interp
from drivers.printer.stream import EscPosParser, Kind, parse_all


def test_commands_are_tokenized_with_their_arguments() -> None:
    data = bytes.fromhex(
        "1b40 1c26 1b6131 1b4501 1d2111 d6d0 0a 1d7230 10 04 04 100502 1d4943 1b6405 1d5630"
    )
    kinds = [(c.kind, c.value) for c in parse_all(data)]
    assert kinds == [
        (Kind.INIT, 0),
        (Kind.CJK, 1),
        (Kind.ALIGN, 1),  # ESC a '1' is the same as ESC a 1
        (Kind.BOLD, 1),
        (Kind.SIZE, 0x11),
        (Kind.TEXT, 0),
        (Kind.LF, 0),
        (Kind.PAPER_QUERY, 0x30),
        (Kind.REALTIME_STATUS, 4),
        (Kind.REALTIME_REQUEST, 2),
        (Kind.PRINTER_ID, 0x43),
        (Kind.FEED, 5),
        (Kind.CUT, 0),
    ]


def test_incomplete_command_waits_for_the_rest() -> None:
    parser = EscPosParser()
    assert parser.feed(b"\x1d(k\x06\x00\x31\x50\x30AB") == []
    assert parser.pending == 10
    [cmd] = parser.feed(b"C")
    assert (cmd.kind, cmd.data) == (Kind.QR_STORE, b"ABC")
    assert parser.pending == 0


def test_unknown_bytes_are_skipped_not_fatal() -> None:
    cmds = parse_all(b"\x1b\xfe\x1d\xfe\x1c\xfe\x01AB\n")
    assert [c.kind for c in cmds] == [Kind.UNKNOWN, Kind.UNKNOWN, Kind.UNKNOWN, Kind.UNKNOWN,
                                      Kind.TEXT, Kind.LF]  # fmt: skip


def test_unfinished_stream_ends_in_one_unknown_command() -> None:
    [cmd] = parse_all(b"\x1dv0\x00\x02\x00\x05\x00\xff")
    assert cmd.kind is Kind.UNKNOWN and cmd.data.startswith(b"\x1dv0")


def test_interpreter_keeps_printer_state_across_lines() -> None:
    data = "中".encode("gb18030")
    blocks = interp.interpret(
        parse_all(
            b"\x1b@\x1ca\x01"  # FS a is not Chinese mode: a 1-byte-parameter FS command
            + b"\x1c&\x1ba\x02\x1b!\x38"
            + data
            + b"\n\x1b@X\n"
        )
    )
    assert blocks == [
        interp.TextLine("中", align=2, bold=True, width=2, height=2),
        interp.TextLine("X"),  # ESC @ reset everything, Chinese mode included
    ]


def test_raster_qr_feed_and_cut_blocks() -> None:
    data = (
        b"\x1ba\x01\x1dv0\x00\x01\x00\x02\x00\x80\x01"
        + b"\x1d(k\x04\x00\x31\x50\x30Z\x1d(k\x03\x00\x31\x51\x30"
        + b"\x1bd\x02\x1bJ\x0f\x1dVB\x00"
    )
    assert interp.interpret(parse_all(data)) == [
        interp.RasterBlock(1, 2, b"\x80\x01", align=1),
        interp.QrBlock("Z", align=1),
        interp.FeedBlock(lines=2),
        interp.FeedBlock(dots=15),
        interp.CutBlock(partial=True),
    ]


def test_text_without_chinese_mode_is_code_page_437() -> None:
    [line] = interp.interpret(parse_all(b"\xe1\n"))
    assert line.text == "ß"
    [line] = interp.interpret(parse_all(b"\xe1\n"), default_cjk=True)
    assert line.text == "\ufffd"  # a lone GB18030 lead byte


# ---------------------------------------------------------------- fuzzing

ESC_POS_PIECES = st.sampled_from(
    [
        b"\x1b@", b"\x1c&", b"\x1c.", b"\x1ba\x01", b"\x1bE\x01", b"\x1d!\x11", b"\n",
        b"\x1dVB\x00", b"\x1dv0\x00\x01\x00\x01\x00\xff", b"\x10\x04\x01", b"\x10\x05\x02",
        b"\x1d(k\x04\x00\x31\x50\x30A", b"\x1d(k\x03\x00\x31\x51\x30", b"\x1dr\x01",
        "中文·：".encode("gb18030"), b"\x1d(k", b"\x1dk\x04AB", b"\x1b*\x00\x02\x00",
        b"\x1bD\x01\x02", b"\x10\x14\x01", b"\x1c2", b"\x1d*\x01\x01",
    ]
)  # fmt: skip
STREAMS = st.lists(st.one_of(ESC_POS_PIECES, st.binary(max_size=12)), max_size=30).map(b"".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(STREAMS, st.lists(st.integers(1, 64), max_size=12))
def test_fuzz_any_bytes_in_any_chunks_interpret_the_same(data: bytes, cuts: list[int]) -> None:
    whole = parse_all(data)
    assert b"".join(c.raw for c in whole) == data  # every byte is in exactly one command
    parser = EscPosParser()
    chunked = []
    at = 0
    for size in [*cuts, len(data)]:
        chunked += parser.feed(data[at : at + size])
        at += size
    chunked += parser.finish()
    assert b"".join(c.raw for c in chunked) == data
    assert interp.interpret(chunked) == interp.interpret(whole)
    assert interp.interpret(whole, default_cjk=True) is not None


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400))
def test_fuzz_raw_garbage_never_raises(data: bytes) -> None:
    blocks = interp.interpret(parse_all(data), default_cjk=True)
    for block in blocks:
        if isinstance(block, interp.RasterBlock):
            assert len(block.data) == block.width_bytes * block.rows
