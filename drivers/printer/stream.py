"""Incremental ESC/POS tokenizer: bytes in, commands out.

It knows the lengths of the common ESC/POS commands, so it can walk any
stream (our own slips, another program's jobs, garbage) without losing step,
and it never raises: bytes it does not understand become ``UNKNOWN`` commands.
The printer simulator feeds it whatever arrives on its socket; the renderer
feeds it a whole recorded job.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

ESC, GS, FS, DLE = 0x1B, 0x1D, 0x1C, 0x10

#: Larger declared payloads are treated as garbage rather than waited for.
MAX_PAYLOAD = 4 * 1024 * 1024


class Kind(enum.StrEnum):
    TEXT = "text"  # data: raw bytes (GB18030 in Chinese mode)
    LF = "lf"
    INIT = "init"
    ALIGN = "align"  # value 0 left, 1 centre, 2 right
    BOLD = "bold"
    MODE = "mode"  # ESC ! n
    SIZE = "size"  # GS ! n
    FEED = "feed"  # value = lines
    FEED_DOTS = "feed_dots"
    CJK = "cjk"  # value 1 = FS &, 0 = FS .
    QR_MODEL = "qr_model"
    QR_SIZE = "qr_size"
    QR_EC = "qr_ec"
    QR_STORE = "qr_store"  # data = payload
    QR_PRINT = "qr_print"
    RASTER = "raster"  # value = width in bytes, data = rows * width bytes
    CUT = "cut"  # value 0 full, 1 partial
    REALTIME_STATUS = "realtime_status"  # DLE EOT n
    REALTIME_REQUEST = "realtime_request"  # DLE ENQ n
    PAPER_QUERY = "paper_query"  # GS r n
    ASB = "asb"  # GS a n
    PRINTER_ID = "printer_id"  # GS I n
    BARCODE = "barcode"  # data = payload
    IGNORED = "ignored"  # understood, no effect on the model
    UNKNOWN = "unknown"  # data = the bytes skipped


@dataclass(frozen=True, slots=True)
class Command:
    kind: Kind
    value: int = 0
    data: bytes = b""
    raw: bytes = b""  # the command's bytes as received


class _Incomplete(Exception):
    pass


# ESC x followed by this many parameter bytes; those not listed take none.
_ESC_PARAMS = {
    ord("a"): 1, ord("E"): 1, ord("!"): 1, ord("d"): 1, ord("J"): 1, ord("3"): 1,
    ord("t"): 1, ord("-"): 1, ord("G"): 1, ord("M"): 1, ord("{"): 1, ord("V"): 1,
    ord("R"): 1, ord(" "): 1, ord("="): 1, ord("r"): 1, ord("U"): 1, ord("e"): 1,
    ord("%"): 1, ord("K"): 1, ord("L"): 0, ord("S"): 0, ord("T"): 1, ord("2"): 0,
    ord("@"): 0, ord("i"): 0, ord("m"): 0, ord("<"): 0, ord("p"): 3, ord("$"): 2,
    ord("\\"): 2, ord("W"): 8, ord("c"): 2, ord("?"): 1,
}  # fmt: skip
_GS_PARAMS = {
    ord("!"): 1, ord("r"): 1, ord("a"): 1, ord("I"): 1, ord("B"): 1, ord("H"): 1,
    ord("h"): 1, ord("w"): 1, ord("f"): 1, ord("b"): 1, ord("L"): 2, ord("W"): 2,
    ord("P"): 2, ord("$"): 2, ord("\\"): 2, ord("/"): 1, ord("E"): 1, ord("T"): 1,
    ord("^"): 3, ord(":"): 0,
}  # fmt: skip
# What the fixed-parameter commands the slips use mean; other ESC / GS ones are ignored.
_ESC_KINDS = {
    ord("@"): Kind.INIT, ord("a"): Kind.ALIGN, ord("E"): Kind.BOLD, ord("!"): Kind.MODE,
    ord("d"): Kind.FEED, ord("J"): Kind.FEED_DOTS,
}  # fmt: skip
_GS_KINDS = {
    ord("!"): Kind.SIZE, ord("r"): Kind.PAPER_QUERY, ord("a"): Kind.ASB, ord("I"): Kind.PRINTER_ID,
}  # fmt: skip
_FS_PARAMS = {
    ord("&"): 0, ord("."): 0, ord("!"): 1, ord("-"): 1, ord("C"): 1, ord("S"): 2,
    ord("W"): 1, ord("p"): 2, ord("2"): 74, ord("?"): 2, ord("U"): 1, ord("V"): 1,
}  # fmt: skip


class EscPosParser:
    """Feed bytes as they arrive; get complete commands back."""

    def __init__(self) -> None:
        self._buf = bytearray()

    @property
    def pending(self) -> int:
        """Bytes held back because the command they start is not complete yet."""
        return len(self._buf)

    def feed(self, data: bytes) -> list[Command]:
        self._buf += data
        out: list[Command] = []
        i = 0
        buf = bytes(self._buf)
        while i < len(buf):
            try:
                cmd, end = _parse_one(buf, i)
            except _Incomplete:
                break
            out.append(Command(cmd.kind, cmd.value, cmd.data, buf[i:end]))
            i = end
        del self._buf[:i]
        return out

    def finish(self) -> list[Command]:
        """End of stream: whatever is left is an incomplete command."""
        rest = bytes(self._buf)
        self._buf.clear()
        return [Command(Kind.UNKNOWN, data=rest, raw=rest)] if rest else []


def parse_all(data: bytes) -> list[Command]:
    parser = EscPosParser()
    return parser.feed(data) + parser.finish()


def _need(buf: bytes, end: int) -> None:
    if end > len(buf):
        raise _Incomplete


def _u16(buf: bytes, at: int) -> int:
    return buf[at] | (buf[at + 1] << 8)


def _unknown(buf: bytes, i: int, n: int) -> tuple[Command, int]:
    """The ``n`` bytes at ``i`` as a command this parser does not know, skipped."""
    return Command(Kind.UNKNOWN, data=buf[i : i + n]), i + n


def _fixed(buf: bytes, i: int, params: dict[int, int]) -> tuple[int, int] | None:
    """End and first argument of a command with a fixed parameter count (None: not one)."""
    op = buf[i + 1]
    if op not in params:
        return None
    end = i + 2 + params[op]
    _need(buf, end)
    return end, (buf[i + 2] if end > i + 2 else 0)


def _parse_one(buf: bytes, i: int) -> tuple[Command, int]:
    b = buf[i]
    if b >= 0x20:
        j = i
        while j < len(buf) and buf[j] >= 0x20:
            j += 1
        return Command(Kind.TEXT, data=buf[i:j]), j
    if b == 0x0A:
        return Command(Kind.LF), i + 1
    if b in (0x0D, 0x09, 0x00, 0x0C):
        return Command(Kind.IGNORED, b), i + 1
    if b == DLE:
        return _parse_dle(buf, i)
    if b == ESC:
        return _parse_esc(buf, i)
    if b == GS:
        return _parse_gs(buf, i)
    if b == FS:
        _need(buf, i + 2)
        op = buf[i + 1]
        if op == ord("&"):
            return Command(Kind.CJK, 1), i + 2
        if op == ord("."):
            return Command(Kind.CJK, 0), i + 2
        if op in _FS_PARAMS:
            end = i + 2 + _FS_PARAMS[op]
            _need(buf, end)
            return Command(Kind.IGNORED, op, buf[i + 2 : end]), end
        return _unknown(buf, i, 2)
    return _unknown(buf, i, 1)


def _parse_dle(buf: bytes, i: int) -> tuple[Command, int]:
    _need(buf, i + 2)
    op = buf[i + 1]
    if op == 0x04:
        _need(buf, i + 3)
        n = buf[i + 2]
        end = i + 4 if n in (7, 8) else i + 3
        _need(buf, end)
        return Command(Kind.REALTIME_STATUS, n), end
    if op == 0x05:
        _need(buf, i + 3)
        return Command(Kind.REALTIME_REQUEST, buf[i + 2]), i + 3
    if op == 0x14:
        _need(buf, i + 3)
        fn = buf[i + 2]
        end = i + {1: 5, 2: 5, 7: 4, 8: 9}.get(fn, 3)
        _need(buf, end)
        return Command(Kind.IGNORED, fn, buf[i:end]), end
    return _unknown(buf, i, 1)


def _parse_esc(buf: bytes, i: int) -> tuple[Command, int]:
    _need(buf, i + 2)
    op = buf[i + 1]
    if op == ord("*"):  # bit image: m nL nH d1..dk
        _need(buf, i + 5)
        m, n = buf[i + 2], _u16(buf, i + 3)
        end = i + 5 + n * (3 if m in (32, 33) else 1)
        _need(buf, end)
        return Command(Kind.IGNORED, op, buf[i + 5 : end]), end
    if op == ord("D"):  # tab stops, NUL-terminated (at most 32)
        j = i + 2
        while j < len(buf) and buf[j] != 0 and j - i < 34:
            j += 1
        _need(buf, j + 1)
        return Command(Kind.IGNORED, op), j + 1
    fixed = _fixed(buf, i, _ESC_PARAMS)
    if fixed is None:
        return _unknown(buf, i, 2)
    end, arg = fixed
    kind = _ESC_KINDS.get(op)
    if kind is Kind.ALIGN:
        arg = arg - 48 if arg >= 48 else arg  # ESC a accepts 0-2 and '0'-'2'
    if kind is Kind.BOLD:
        arg &= 1
    if kind is None:
        return Command(Kind.IGNORED, op, buf[i + 2 : end]), end
    return Command(kind, arg), end


def _parse_gs(buf: bytes, i: int) -> tuple[Command, int]:
    _need(buf, i + 2)
    op = buf[i + 1]
    if op == ord("V"):
        _need(buf, i + 3)
        m = buf[i + 2]
        end = i + 4 if m in (65, 66, 97, 98, 103, 104) else i + 3
        _need(buf, end)
        partial = m in (1, 49, 66, 98, 104)
        return Command(Kind.CUT, int(partial)), end
    if op == ord("v"):  # GS v 0 m xL xH yL yH d...
        _need(buf, i + 8)
        if buf[i + 2] != ord("0"):
            return _unknown(buf, i, 3)
        x, y = _u16(buf, i + 4), _u16(buf, i + 6)
        if x == 0 or x * y > MAX_PAYLOAD:
            return _unknown(buf, i, 8)
        end = i + 8 + x * y
        _need(buf, end)
        return Command(Kind.RASTER, x, buf[i + 8 : end]), end
    if op == ord("("):
        _need(buf, i + 5)
        fn_letter, n = buf[i + 2], _u16(buf, i + 3)
        end = i + 5 + n
        if n > MAX_PAYLOAD:
            return _unknown(buf, i, 5)
        _need(buf, end)
        body = buf[i + 5 : end]
        if fn_letter == ord("k") and len(body) >= 2 and body[0] == 49:
            return _qr(body[1], body[2:]), end
        return Command(Kind.IGNORED, fn_letter, body), end
    if op == ord("k"):
        _need(buf, i + 3)
        m = buf[i + 2]
        if m <= 6:
            j = buf.find(b"\x00", i + 3, i + 3 + 256)
            if j < 0:
                _need(buf, i + 3 + 256)  # not terminated within a sane length
                return _unknown(buf, i, 3)
            return Command(Kind.BARCODE, m, buf[i + 3 : j]), j + 1
        _need(buf, i + 4)
        end = i + 4 + buf[i + 3]
        _need(buf, end)
        return Command(Kind.BARCODE, m, buf[i + 4 : end]), end
    if op == ord("*"):  # define downloaded bit image: x y d1..d(x*y*8)
        _need(buf, i + 4)
        end = i + 4 + buf[i + 2] * buf[i + 3] * 8
        _need(buf, end)
        return Command(Kind.IGNORED, op), end
    fixed = _fixed(buf, i, _GS_PARAMS)
    if fixed is None:
        return _unknown(buf, i, 2)
    end, arg = fixed
    kind = _GS_KINDS.get(op, Kind.IGNORED)
    return Command(kind, arg, buf[i + 2 : end] if kind is Kind.IGNORED else b""), end


def _qr(fn: int, params: bytes) -> Command:
    if fn == 65:
        return Command(Kind.QR_MODEL, params[0] if params else 0)
    if fn == 67 and params:
        return Command(Kind.QR_SIZE, params[0])
    if fn == 69 and params:
        return Command(Kind.QR_EC, params[0])
    if fn == 80 and params:
        return Command(Kind.QR_STORE, data=params[1:])
    if fn == 81:
        return Command(Kind.QR_PRINT)
    return Command(Kind.IGNORED, fn, params)
