"""The panel's size in pixels as a command line gives it ("1080x1920"), and a config on it."""

from __future__ import annotations

import argparse
import re

from kiosk.config.schema import KioskConfig

_SIZE = re.compile(r"^\s*(\d{3,5})\s*[x×]\s*(\d{3,5})\s*$")


def panel_size(text: str) -> tuple[int, int]:
    """"1080x1920" → (1080, 1920); an argparse type, so a bad value is a usage error."""
    match = _SIZE.match(text)
    if match is None:
        raise argparse.ArgumentTypeError(f"{text!r} is not WIDTHxHEIGHT in pixels, e.g. 1080x1920")
    return int(match[1]), int(match[2])


def with_panel(config: KioskConfig, size: tuple[int, int]) -> KioskConfig:
    """``config`` on a panel of ``size`` pixels; its diagonal and everything else kept."""
    width, height = size
    ui = config.ui.model_copy(update={"panel_width_px": width, "panel_height_px": height})
    return config.model_copy(update={"ui": ui})
