"""Pictures of the paper: Chinese drawn with real glyphs, QR codes readable, raster kept."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import zxingcpp
from PIL import Image

from drivers.printer.document import Slip
from drivers.printer.encoder import EncoderOptions, SlipEncoder
from drivers.printer.on_simulator import SimulatedEscposPrinter
from drivers.printer.render import MARGIN, render, save_png

SLIP = (
    Slip()
    .text("居民身份证补领", size=2, bold=True, align="center")
    .text("受理凭条", bold=True, align="center")
    .separator()
    .text("受理编号：A2026000123", bold=True)
    .text("申请人：阿依古丽·买买提")
    .text("生僻字：张𠈌")
    .qr("https://example.gov.cn/p/A2026000123")
    .text("终端：KIOSK-001", align="right")
    .cut()
)


def ink(img: Image.Image) -> np.ndarray:
    return np.asarray(img.convert("L")) < 128


def paper_of(img: Image.Image) -> Image.Image:
    """The paper strip without the grey surround."""
    return img.crop((2 * MARGIN, 2 * MARGIN, img.width - 2 * MARGIN, img.height - 2 * MARGIN))


def test_png_of_a_slip_has_chinese_and_a_readable_qr(tmp_path: Path) -> None:
    path = save_png(SLIP, tmp_path / "out" / "slip.png")
    img = Image.open(path)
    assert img.format == "PNG" and img.width == 576 + 4 * MARGIN
    found = zxingcpp.read_barcodes(img, formats=zxingcpp.BarcodeFormat.QRCode)
    assert [r.text for r in found] == ["https://example.gov.cn/p/A2026000123"]
    rows = ink(paper_of(img)).any(axis=1)
    assert rows.sum() > 200  # many inked rows: title, lines, QR


def test_distinct_characters_get_distinct_glyphs() -> None:
    """A missing font would draw the same empty box for every character."""
    glyphs = [ink(render(Slip().text(ch).cut())) for ch in ("中", "国", "·", "𠈌")]
    for i, a in enumerate(glyphs):
        assert a.sum() > 20
        for b in glyphs[i + 1 :]:
            assert a.shape != b.shape or (a != b).any()


def test_bold_and_double_size_take_more_ink() -> None:
    cut_mark = ink(render(Slip().cut())).sum()
    plain = ink(render(Slip().text("凭条").cut())).sum() - cut_mark
    bold = ink(render(Slip().text("凭条", bold=True).cut())).sum() - cut_mark
    big = ink(render(Slip().text("凭条", size=2).cut())).sum() - cut_mark
    assert plain < bold and 3 * plain < big


def test_recorded_slip_and_raw_bytes_render_like_the_slip(tmp_path: Path) -> None:
    printer = SimulatedEscposPrinter(SimulatedEscposPrinter.Settings())
    printer.open()
    try:
        assert printer.print_slip(SLIP).printed
        assert printer.simulator is not None
        [doc] = printer.simulator.model.wait_for_documents(1)
    finally:
        printer.close()
    from_slip = np.asarray(render(SLIP))
    assert (np.asarray(render(doc)) == from_slip).all()
    data = SlipEncoder(EncoderOptions()).encode(SLIP)
    assert (np.asarray(render(data)) == from_slip).all()
    assert save_png(doc, tmp_path / "doc.png").stat().st_size > 1000


def test_narrow_paper() -> None:
    img = render(SLIP, paper_width_dots=384)
    assert img.width == 384 + 4 * MARGIN
