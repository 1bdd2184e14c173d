"""The project's pictures of where things are on the kiosk, one set per hardware layout.

Hand-written SVG files in ``<layout>/<name>.svg`` (flat, large shapes, no text, so
both languages share them). Each marks the part that matters (the reader, the
slot, the camera) with ``id="target"``, which a picture can pulse while the kiosk
waits there. A layout without its own drawing of something uses the default
layout's: a phone scanning the screen looks the same on every cabinet.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from kiosk.config.hardware import DEFAULT_LAYOUT, HARDWARE_LAYOUTS

HERE = Path(__file__).resolve().parent

# What each picture shows; the steps and prompts name them.
ILLUSTRATIONS = (
    "id_card_reader",  # where the ID card goes
    "id_card_take",  # the ID card still on the reader: take it
    "camera_look",  # where the camera is; the face in the oval
    "fingerprint_right_index",  # which finger on the fingerprint reader
    "fingerprint_left_index",
    "slip_outlet",  # where the slip comes out
    "scan_code",  # the slip's code over the scanner window
    "pay_show_code",  # the phone's payment code over the scanner window
    "pay_scan_qr",  # the phone scanning the QR on the screen
    "dispenser_gate",  # take the new card from the dispenser's gate
    "a4_tray",  # take the certificate from the A4 tray
)

# The element every picture marks as the place that matters.
TARGET_ID = "target"


def svg_path(name: str, layout: str) -> Path:
    """The drawing of ``name`` for ``layout``, or the default layout's when it has none."""
    if name not in ILLUSTRATIONS:
        raise ValueError(f"no illustration {name!r}")
    if layout not in HARDWARE_LAYOUTS:
        raise ValueError(f"no hardware layout {layout!r} (known: {', '.join(HARDWARE_LAYOUTS)})")
    own = HERE / layout / f"{name}.svg"
    return own if own.is_file() else HERE / DEFAULT_LAYOUT / f"{name}.svg"


@cache
def svg_bytes(name: str, layout: str) -> bytes:
    """The file, read once per process (pages redraw it often)."""
    return svg_path(name, layout).read_bytes()


def layout_of(widget: QWidget) -> str:
    """The hardware layout of the kiosk ``widget`` is shown in; the default outside one."""
    core = getattr(widget.window(), "core", None)
    config = getattr(core, "config", None)
    layout = getattr(getattr(config, "ui", None), "hardware_layout", None)
    return layout if isinstance(layout, str) else DEFAULT_LAYOUT


def place_text(layout: str) -> str:
    """Where the devices are, as the instructions say it ("请将身份证平放在屏幕右侧的读卡区")."""
    # English puts the place after the device ("the reader right of the screen").
    places = {
        "desk-21": QCoreApplication.translate("Illustration", "屏幕右侧"),
        "upright-32": QCoreApplication.translate("Illustration", "屏幕下方"),
    }
    return places[layout]
