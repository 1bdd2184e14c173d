"""The window's layout for its panel: the home grid, side-by-side rows, sizes in mm.

Called on each text-size switch; rows, sizes and margins are fitted only when the
window first learns its panel (the panel does not change while the kiosk runs).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ui.panel import REFERENCE_PX_PER_MM
from ui.widgets.reflow import PORTRAIT, SCALE, fit

if TYPE_CHECKING:
    from ui.main_window import KioskWindow
    from ui.theme import Theme


def fit_panel(window: KioskWindow, theme: Theme) -> None:
    scale = theme.px_per_mm / REFERENCE_PX_PER_MM
    if window.property(PORTRAIT) != theme.portrait or window.property(SCALE) != scale:
        window.setProperty(PORTRAIT, theme.portrait)
        window.setProperty(SCALE, scale)
        fit(window)
    window.home.set_grid(*theme.tile_grid)
    window.home.set_spacing(theme.mm(4))
