"""The layout's rules for a panel, without a window: density, orientation, the home grid."""

from __future__ import annotations

import pytest

from kiosk.config.schema import UiSettings
from ui import panel
from ui.theme import Theme

PANELS = [(1280, 720), (1920, 1080), (3840, 2160), (1080, 1920)]


@pytest.mark.parametrize(("width", "height"), PANELS)
@pytest.mark.parametrize("large", [False, True])
def test_text_and_targets_keep_their_millimetres_on_every_panel(
    width: int, height: int, large: bool
) -> None:
    reference = Theme.from_settings(UiSettings(), large)
    theme = Theme.from_settings(UiSettings(panel_width_px=width, panel_height_px=height), large)
    body_mm = theme.body_px / theme.px_per_mm
    assert body_mm == pytest.approx(reference.body_px / reference.px_per_mm, rel=0.04)
    assert theme.target_px / theme.px_per_mm >= (20.0 if large else 15.0)
    assert theme.primary_px / theme.px_per_mm >= (25.0 if large else 20.0)


def test_body_text_never_below_the_smallest_clear_cjk_size() -> None:
    coarse = UiSettings(panel_width_px=1280, panel_height_px=720, panel_diagonal_in=32)
    assert Theme.from_settings(coarse, False).body_px == panel.MIN_BODY_PX


def test_the_reference_panel_keeps_the_configured_body_size() -> None:
    assert Theme.from_settings(UiSettings(body_font_px=30), False).body_px == 30


def test_an_upright_panel_has_fewer_columns_and_more_rows() -> None:
    assert panel.is_portrait(1080, 1920) and not panel.is_portrait(1920, 1080)
    for large in (False, True):
        wide, tall = panel.tile_grid(False, large), panel.tile_grid(True, large)
        assert tall[0] < wide[0] and tall[1] > wide[1]
    upright = Theme.from_settings(UiSettings(panel_width_px=1080, panel_height_px=1920), False)
    assert upright.portrait and upright.tile_grid == panel.tile_grid(True, False)
