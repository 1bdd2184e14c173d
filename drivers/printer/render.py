"""Draw ESC/POS output as a picture of the paper, for people to look at.

``render(source)`` takes the bytes of a job (e.g. ``RecordedSlip.raw`` from the
simulator), a recorded slip or a :class:`Slip`, interprets it as a printer
would (Chinese mode, sizes, bold, alignment, raster images, native QR codes,
cuts) and returns a PIL image at one pixel per printer dot (203 dpi).
``save_png`` writes it. The kiosk demo saves one per printed slip.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import qrcode
import qrcode.constants
from PIL import Image, ImageDraw

from drivers.printer import cjk
from drivers.printer.document import Slip
from drivers.printer.encoder import EncoderOptions, SlipEncoder
from drivers.printer.interpret import (
    Block,
    CutBlock,
    FeedBlock,
    QrBlock,
    RasterBlock,
    TextLine,
    interpret,
)
from drivers.printer.model import RecordedSlip
from drivers.printer.stream import parse_all

PAPER = 250  # off-white thermal paper
INK = 20
LINE_PITCH = 30  # default ESC/POS line spacing in dots
MARGIN = 16
_EC = {
    48: qrcode.constants.ERROR_CORRECT_L,
    49: qrcode.constants.ERROR_CORRECT_M,
    50: qrcode.constants.ERROR_CORRECT_Q,
    51: qrcode.constants.ERROR_CORRECT_H,
}


def _x(align: int, paper: int, width: int) -> int:
    return {1: (paper - width) // 2, 2: paper - width}.get(align, 0)


class _Paper:
    """Collects strips (one per printed block) and stacks them."""

    def __init__(self, width: int, fonts: cjk.CjkFonts | None) -> None:
        self.width = width
        self._fonts = fonts
        self.strips: list[Image.Image] = []

    @property
    def fonts(self) -> cjk.CjkFonts:
        if self._fonts is None:
            self._fonts = cjk.default_fonts()
        return self._fonts

    def blank(self, height: int) -> None:
        if height > 0:
            self.strips.append(Image.new("L", (self.width, height), PAPER))

    def place(self, img: Image.Image, align: int, pad: int = 0) -> None:
        strip = Image.new("L", (self.width, img.height + 2 * pad), PAPER)
        if img.width > self.width:
            img = img.crop((0, 0, self.width, img.height))
        strip.paste(img, (_x(align, self.width, img.width), pad))
        self.strips.append(strip)

    def text(self, b: TextLine) -> None:
        pitch = max(LINE_PITCH, cjk.CELL_DOTS * b.height + 6)
        if not b.text:
            self.blank(pitch)
            return
        max_cells = max(2, self.width // (cjk.ANK_DOTS * b.width))
        for line in cjk.wrap_cells(b.text, max_cells):
            drawn = cjk.draw_text(self.fonts, line, width=b.width, height=b.height, bold=b.bold)
            ink = drawn.point(lambda v: PAPER - (PAPER - INK) * (255 - v) // 255)
            self.place(ink, b.align, pad=(pitch - drawn.height) // 2)

    def raster(self, b: RasterBlock) -> None:
        if not b.rows:
            return
        bits = bytes(v ^ 0xFF for v in b.data[: b.width_bytes * b.rows])
        img = Image.frombytes("1", (b.width_bytes * 8, b.rows), bits).convert("L")
        self.place(img.point(lambda v: PAPER if v else INK), b.align)

    def qr(self, b: QrBlock) -> None:
        code = qrcode.QRCode(
            error_correction=_EC.get(b.error_correction, qrcode.constants.ERROR_CORRECT_M),
            box_size=max(1, min(b.module_dots, 16)),
            border=0,
        )
        code.add_data(b.data.encode("utf-8"))
        code.make(fit=True)
        img = code.make_image(fill_color="black", back_color="white").get_image().convert("L")
        self.place(img.point(lambda v: PAPER if v > 127 else INK), b.align, pad=8)

    def cut(self, b: CutBlock) -> None:
        strip = Image.new("L", (self.width, 24), PAPER)
        draw = ImageDraw.Draw(strip)
        dash = 6 if b.partial else 12
        for x in range(0, self.width, dash * 2):
            draw.line([(x, 12), (x + dash, 12)], fill=110, width=2)
        draw.polygon([(0, 4), (14, 12), (0, 20)], fill=60)  # scissors mark at the edge
        self.strips.append(strip)

    def add(self, block: Block) -> None:
        if isinstance(block, TextLine):
            self.text(block)
        elif isinstance(block, RasterBlock):
            self.raster(block)
        elif isinstance(block, QrBlock):
            self.qr(block)
        elif isinstance(block, FeedBlock):
            self.blank(block.lines * LINE_PITCH + block.dots)
        elif isinstance(block, CutBlock):
            self.cut(block)

    def image(self) -> Image.Image:
        height = sum(s.height for s in self.strips) + 2 * MARGIN
        out = Image.new("RGB", (self.width + 4 * MARGIN, height + 2 * MARGIN), (205, 208, 212))
        paper = Image.new("L", (self.width + 2 * MARGIN, height), PAPER)
        y = MARGIN
        for strip in self.strips:
            paper.paste(strip, (MARGIN, y))
            y += strip.height
        out.paste(paper.convert("RGB"), (MARGIN, MARGIN))
        return out


def render(
    source: bytes | Slip | RecordedSlip,
    *,
    paper_width_dots: int = 576,
    options: EncoderOptions | None = None,
    fonts: cjk.CjkFonts | None = None,
) -> Image.Image:
    """Picture of the paper the printer would produce from ``source``."""
    if isinstance(source, Slip):
        opts = options or EncoderOptions(paper_width_dots=paper_width_dots)
        paper_width_dots = opts.paper_width_dots
        source = SlipEncoder(opts).encode(source)
    # A recorded slip carries its blocks already interpreted with the printer's
    # state (Chinese mode may have been set by an earlier slip of the same job).
    blocks = source.blocks if isinstance(source, RecordedSlip) else interpret(parse_all(source))
    paper = _Paper(paper_width_dots, fonts)
    for block in blocks:
        paper.add(block)
    return paper.image()


def save_png(source: bytes | Slip | RecordedSlip, path: str | Path, **kwargs: Any) -> Path:
    """Render ``source`` and write it as a PNG file; returns the path."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    render(source, **kwargs).save(target, format="PNG")
    return target
