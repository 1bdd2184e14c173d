"""Slip → ESC/POS bytes, byte for byte: Chinese mode + GB18030, drawn rare characters, QR."""

from __future__ import annotations

import numpy as np
import pytest
import zxingcpp
from PIL import Image

from drivers.printer import cjk
from drivers.printer.document import Slip
from drivers.printer.encoder import EncoderOptions, SlipEncoder
from drivers.printer.interpret import QrBlock, RasterBlock, TextLine, interpret
from drivers.printer.stream import Kind, parse_all

INIT_CJK = bytes.fromhex("1b40 1c26")
PLAIN = bytes.fromhex("1b6100 1b4500 1d2100")  # align left, bold off, normal size
AUTO_CUT = bytes.fromhex("1b6403 1d564200")  # feed 3 lines, partial cut


def encode(slip: Slip, **options: object) -> bytes:
    return SlipEncoder(EncoderOptions(**options)).encode(slip)  # type: ignore[arg-type]


def raster_image(block: RasterBlock) -> Image.Image:
    """A raster block as a mode "L" picture (black ink on white)."""
    bits = np.unpackbits(np.frombuffer(block.data, dtype=np.uint8))
    dots = bits.reshape(block.rows, block.width_bytes * 8)
    return Image.fromarray(np.where(dots == 1, 0, 255).astype(np.uint8), "L")


def test_chinese_line_is_sent_in_chinese_mode_as_gb18030() -> None:
    data = encode(Slip().text("中文·：A1"))
    # 中 D6D0, 文 CEC4, middle dot A1A4, full-width colon A3BA, then ASCII.
    assert data == INIT_CJK + PLAIN + bytes.fromhex("d6d0 cec4 a1a4 a3ba 4131 0a") + AUTO_CUT


def test_middle_dot_and_full_width_colon_are_not_lost() -> None:
    data = encode(Slip().text("阿依古丽·买买提").text("受理编号：A123"))
    lines = [b.text for b in interpret(parse_all(data)) if isinstance(b, TextLine)]
    assert lines == ["阿依古丽·买买提", "受理编号：A123"]
    assert b"?" not in data


def test_size_bold_and_alignment_bytes() -> None:
    data = encode(Slip().text("凭条", size=2, bold=True, align="center").cut(partial=False))
    assert data == INIT_CJK + bytes.fromhex("1b6101 1b4501 1d2111 c6be ccf5 0a 1b6403 1d564100")


def test_width_and_height_set_separately() -> None:
    data = encode(Slip().text("A", width=3, height=2))
    assert bytes.fromhex("1d2121") in data  # (3-1) << 4 | (2-1)


def test_control_characters_print_as_spaces() -> None:
    data = encode(Slip().text("A\x1b@B\nC\x10\x04\x01"))
    assert data == INIT_CJK + PLAIN + b"A @B C   \n" + AUTO_CUT


def test_long_line_wraps_at_the_paper_edge_by_cells() -> None:
    # 58 mm paper: 384 dots = 32 half cells = 16 Chinese characters.
    data = encode(Slip().text("汉" * 20), paper_width_dots=384)
    lines = [b.text for b in interpret(parse_all(data)) if isinstance(b, TextLine)]
    assert lines == ["汉" * 16, "汉" * 4]


def test_separator_spans_the_paper() -> None:
    data = encode(Slip().separator("="), paper_width_dots=384)
    assert data == INIT_CJK + PLAIN + b"=" * 32 + b"\n" + AUTO_CUT


def test_no_chinese_mode_when_disabled_and_chinese_is_then_drawn() -> None:
    data = encode(Slip().text("ABC").text("中"), cjk_mode=False)
    assert data.startswith(bytes.fromhex("1b40 1b6100"))
    assert b"\x1c&" not in data and "中".encode("gb18030") not in data
    blocks = interpret(parse_all(data))
    assert [b.text for b in blocks if isinstance(b, TextLine)] == ["ABC"]
    assert any(isinstance(b, RasterBlock) for b in blocks)


def test_rare_extension_b_character_is_drawn_as_a_raster_image() -> None:
    data = encode(Slip().text("张𠈌"))
    # No GB18030 text for that line at all: neither the 4-byte code nor a stand-in.
    assert "𠈌".encode("gb18030") not in data and "张".encode("gb18030") not in data
    assert not [c for c in parse_all(data) if c.kind is Kind.TEXT]
    header = bytes.fromhex("1d763000 4800 1e00")  # GS v 0, 72 bytes (576 dots) x 30 rows
    start = INIT_CJK + bytes.fromhex("1b6100") + header
    assert data.startswith(start) and data.endswith(AUTO_CUT)
    assert len(data) == len(start) + 72 * 30 + len(AUTO_CUT)
    [block] = [b for b in interpret(parse_all(data)) if isinstance(b, RasterBlock)]
    ink = np.asarray(raster_image(block)) < 128
    cols = np.flatnonzero(ink.any(axis=0))
    # Two 24-dot cells drawn at the left edge, the second one (the rare character) inked.
    assert cols.min() < 24 and 24 <= cols.max() < 48
    assert ink[:, 24:48].sum() > 40


def test_rare_character_follows_the_line_alignment() -> None:
    data = encode(Slip().text("𠈌", align="right"), paper_width_dots=384)
    [block] = [b for b in interpret(parse_all(data)) if isinstance(b, RasterBlock)]
    cols = np.flatnonzero((np.asarray(raster_image(block)) < 128).any(axis=0))
    assert cols.min() >= 384 - 24


@pytest.mark.parametrize("text", ["€1", "㑇"])  # 2-byte GB18030 codes a GBK font lacks
def test_two_byte_gb18030_outside_gbk_is_drawn(text: str) -> None:
    data = encode(Slip().text(text))
    assert text.encode("gb18030") not in data
    assert any(isinstance(b, RasterBlock) for b in interpret(parse_all(data)))
    assert encode(Slip().text(text), charset="gb18030").count(text.encode("gb18030")) == 1


def test_gb18030_printer_prints_extension_b_natively() -> None:
    data = encode(Slip().text("张𠈌"), charset="gb18030")
    assert "张𠈌".encode("gb18030") + b"\n" in data


def test_missing_font_is_a_typed_error() -> None:
    def no_fonts() -> cjk.CjkFonts:
        raise cjk.CjkFontMissing("no font")

    encoder = SlipEncoder(EncoderOptions(), fonts=no_fonts)
    assert encoder.encode(Slip().text("中")).startswith(INIT_CJK)  # no font needed
    with pytest.raises(cjk.CjkFontMissing) as info:
        encoder.encode(Slip().text("𠈌"))
    assert info.value.code == "PRINTER_NO_CJK_FONT"


def test_native_qr_is_gs_paren_k() -> None:
    data = encode(Slip().qr("ABC", module_dots=6, error_correction="M").cut())
    qr = bytes.fromhex(
        "1b6101"  # centre
        "1d286b 0400 31 41 3200"  # model 2
        "1d286b 0300 31 43 06"  # module size 6 dots
        "1d286b 0300 31 45 31"  # error correction M
        "1d286b 0600 31 50 30 414243"  # store "ABC"
        "1d286b 0300 31 51 30"  # print
        "0a"
    )
    assert data == INIT_CJK + qr + AUTO_CUT
    [block] = [b for b in interpret(parse_all(data)) if isinstance(b, QrBlock)]
    assert (block.data, block.module_dots, block.error_correction, block.align) == (
        "ABC",
        6,
        49,
        1,
    )


def test_qr_with_chinese_payload_is_stored_as_utf8() -> None:
    data = encode(Slip().qr("受理：A1"))
    payload = "受理：A1".encode()
    n = len(payload) + 3
    assert bytes((0x1D, 0x28, 0x6B, n, 0, 49, 80, 48)) + payload in data


def test_image_qr_for_printers_without_native_qr_decodes() -> None:
    data = encode(Slip().qr("https://example.gov.cn/p/A2026000123"), native_qr=False)
    assert b"\x1d(k" not in data
    [block] = [b for b in interpret(parse_all(data)) if isinstance(b, RasterBlock)]
    found = zxingcpp.read_barcodes(raster_image(block), formats=zxingcpp.BarcodeFormat.QRCode)
    assert [r.text for r in found] == ["https://example.gov.cn/p/A2026000123"]


def test_picture_is_scaled_to_the_paper_and_dithered() -> None:
    gradient = Image.linear_gradient("L").resize((1000, 40))
    data = encode(Slip().image(gradient), paper_width_dots=384)
    [block] = [b for b in interpret(parse_all(data)) if isinstance(b, RasterBlock)]
    assert block.width_bytes == 48 and block.rows == 15  # 1000x40 scaled to 384 wide
    ink = np.asarray(raster_image(block)) < 128
    assert 0.2 < ink.mean() < 0.8  # dithered grey, not a solid block


def test_tall_raster_is_split_into_blocks() -> None:
    tall = Image.new("L", (100, 600), 0)
    commands = [c for c in parse_all(encode(Slip().image(tall))) if c.kind is Kind.RASTER]
    assert [len(c.data) // c.value for c in commands] == [256, 256, 88]


def test_explicit_cut_is_not_doubled_and_auto_cut_can_be_off() -> None:
    slip = Slip().text("A").feed(2).cut()
    assert encode(slip).endswith(bytes.fromhex("1b6402") + AUTO_CUT)
    assert encode(slip).count(b"\x1dV") == 1
    plain = SlipEncoder(EncoderOptions()).encode(Slip().text("A"), auto_cut=False)
    assert plain == INIT_CJK + PLAIN + b"A\n"
