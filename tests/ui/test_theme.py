"""Physical sizes and contrast of the citizen screens."""

from __future__ import annotations

import math

import pytest
from PySide6.QtGui import QFont, QFontMetrics
from pytestqt.qtbot import QtBot

from kiosk.config.schema import UiSettings
from ui.app import application, configure_font
from ui.theme import CJK_LINE_RATIO, KEY_BORDER_PX, TEXT_PAIRS, Theme, contrast

# Noto Sans CJK: capital height ≈ 0.733 em.
CAP_HEIGHT_EM = 0.733


@pytest.mark.parametrize("name", sorted(TEXT_PAIRS))
def test_text_contrast_at_least_7_to_1(name: str) -> None:
    """4.5:1 is the floor; large-type mode asks 7:1, and both modes share the palette."""
    fg, bg = TEXT_PAIRS[name]
    assert contrast(fg, bg) >= 7.0, name


def test_contrast_formula_matches_wcag_reference_values() -> None:
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


@pytest.mark.parametrize("large", [False, True])
def test_targets_at_least_15_mm_on_a_21_5_inch_panel(large: bool) -> None:
    theme = Theme.from_settings(UiSettings(), large)
    mm_per_px = 1 / theme.px_per_mm
    assert theme.target_px * mm_per_px >= 15.0
    assert theme.primary_px * mm_per_px >= 20.0
    if large:
        assert theme.target_px * mm_per_px >= 20.0


def test_body_text_readable_at_one_metre() -> None:
    """Capital height of body text subtends at least 16 arcmin (ISO 9241-303 minimum) at 1 m."""
    theme = Theme.from_settings(UiSettings(), False)
    cap_mm = theme.body_px * CAP_HEIGHT_EM / theme.px_per_mm
    arcmin = math.degrees(2 * math.atan(cap_mm / 2 / 1000)) * 60
    assert arcmin >= 16
    assert theme.small_px >= theme.body_px  # no smaller text anywhere


def test_large_type_scales_text() -> None:
    normal = Theme.from_settings(UiSettings(), False)
    large = Theme.from_settings(UiSettings(), True)
    assert large.body_px == round(normal.body_px * 1.5)
    assert large.tile_grid[0] < normal.tile_grid[0]


def test_mm_conversion_uses_the_configured_panel() -> None:
    theme = Theme.from_settings(UiSettings(panel_diagonal_in=21.5), False)
    assert theme.mm(15) == 61  # 1920×1080 at 21.5": 4.03 px/mm
    big = Theme.from_settings(UiSettings(panel_diagonal_in=32), False)
    assert big.mm(15) == 41


@pytest.mark.parametrize("large", [False, True])
def test_key_labels_fit_inside_the_smallest_key(large: bool) -> None:
    theme = Theme.from_settings(UiSettings(), large)
    inside = theme.target_px - 2 * KEY_BORDER_PX
    assert theme.key_px * CJK_LINE_RATIO <= inside
    assert theme.key_px <= theme.heading_px
    assert theme.key_px >= theme.body_px  # still larger than body text


def test_the_line_ratio_is_the_installed_cjk_font_s(qtbot: QtBot) -> None:
    """CJK_LINE_RATIO is what Noto Sans CJK needs per line; another font would break the sum."""
    font = QFont(configure_font(application()))
    font.setPixelSize(100)
    assert QFontMetrics(font).height() <= 100 * CJK_LINE_RATIO


@pytest.mark.parametrize("large", [False, True])
def test_typed_text_is_the_largest_on_the_page(large: bool) -> None:
    theme = Theme.from_settings(UiSettings(), large)
    assert theme.entry_px > theme.heading_px
    normal = Theme.from_settings(UiSettings(), False)
    assert theme.entry_px >= normal.entry_px  # 长辈版 never shrinks it
