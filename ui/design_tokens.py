"""The citizen screens' design tokens: colours, type scale, spacing, radii, line widths, targets.

Every citizen screen and widget takes its sizes and colours from here (through
:class:`ui.theme.Theme`'s stylesheet, or :func:`px` for layout margins), never as
literals; ``tests/ui/test_design_tokens.py`` greps for strays. Lengths are in
millimetres on the configured panel, so a larger or denser panel keeps the same
physical sizes; 长辈版 scales the type (and the targets) by the configured factor.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

# ---------------------------------------------------------------- colours
# Text pairs are checked against WCAG contrast in tests (>= 7:1 for text).
INK = "#1a1a1a"
PAPER = "#f4f6fa"
SURFACE = "#ffffff"
PRIMARY = "#084a8f"
ON_PRIMARY = "#ffffff"
MUTED_INK = "#3d4450"
DISABLED_BG = "#e3e6eb"
DISABLED_INK = "#3f444c"
ALERT_INK = "#8b1519"
SUCCESS_INK = "#14532d"  # the success tick and done steps: ≥ 7:1 on white
BAR_BG = "#0b3d73"
OUTLINE = "#5c6678"  # button outlines: ≥ 3:1 against white (WCAG 1.4.11)
TILE_BORDER = "#c5ccd6"  # a tile's edge, decoration only (the tile is its own target)
ON_BAR = "#ffffff"
DEMO_BG = "#ffd23f"  # the demo marker: amber, unlike anything a real kiosk shows
SCRIM = "rgba(0, 0, 0, 150)"  # behind a dialog: the page stays visible but quiet
CAMERA_BACKDROP = "#20262e"
CAMERA_GUIDE = "#ffffff"
CAMERA_GUIDE_OK = "#2fbf5b"
QR_DARK = "#000000"  # a QR code is black on white for every scanner
QR_LIGHT = "#ffffff"
ATTENTION_GLOW = "#f59f00"  # an illustration's part that is working now (card read, QR waiting)

TEXT_PAIRS: dict[str, tuple[str, str]] = {
    "body": (INK, PAPER),
    "tile": (INK, SURFACE),
    "tile_muted": (MUTED_INK, SURFACE),
    "primary_button": (ON_PRIMARY, PRIMARY),
    "disabled_tile": (DISABLED_INK, DISABLED_BG),
    "disabled_reason": (ALERT_INK, DISABLED_BG),
    "top_bar": (ON_BAR, BAR_BG),
    "demo_badge": (INK, DEMO_BG),
    "alert": (ALERT_INK, SURFACE),
    "success": (SUCCESS_INK, SURFACE),
    "step_done": (SUCCESS_INK, PAPER),
    "step_current": (ON_PRIMARY, PRIMARY),
    "step_to_come": (MUTED_INK, PAPER),
}

# ---------------------------------------------------------------- type scale
#: Text sizes as multiples of body text. Nothing is smaller than body text: all of it
#: reads at 1 m. 长辈版 multiplies body text by ``ui.large_type_factor``.
TYPE_SCALE: dict[str, float] = {
    "body": 1.0,
    "small": 1.0,
    "button": 1.15,
    "tile_name": 1.2,
    "tile_name_large": 1.1,  # 长辈版: the larger body text leaves less room in a tile
    "heading": 1.45,
    "display": 1.45 * 1.6,  # countdowns, the reference number
}

#: Line height of the CJK font (Noto Sans CJK: ascent + descent) per pixel of size.
CJK_LINE_RATIO = 1.45

# ---------------------------------------------------------------- spacing, radii, lines
#: Spacing scale, millimetres.
SPACE_MM: dict[str, float] = {"xs": 1, "s": 2, "m": 3, "l": 4, "xl": 6, "xxl": 10}
#: Corner radii, millimetres.
RADIUS_MM: dict[str, float] = {"s": 2, "m": 3, "l": 4}
#: Line widths in device pixels: outlines stay crisp, whatever the panel.
LINE_PX: dict[str, int] = {"thin": 2, "bold": 3, "heavy": 4, "flash": 12}

# ---------------------------------------------------------------- targets and fixed sizes
#: Shortest side of a touch target in 长辈版 (the normal one is ``ui.min_target_mm``).
LARGE_TARGET_MM = 20.0
#: Height of a primary action, normal and 长辈版.
PRIMARY_MM = 20.0
LARGE_PRIMARY_MM = 25.0
#: Shapes that do not follow the text: codes to scan, pictures, the camera's preview.
SIZE_MM: dict[str, tuple[float, float]] = {
    "qr_pay": (90, 90),
    "qr_slip": (80, 80),
    "qr_min": (60, 60),
    "sketch_small": (40, 30),
    "sketch_large": (80, 60),
    "picture_small": (70, 52),  # an illustration beside its line (e.g. each way to pay)
    "picture_large": (100, 75),  # an illustration on its own (under a waiting QR, take items)
    "camera_min": (80, 60),
    "camera_thumb": (45, 55),
    "tile_icon": (12, 12),  # recognisable from a metre, smaller than the name beside it
}

#: The default panel (21.5" 1920×1080) until the window names the configured one.
_DEFAULT_PX_PER_MM = math.hypot(1920, 1080) / (21.5 * 25.4)


@dataclass
class _Panel:
    px_per_mm: float = _DEFAULT_PX_PER_MM


_panel = _Panel()


def use_panel(px_per_mm: float) -> None:
    """The configured panel's density; the window sets it before building its pages."""
    _panel.px_per_mm = px_per_mm


def px(mm: float) -> int:
    """Millimetres on the panel in device pixels (rounded up: a target never shrinks)."""
    return math.ceil(mm * _panel.px_per_mm)


def space(name: str) -> int:
    """A step of the spacing scale in pixels.

    Its millimetres on the reference panel and denser ones. On a coarser panel
    body text is held at its legible minimum (``ui.panel.MIN_BODY_PX``), so it
    is larger in mm than on the reference; the gaps give that room back,
    shrinking with the density (a 1280×720 21.5" panel: two thirds).
    """
    return round(px(SPACE_MM[name]) * _coarser())


def reference_gap(reference_px: int) -> int:
    """A gap given in pixels of the reference panel (Qt's own layout defaults), scaled
    as the spacing scale is: its millimetres, less on a coarser panel."""
    ratio = _panel.px_per_mm / _DEFAULT_PX_PER_MM
    return round(reference_px * ratio * _coarser())


def _coarser() -> float:
    return min(1.0, _panel.px_per_mm / _DEFAULT_PX_PER_MM)


def size(name: str) -> tuple[int, int]:
    """A fixed shape (``SIZE_MM``) in pixels."""
    w, h = SIZE_MM[name]
    return px(w), px(h)
