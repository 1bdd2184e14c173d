"""How the layout follows the panel: its pixel density and its orientation.

Pure functions, no Qt: the theme and the window ask them, tests call them directly.
``body_font_px`` is the body size on the reference panel (21.5" full HD, the
default); on another panel body text keeps that physical size, so it reads the
same at 1 m on a dense 4K panel and does not crowd a coarse 1280×720 one.
"""

from __future__ import annotations

import math

#: The panel ``body_font_px`` is chosen for: 1920×1080 at 21.5", about 4.03 px/mm.
REFERENCE_PX_PER_MM = math.hypot(1920, 1080) / (21.5 * 25.4)
#: Below this, CJK glyphs lose strokes whatever their physical size.
MIN_BODY_PX = 18


def px_per_mm(width_px: int, height_px: int, diagonal_in: float) -> float:
    return math.hypot(width_px, height_px) / (diagonal_in * 25.4)


def body_px(body_font_px: int, density: float) -> int:
    """Body text in pixels on a panel of ``density`` px/mm: the reference size in mm."""
    return max(MIN_BODY_PX, round(body_font_px * density / REFERENCE_PX_PER_MM))


def is_portrait(width_px: int, height_px: int) -> bool:
    """An upright panel (the 1080×1920 政务一体机): side-by-side parts stack."""
    return height_px > width_px


def tile_grid(portrait: bool, large_type: bool) -> tuple[int, int]:
    """(columns, rows) of service tiles on one home page.

    Upright, a row is about half as wide and the panel twice as tall: fewer
    columns, more rows, each tile about as wide as on a landscape panel.
    """
    if portrait:
        return (1, 4) if large_type else (2, 4)
    return (2, 2) if large_type else (3, 3)
