"""Turn a :class:`~drivers.printer.document.Slip` into ESC/POS bytes.

Chinese is sent in the printer's Chinese mode (``FS &``) as GB18030 bytes we
encode ourselves; a line holding a character the printer's font lacks is
drawn with a CJK font and sent as a raster image (``GS v 0``). QR codes are
native (``GS ( k``) or, for printers without it, raster images.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import qrcode
import qrcode.constants
from PIL import Image

from drivers.printer import cjk
from drivers.printer.document import (
    Align,
    Cut,
    Element,
    Feed,
    Picture,
    QrCode,
    Separator,
    Slip,
    Text,
)

ESC = b"\x1b"
GS = b"\x1d"
FS = b"\x1c"
LF = b"\n"

INIT = ESC + b"@"
CJK_ON = FS + b"&"
CJK_OFF = FS + b"."
#: ``GS r 1``: the printer answers once it has processed everything before it.
COMPLETION_QUERY = GS + b"r\x01"
#: ``DLE ENQ 2``: recover from an error and clear the receive and print buffers.
CLEAR_BUFFERS = b"\x10\x05\x02"

_ALIGN = {Align.LEFT: 0, Align.CENTER: 1, Align.RIGHT: 2}
_QR_EC = {"L": 48, "M": 49, "Q": 50, "H": 51}
_QR_EC_LIB = {
    "L": qrcode.constants.ERROR_CORRECT_L,
    "M": qrcode.constants.ERROR_CORRECT_M,
    "Q": qrcode.constants.ERROR_CORRECT_Q,
    "H": qrcode.constants.ERROR_CORRECT_H,
}
#: Default line pitch (30 dots) minus the 24-dot character cell.
LINE_GAP_DOTS = 6
#: Rows per ``GS v 0`` block; small blocks suit printers with small buffers.
RASTER_BLOCK_ROWS = 256


@dataclass(frozen=True, slots=True)
class EncoderOptions:
    paper_width_dots: int = 576
    charset: cjk.FontCharset = "gbk"
    cjk_mode: bool = True
    native_qr: bool = True


def align(a: Align) -> bytes:
    return ESC + b"a" + bytes((_ALIGN[a],))


def bold(on: bool) -> bytes:
    return ESC + b"E" + (b"\x01" if on else b"\x00")


def char_size(width: int, height: int) -> bytes:
    return GS + b"!" + bytes((((width - 1) << 4) | (height - 1),))


def feed(lines: int) -> bytes:
    return ESC + b"d" + bytes((lines,))


def cut(partial: bool) -> bytes:
    # Function B: feed to the cutting position, then cut.
    return GS + b"V" + (b"B" if partial else b"A") + b"\x00"


def _gs_k(fn: int, payload: bytes) -> bytes:
    n = len(payload) + 2
    return GS + b"(k" + bytes((n & 0xFF, n >> 8, 49, fn)) + payload


def qr_native(q: QrCode) -> bytes:
    data = q.data.encode("utf-8")
    return b"".join(
        (
            align(q.align),
            _gs_k(65, b"\x32\x00"),  # model 2
            _gs_k(67, bytes((q.module_dots,))),
            _gs_k(69, bytes((_QR_EC[q.error_correction],))),
            _gs_k(80, b"\x30" + data),  # store
            _gs_k(81, b"\x30"),  # print
            LF,
        )
    )


def qr_image(q: QrCode) -> Image.Image:
    code = qrcode.QRCode(
        error_correction=_QR_EC_LIB[q.error_correction], box_size=q.module_dots, border=2
    )
    code.add_data(q.data.encode("utf-8"))
    code.make(fit=True)
    return code.make_image(fill_color="black", back_color="white").get_image().convert("L")


def to_paper(
    img: Image.Image, paper_width_dots: int, a: Align, *, dither: bool = False
) -> Image.Image:
    """Scale down to fit and place on a paper-wide white strip, aligned; returns mode "1".

    Photos want dithering; text and QR codes want a clean threshold.
    """
    img = img.convert("L")
    if img.width > paper_width_dots:
        h = max(1, round(img.height * paper_width_dots / img.width))
        img = img.resize((paper_width_dots, h), Image.Resampling.LANCZOS)
    strip = Image.new("L", (paper_width_dots, img.height), 255)
    x = {Align.LEFT: 0, Align.CENTER: (paper_width_dots - img.width) // 2}.get(
        a, paper_width_dots - img.width
    )
    strip.paste(img, (x, 0))
    mode = Image.Dither.FLOYDSTEINBERG if dither else Image.Dither.NONE
    return strip.convert("1", dither=mode)


def raster(img: Image.Image) -> bytes:
    """``GS v 0`` blocks for a mode "1" image; a set bit prints a dot."""
    width_bytes = (img.width + 7) // 8
    padded = Image.new("1", (width_bytes * 8, img.height), 1)
    padded.paste(img, (0, 0))
    # PIL packs mode "1" with 1 = white; ESC/POS wants 1 = black.
    data = bytes(b ^ 0xFF for b in padded.tobytes())
    out = []
    for top in range(0, img.height, RASTER_BLOCK_ROWS):
        rows = min(RASTER_BLOCK_ROWS, img.height - top)
        block = data[top * width_bytes : (top + rows) * width_bytes]
        header = GS + b"v0\x00" + bytes((width_bytes & 0xFF, width_bytes >> 8))
        out.append(header + bytes((rows & 0xFF, rows >> 8)) + block)
    return b"".join(out)


class SlipEncoder:
    """Encodes slips for one printer; the CJK font is loaded only when a line needs it."""

    def __init__(
        self,
        options: EncoderOptions,
        fonts: Callable[[], cjk.CjkFonts] = cjk.default_fonts,
    ) -> None:
        self.options = options
        self._fonts = fonts

    @property
    def line_cells(self) -> int:
        """Line width in half cells (12-dot single-width characters)."""
        return self.options.paper_width_dots // cjk.ANK_DOTS

    def encode(self, slip: Slip, *, auto_cut: bool = True) -> bytes:
        parts = [INIT]
        if self.options.cjk_mode:
            parts.append(CJK_ON)
        for element in slip.elements:
            parts.append(self.element(element))
        if auto_cut and not slip.ends_with_cut:
            parts.append(self.element(Cut()))
        return b"".join(parts)

    def element(self, e: Element) -> bytes:
        if isinstance(e, Text):
            return self.text(e)
        if isinstance(e, Separator):
            return (
                align(Align.LEFT)
                + bold(False)
                + char_size(1, 1)
                + e.char.encode() * (self.line_cells)
                + LF
            )
        if isinstance(e, QrCode):
            if self.options.native_qr:
                return qr_native(e)
            return raster(to_paper(qr_image(e), self.options.paper_width_dots, e.align))
        if isinstance(e, Picture):
            return raster(to_paper(e.image, self.options.paper_width_dots, e.align, dither=True))
        if isinstance(e, Feed):
            return feed(e.lines)
        if isinstance(e, Cut):
            return feed(3) + cut(e.partial)
        raise TypeError(f"not a slip element: {e!r}")

    def text(self, t: Text) -> bytes:
        content = cjk.sanitize(t.text)
        lines = cjk.wrap_cells(content, self.line_cells // t.width)
        if cjk.line_printable_natively(content, self.options.charset) and (
            self.options.cjk_mode or content.isascii()
        ):
            body = b"".join(cjk.encode_gb18030(line) + LF for line in lines)
            return align(t.align) + bold(t.bold) + char_size(t.width, t.height) + body
        fonts = self._fonts()
        images = []
        for line in lines:
            drawn = cjk.draw_text(fonts, line, width=t.width, height=t.height, bold=t.bold)
            # Pad to the printer's default 30-dot line pitch so drawn lines sit
            # like native ones.
            pitched = Image.new("L", (drawn.width, drawn.height + LINE_GAP_DOTS), 255)
            pitched.paste(drawn, (0, LINE_GAP_DOTS // 2))
            images.append(raster(to_paper(pitched, self.options.paper_width_dots, t.align)))
        return align(Align.LEFT) + b"".join(images)
