"""The simulated certificate as a real A4 PDF (fpdf2, LGPL-3.0, used unmodified as a library).

fpdf2 embeds a subset of an OpenType/CFF collection such as Noto Sans CJK, which
the Chinese text needs; the font is found on the machine at run time
(:mod:`offline_queue.sim.cjk_font`). The page carries the title, the person's
masked details, the period, a table of synthetic figures, the certificate number,
the verification code and URL (also as a QR code) and a red, visibly marked seal
area: the kiosk prints the page as it is and never draws a seal itself.
"""

from __future__ import annotations

import ast
import functools
import hashlib
import tempfile
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import qrcode
from fpdf import FPDF
from fpdf.enums import XPos, YPos

from offline_queue.sim.cjk_font import find_cjk_font
from offline_queue.sim.font_subset import subset_face

if TYPE_CHECKING:
    from offline_queue.sim.certificates import CertificateRequest

FONT = "cjk"
SEAL_RED = (200, 16, 32)
#: At most this many month rows; a longer period is summed in one line below them.
TABLE_ROWS = 12


def mask_id(number: str) -> str:
    """``110105198001010019`` → ``1101**********0019``."""
    return (
        number[:4] + "*" * max(0, len(number) - 8) + number[-4:]
        if len(number) > 8
        else "*" * len(number)
    )


def mask_name(name: str) -> str:
    """``张三`` → ``张*``, ``欧阳娜娜`` → ``欧***``."""
    return name[:1] + "*" * (len(name) - 1)


@functools.cache
def _fixed_chars() -> frozenset[str]:
    """Every character of this module's string literals: the text each certificate prints."""
    tree = ast.parse(Path(__file__).read_text(encoding="utf-8"))
    return frozenset(
        "".join(
            n.value
            for n in ast.walk(tree)
            if isinstance(n, ast.Constant) and isinstance(n.value, str)
        )
    )


def _chars(req: CertificateRequest) -> frozenset[str]:
    """What this certificate can print beyond ASCII: the fixed text, its kind and the name."""
    return _fixed_chars() | frozenset(req.kind.title + req.kind.issuer + mask_name(req.name))


def _months(req: CertificateRequest) -> list[tuple[int, int]]:
    if req.period is None:
        return []
    (y, m), last = req.period
    out = []
    while (y, m) <= last:
        out.append((y, m))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def _monthly_fen(id_number: str, kind: str) -> int:
    """A stable, made-up monthly figure for this person and kind."""
    digest = hashlib.sha256(f"{kind}:{id_number}".encode()).digest()
    return 30_000 + int.from_bytes(digest[:3], "big") % 120_000


def _yuan(fen: int) -> str:
    return f"{fen // 100:,}.{fen % 100:02d}"


def render_certificate(
    req: CertificateRequest, number: str, code: str, verify_url: str, issued_at: datetime
) -> bytes:
    """The certificate as PDF bytes (one A4 page)."""
    # fpdf2 takes a font file: the small face lives as long as this document.
    with tempfile.TemporaryDirectory(prefix="certificate-font-") as folder:
        font = Path(folder) / "face.otf"
        font.write_bytes(subset_face(find_cjk_font(), _chars(req)))
        return _render(req, number, code, verify_url, issued_at, font)


def _render(
    req: CertificateRequest,
    number: str,
    code: str,
    verify_url: str,
    issued_at: datetime,
    font: Path,
) -> bytes:
    pdf = FPDF(orientation="P", unit="mm", format="A4")
    pdf.set_title(req.kind.title)  # metadata carries no personal data
    pdf.set_creator("kiosk platform simulator")
    pdf.set_auto_page_break(False)
    pdf.add_font(FONT, fname=str(font))
    pdf.add_page()
    width = pdf.w - pdf.l_margin - pdf.r_margin

    def line(text: str, size: float = 12, height: float = 8, align: str = "L") -> None:
        pdf.set_font(FONT, size=size)
        pdf.cell(width, height, text, align=align, new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    pdf.set_y(28)
    line(req.kind.title, size=22, height=14, align="C")
    line("（模拟平台出具 · 仅供演示）", size=10, height=6, align="C")
    pdf.ln(6)
    line(f"证明编号：{number}")
    line(f"姓　　名：{mask_name(req.name)}")
    line(f"证件号码：{mask_id(req.id_number)}")
    months = _months(req)
    if months:
        (y0, m0), (y1, m1) = months[0], months[-1]
        line(f"证明期间：{y0}年{m0:02d}月 至 {y1}年{m1:02d}月（共 {len(months)} 个月）")
    else:
        line(f"参保（登记）状态：截至 {issued_at:%Y年%m月%d日} 正常")
    pdf.ln(4)
    _table(pdf, req, months, width)
    pdf.ln(6)
    pdf.set_font(FONT, size=11)
    pdf.multi_cell(
        width, 7,
        "兹证明上述人员信息与本平台登记记录一致。本证明可通过下方验证码或扫描二维码核验真伪，"
        "涂改、复印无效。",
    )  # fmt: skip
    _verification(pdf, code, verify_url, issued_at)
    _seal(pdf, req.kind.issuer)
    return bytes(pdf.output())


def _table(pdf: FPDF, req: CertificateRequest, months: list[tuple[int, int]], width: float) -> None:
    monthly = _monthly_fen(req.id_number, req.kind.code)
    pdf.set_font(FONT, size=11)
    pdf.set_fill_color(235, 235, 235)
    cols = (width * 0.4, width * 0.3, width * 0.3)
    for w, text in zip(cols, ("项目 / 月份", "基数（元）", "金额（元）"), strict=True):
        pdf.cell(w, 8, text, border=1, align="C", fill=True)
    pdf.ln(8)
    rows = [(f"{y}年{m:02d}月", _yuan(monthly * 5), _yuan(monthly)) for y, m in months]
    if not months:
        rows = [("参保险种", "—", "—"), (req.kind.title, "正常", "—")]
    for label, base, amount in rows[:TABLE_ROWS]:
        for w, text in zip(cols, (label, base, amount), strict=True):
            pdf.cell(w, 7, text, border=1, align="C")
        pdf.ln(7)
    if months:
        total = f"合计 {len(months)} 个月：{_yuan(monthly * len(months))} 元"
        pdf.cell(width, 8, total, border=1, align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def _verification(pdf: FPDF, code: str, verify_url: str, issued_at: datetime) -> None:
    top = 232.0
    qr = qrcode.QRCode(border=1, box_size=4)
    qr.add_data(verify_url)
    pdf.image(qr.make_image().get_image(), x=pdf.l_margin, y=top, w=32, h=32)
    pdf.set_xy(pdf.l_margin + 36, top)
    pdf.set_font(FONT, size=12)
    pdf.cell(0, 7, f"验证码：{code}", new_x=XPos.LEFT, new_y=YPos.NEXT)
    pdf.set_font(FONT, size=10)
    pdf.cell(0, 7, f"出具时间：{issued_at:%Y-%m-%d %H:%M:%S}", new_x=XPos.LEFT, new_y=YPos.NEXT)
    pdf.set_font(FONT, size=8)
    pdf.multi_cell(100, 5, f"验证网址：{verify_url}", new_x=XPos.LEFT, new_y=YPos.NEXT)


def _seal(pdf: FPDF, issuer: str) -> None:
    """A red circle, marked as the seal area, with the issuing office beneath it."""
    size, x, y = 42.0, pdf.w - pdf.r_margin - 46, 222.0
    pdf.set_draw_color(*SEAL_RED)
    pdf.set_text_color(*SEAL_RED)
    pdf.set_line_width(1.2)
    pdf.ellipse(x, y, size, size, style="D")
    pdf.set_line_width(0.3)
    pdf.ellipse(x + 3, y + 3, size - 6, size - 6, style="D")
    pdf.set_font(FONT, size=20)
    pdf.set_xy(x, y + 12)
    pdf.cell(size, 10, "★", align="C")
    pdf.set_font(FONT, size=9)
    pdf.set_xy(x, y + 24)
    pdf.cell(size, 6, "电子印章区域", align="C")
    pdf.set_xy(x - 20, y + size + 2)
    pdf.cell(size + 40, 6, issuer, align="C")
    pdf.set_text_color(0, 0, 0)
    pdf.set_draw_color(0, 0, 0)
