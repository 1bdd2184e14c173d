"""Chinese text: what the printer's own font can print, and drawing the rest.

Chinese thermal printers carry a GB2312 or GBK font (about 7k or 21k
characters) in Chinese mode (``FS &``). Characters outside it (CJK Ext-A/B
name characters, most of which are 4-byte GB18030 sequences) come out as ``?``
or garbage, so a line holding one is drawn with a CJK outline font and sent
as a raster image instead.

Fonts are found through fontconfig (``fc-match`` / ``fc-list``) or known
paths; Debian's ``fonts-noto-cjk`` is the expected one. A missing font is a
:class:`CjkFontMissing` error naming what to install.
"""

from __future__ import annotations

import functools
import logging
import shutil
import subprocess
import threading
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from PIL import Image, ImageDraw, ImageFont

from drivers.base import DeviceError

log = logging.getLogger(__name__)

FontCharset = Literal["gb2312", "gbk", "gb18030"]

#: Height of one native character cell in printer dots (24x24 kanji, 12x24 ANK).
CELL_DOTS = 24
ANK_DOTS = 12

_KNOWN_FONTS: tuple[tuple[str, int], ...] = (
    ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 2),
    ("/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc", 2),
    ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0),
    ("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf", 0),
)
_KNOWN_BOLD_FONTS: tuple[tuple[str, int], ...] = (
    ("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc", 2),
    ("/usr/share/fonts/noto-cjk/NotoSansCJK-Bold.ttc", 2),
)


class CjkFontMissing(DeviceError):
    """No font able to draw Chinese is installed or configured."""

    code = "PRINTER_NO_CJK_FONT"


def sanitize(text: str) -> str:
    """Replace control characters (C0, C1, DEL, line breaks) with spaces."""
    return "".join(
        " " if unicodedata.category(ch) in ("Cc", "Zl", "Zp") or ch == "\ufeff" else ch
        for ch in text
    )


def printable_natively(ch: str, charset: FontCharset) -> bool:
    """Whether the printer's resident font (of ``charset``) has ``ch``."""
    if ch.isascii():
        return 0x20 <= ord(ch) < 0x7F
    if 0xD800 <= ord(ch) <= 0xDFFF:
        return False
    if charset == "gb18030":
        return True
    try:
        encoded = ch.encode("gb18030")
    except UnicodeEncodeError:
        return False
    # 4-byte GB18030 sequences are never in a GBK or GB2312 font; 2-byte ones
    # may still be outside it (Ext-A characters mapped into the 0xFE rows).
    if len(encoded) != 2:
        return False
    try:
        ch.encode(charset)
    except UnicodeEncodeError:
        return False
    return True


def line_printable_natively(text: str, charset: FontCharset) -> bool:
    return all(printable_natively(ch, charset) for ch in text)


def encode_gb18030(text: str) -> bytes:
    """Encode text the printer prints natively (check :func:`printable_natively` first)."""
    return text.encode("gb18030")


def cell_width(ch: str) -> int:
    """Width in half cells: 1 for single-byte (ASCII) characters, 2 for the rest."""
    return 1 if ch.isascii() else 2


def text_cells(text: str) -> int:
    return sum(cell_width(ch) for ch in text)


def wrap_cells(text: str, max_cells: int) -> list[str]:
    """Split ``text`` into lines of at most ``max_cells`` half cells (never empty)."""
    if max_cells < 2:
        raise ValueError("a line must hold at least one double-width character")
    lines: list[str] = []
    current: list[str] = []
    used = 0
    for ch in text:
        w = cell_width(ch)
        if used + w > max_cells:
            lines.append("".join(current))
            current, used = [], 0
        current.append(ch)
        used += w
    lines.append("".join(current))
    return lines


# ---------------------------------------------------------------- fonts


@dataclass(frozen=True, slots=True)
class FontSource:
    path: str
    index: int = 0


def _fc(args: list[str]) -> str:
    exe = shutil.which(args[0])
    if exe is None:
        return ""
    try:
        done = subprocess.run(
            [exe, *args[1:]], capture_output=True, text=True, timeout=10, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return ""
    return done.stdout


def _parse_fc_line(line: str) -> FontSource | None:
    path, _, index = line.strip().partition("|")
    if not path or not Path(path).is_file():
        return None
    return FontSource(path, int(index) if index.isdigit() else 0)


def _candidates(bold: bool) -> list[FontSource]:
    style = ":style=Bold" if bold else ":style=Regular"
    found: list[FontSource] = []
    for pattern in (f"Noto Sans CJK SC{style}", f"sans-serif:lang=zh-cn{style}"):
        src = _parse_fc_line(_fc(["fc-match", "-f", "%{file}|%{index}", pattern]))
        if src is not None:
            found.append(src)
    known = (_KNOWN_BOLD_FONTS if bold else ()) + _KNOWN_FONTS
    found.extend(FontSource(p, i) for p, i in known if Path(p).is_file())
    return found


def _notdef_mask(font: ImageFont.FreeTypeFont) -> bytes:
    return bytes(font.getmask("\U0010fffd"))


def has_glyph(font: ImageFont.FreeTypeFont, ch: str) -> bool:
    """True when ``font`` draws ``ch`` with its own glyph rather than the notdef box."""
    if ch.isspace():
        return True
    return bytes(font.getmask(ch)) != _notdef_mask(font)


@functools.lru_cache(maxsize=64)
def _load(path: str, index: int, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(path, size, index=index)


class CjkFonts:
    """A primary CJK font plus per-character fallbacks found through fontconfig."""

    def __init__(self, path: str | None = None, index: int = 0) -> None:
        self._lock = threading.Lock()
        self._fallback: dict[str, FontSource | None] = {}
        if path is not None:
            if not Path(path).is_file():
                raise CjkFontMissing(f"configured raster font {path!r} does not exist")
            self.regular = FontSource(path, index)
            self.bold = self.regular
        else:
            self.regular = self._pick(bold=False)
            bold = [c for c in _candidates(bold=True) if self._draws_chinese(c)]
            self.bold = bold[0] if bold else self.regular
        self.synthetic_bold = self.bold == self.regular

    @staticmethod
    def _draws_chinese(src: FontSource) -> bool:
        try:
            return has_glyph(_load(src.path, src.index, CELL_DOTS), "中")
        except OSError:
            return False

    def _pick(self, *, bold: bool) -> FontSource:
        for src in _candidates(bold):
            if self._draws_chinese(src):
                return src
        raise CjkFontMissing(
            "no CJK font found for drawing Chinese characters the printer lacks: "
            "install one (Debian: apt install fonts-noto-cjk) or set raster_font_path"
        )

    def font(self, size: int, *, bold: bool = False) -> ImageFont.FreeTypeFont:
        src = self.bold if bold else self.regular
        return _load(src.path, src.index, size)

    def font_for(self, ch: str, size: int, *, bold: bool = False) -> ImageFont.FreeTypeFont:
        """The font to draw ``ch`` with: the primary one, else any installed font that has it."""
        primary = self.font(size, bold=bold)
        if has_glyph(primary, ch):
            return primary
        with self._lock:
            if ch not in self._fallback:
                self._fallback[ch] = self._search(ch)
            src = self._fallback[ch]
        if src is None:
            log.warning("no installed font has a glyph for one character on a slip")
            return primary
        return _load(src.path, src.index, size)

    @staticmethod
    def _search(ch: str) -> FontSource | None:
        out = _fc(["fc-list", f":charset={ord(ch):x}", "--format", "%{file}|%{index}\n"])
        for line in out.splitlines():
            src = _parse_fc_line(line)
            if src is not None:
                try:
                    if has_glyph(_load(src.path, src.index, CELL_DOTS), ch):
                        return src
                except OSError:
                    continue
        return None

    def runs(self, text: str, size: int, *, bold: bool) -> list[tuple[str, ImageFont.FreeTypeFont]]:
        """Split ``text`` into runs that share one font."""
        runs: list[tuple[str, ImageFont.FreeTypeFont]] = []
        for ch in text:
            f = self.font_for(ch, size, bold=bold)
            if runs and runs[-1][1] is f:
                runs[-1] = (runs[-1][0] + ch, f)
            else:
                runs.append((ch, f))
        return runs


@functools.lru_cache(maxsize=4)
def default_fonts(path: str | None = None, index: int = 0) -> CjkFonts:
    """Shared font set (font discovery runs fontconfig once per process)."""
    return CjkFonts(path, index)


def draw_text(
    fonts: CjkFonts,
    text: str,
    *,
    width: int,
    height: int,
    bold: bool,
) -> Image.Image:
    """Draw one line as the printer would: cells of 12x24 dots scaled by width/height.

    Returns an "L" image (black text on white) exactly ``text_cells * 12 * width``
    dots wide and ``24 * height`` dots high.
    """
    size = CELL_DOTS * height
    line = Image.new("L", (max(1, text_cells(text) * ANK_DOTS * height), size), 255)
    draw = ImageDraw.Draw(line)
    x = 0
    for ch in text:
        f = fonts.font_for(ch, size, bold=bold)
        cell = cell_width(ch) * ANK_DOTS * height
        # The ideographic em box spans 0.88 em above the baseline to 0.12 below,
        # so this baseline puts an ideograph exactly in its cell.
        stroke = 1 if bold and fonts.synthetic_bold else 0
        draw.text((x + cell / 2, size * 0.88), ch, font=f, fill=0, anchor="ms", stroke_width=stroke)
        x += cell
    if width != height:
        line = line.resize((text_cells(text) * ANK_DOTS * width, size), Image.Resampling.LANCZOS)
    return line
