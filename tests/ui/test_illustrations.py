"""The SVG illustrations: one set per hardware layout, each valid, drawn, and marking its target.

Every picture a step page or a prompt names exists for every layout (its own, or the
default layout's drawing), parses with QtSvg and draws something at a small and a
large size.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QImage, QPainter
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from kiosk.config.hardware import DEFAULT_LAYOUT, HARDWARE_LAYOUTS
from kiosk.flow.fingerprint import FINGERS
from ui.illustrations import HERE, ILLUSTRATIONS, TARGET_ID, place_text, svg_bytes, svg_path
from ui.steps.pages import page_classes
from ui.widgets.illustration import Illustration
from ui.widgets.take_items import TakeItemsPrompt

#: Pictures no page shows yet.
FOR_COMING_STEPS: set[str] = set()


def named_by_the_screens(qtbot: QtBot) -> set[str]:
    """Every picture a step page or the take-your-things prompt can show."""
    parent = QWidget()
    qtbot.addWidget(parent)
    names = {f"fingerprint_{finger}" for finger in FINGERS}  # the page switches per finger
    pages = [cls(parent) for cls in page_classes().values()]
    for widget in [*pages, TakeItemsPrompt(parent)]:
        names |= {picture.what for picture in widget.findChildren(Illustration)}
    return names


def test_every_picture_the_screens_name_is_drawn(qtbot: QtBot) -> None:
    named = named_by_the_screens(qtbot)
    assert named <= set(ILLUSTRATIONS)
    expected = {"id_card_reader", "id_card_take", "slip_outlet", "scan_code", "camera_look"}
    assert expected | {"pay_show_code", "pay_scan_qr", "fingerprint_left_index"} <= named
    assert set(ILLUSTRATIONS) - named == FOR_COMING_STEPS


@pytest.mark.parametrize("layout", HARDWARE_LAYOUTS)
@pytest.mark.parametrize("name", ILLUSTRATIONS)
def test_each_picture_is_valid_and_drawn_at_two_sizes(layout: str, name: str) -> None:
    renderer = QSvgRenderer(svg_bytes(name, layout))
    assert renderer.isValid(), f"{svg_path(name, layout)} does not parse"
    assert renderer.elementExists(TARGET_ID), "the part that matters is not marked"
    for width, height in ((160, 120), (1600, 1200)):
        image = QImage(width, height, QImage.Format.Format_ARGB32)
        image.fill(0)
        painter = QPainter(image)
        renderer.render(painter, QRectF(0, 0, width, height))
        painter.end()
        step = max(1, width // 80)
        drawn = sum(
            image.pixelColor(x, y).alpha() > 0
            for x in range(0, width, step)
            for y in range(0, height, step)
        )
        assert drawn > (width // step) * (height // step) // 10, f"{name} is nearly empty"


def test_the_drawings_hold_no_text_and_no_outside_references() -> None:
    for path in HERE.glob("*/*.svg"):
        text = path.read_text(encoding="utf-8")
        assert "<text" not in text, f"{path}: words belong in Qt labels, both languages"
        assert "href" not in text, f"{path}: one self-contained file"
        assert path.stem in ILLUSTRATIONS, f"{path}: named by nobody"
        assert path.parent.name in HARDWARE_LAYOUTS, f"{path}: no such layout"


def test_the_default_layout_draws_everything() -> None:
    for name in ILLUSTRATIONS:
        assert (HERE / DEFAULT_LAYOUT / f"{name}.svg").is_file()


def test_a_layout_without_its_own_drawing_falls_back_to_the_default() -> None:
    other = next(layout for layout in HARDWARE_LAYOUTS if layout != DEFAULT_LAYOUT)
    # A phone scanning the screen looks the same on every cabinet: drawn once.
    assert not (HERE / other / "pay_scan_qr.svg").exists()
    assert svg_path("pay_scan_qr", other) == HERE / DEFAULT_LAYOUT / "pay_scan_qr.svg"
    assert svg_path("id_card_reader", other) == HERE / other / "id_card_reader.svg"
    assert svg_bytes("id_card_reader", other) != svg_bytes("id_card_reader", DEFAULT_LAYOUT)


def test_unknown_names_and_layouts_are_refused() -> None:
    with pytest.raises(ValueError, match="no illustration"):
        svg_path("card_on_the_moon", DEFAULT_LAYOUT)
    with pytest.raises(ValueError, match="desk-21"):
        svg_path("id_card_reader", "kiosk-9000")


@pytest.mark.parametrize("layout", HARDWARE_LAYOUTS)
def test_every_layout_says_where_its_devices_are(layout: str) -> None:
    assert place_text(layout)
