"""The window's layout for its panel: the home grid and the side-by-side rows.

Called on each text-size switch; rows are fitted only when the window first
learns its panel (the panel does not change while the kiosk runs).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ui.widgets.reflow import PORTRAIT, fit

if TYPE_CHECKING:
    from ui.main_window import KioskWindow
    from ui.theme import Theme


def fit_panel(window: KioskWindow, theme: Theme) -> None:
    if window.property(PORTRAIT) != theme.portrait:
        window.setProperty(PORTRAIT, theme.portrait)
        fit(window)
    window.home.set_grid(*theme.tile_grid)
    window.home.set_spacing(theme.mm(4))
