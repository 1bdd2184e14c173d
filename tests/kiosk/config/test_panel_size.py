"""`kiosk demo --panel WxH`: the size read from the command line, the configuration on it."""

from __future__ import annotations

import argparse

import pytest

from kiosk.config.panel import panel_size, with_panel
from kiosk.config.schema import load_config


def test_a_size_is_width_by_height() -> None:
    assert panel_size("1080x1920") == (1080, 1920)
    assert panel_size(" 3840×2160 ") == (3840, 2160)


@pytest.mark.parametrize("text", ["1080", "1080x", "x1920", "big", "10x20", "1080x1920x2"])
def test_anything_else_is_a_usage_error(text: str) -> None:
    with pytest.raises(argparse.ArgumentTypeError, match="WIDTHxHEIGHT"):
        panel_size(text)


def test_the_configuration_on_another_panel_keeps_everything_else() -> None:
    config = load_config()
    upright = with_panel(config, (1080, 1920))
    assert (upright.ui.panel_width_px, upright.ui.panel_height_px) == (1080, 1920)
    assert upright.ui.panel_diagonal_in == config.ui.panel_diagonal_in
    assert upright.services == config.services
    assert (config.ui.panel_width_px, config.ui.panel_height_px) == (1920, 1080)  # untouched
