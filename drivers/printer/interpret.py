"""What ESC/POS commands put on paper: printer state plus the printed blocks.

:class:`PaperInterpreter` applies tokenized commands the way a printer does
(alignment, bold, character size, Chinese mode) and yields printed blocks:
text lines, raster images, QR codes, feeds and cuts. The simulator records
them; the renderer draws them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from drivers.printer.stream import Command, Kind


@dataclass(frozen=True, slots=True)
class TextLine:
    text: str
    align: int = 0
    bold: bool = False
    width: int = 1
    height: int = 1


@dataclass(frozen=True, slots=True)
class RasterBlock:
    width_bytes: int
    rows: int
    data: bytes  # 1 bit per dot, set = black, rows of width_bytes
    align: int = 0


@dataclass(frozen=True, slots=True)
class QrBlock:
    data: str
    module_dots: int = 3
    error_correction: int = 48
    align: int = 0


@dataclass(frozen=True, slots=True)
class FeedBlock:
    lines: int = 0
    dots: int = 0


@dataclass(frozen=True, slots=True)
class CutBlock:
    partial: bool = True


Block = TextLine | RasterBlock | QrBlock | FeedBlock | CutBlock


def decode_text(raw: bytes, cjk: bool) -> str:
    """Decode printed bytes: GB18030 in Chinese mode, code page 437 otherwise."""
    return raw.decode("gb18030" if cjk else "cp437", errors="replace")


@dataclass(slots=True)
class PaperInterpreter:
    """Printer state machine for the print path (no real-time commands here)."""

    default_cjk: bool = False
    align: int = 0
    bold: bool = False
    width: int = 1
    height: int = 1
    cjk: bool = False
    _text: bytearray = field(default_factory=bytearray)
    _qr_data: bytes = b""
    _qr_size: int = 3
    _qr_ec: int = 48

    def __post_init__(self) -> None:
        self.cjk = self.default_cjk

    def reset(self) -> None:
        self.align, self.bold, self.width, self.height = 0, False, 1, 1
        self.cjk = self.default_cjk
        self._text.clear()

    def _flush(self) -> list[Block]:
        if not self._text:
            return []
        line = TextLine(
            decode_text(bytes(self._text), self.cjk), self.align, self.bold, self.width, self.height
        )
        self._text.clear()
        return [line]

    def apply(self, cmd: Command) -> list[Block]:
        k = cmd.kind
        if k is Kind.TEXT:
            self._text += cmd.data
            return []
        if k is Kind.LF:
            if not self._text:
                return [TextLine("", self.align, self.bold, self.width, self.height)]
            return self._flush()
        if k is Kind.INIT:
            self.reset()
            return []
        if k is Kind.ALIGN:
            self.align = cmd.value if cmd.value in (0, 1, 2) else self.align
            return []
        if k is Kind.BOLD:
            self.bold = bool(cmd.value & 1)
            return []
        if k is Kind.MODE:
            self.bold = bool(cmd.value & 0x08)
            self.height = 2 if cmd.value & 0x10 else 1
            self.width = 2 if cmd.value & 0x20 else 1
            return []
        if k is Kind.SIZE:
            self.width = ((cmd.value >> 4) & 7) + 1
            self.height = (cmd.value & 7) + 1
            return []
        if k is Kind.CJK:
            self.cjk = bool(cmd.value)
            return []
        if k is Kind.FEED:
            return [*self._flush(), FeedBlock(lines=cmd.value)]
        if k is Kind.FEED_DOTS:
            return [*self._flush(), FeedBlock(dots=cmd.value)]
        if k is Kind.RASTER:
            rows = len(cmd.data) // cmd.value if cmd.value else 0
            return [*self._flush(), RasterBlock(cmd.value, rows, cmd.data, self.align)]
        if k is Kind.QR_SIZE:
            self._qr_size = cmd.value
            return []
        if k is Kind.QR_EC:
            self._qr_ec = cmd.value
            return []
        if k is Kind.QR_STORE:
            self._qr_data = cmd.data
            return []
        if k is Kind.QR_PRINT:
            if not self._qr_data:
                return self._flush()
            text = self._qr_data.decode("utf-8", errors="replace")
            return [*self._flush(), QrBlock(text, self._qr_size, self._qr_ec, self.align)]
        if k is Kind.CUT:
            return [*self._flush(), CutBlock(bool(cmd.value))]
        return []


def interpret(commands: list[Command], *, default_cjk: bool = False) -> list[Block]:
    paper = PaperInterpreter(default_cjk=default_cjk)
    blocks: list[Block] = []
    for cmd in commands:
        blocks.extend(paper.apply(cmd))
    return blocks
