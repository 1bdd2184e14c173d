"""The faces the screens draw with are held for the process's life (ui/font_pins)."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from ui import font_pins, icons
from ui.app import configure_font


def test_the_cjk_family_is_held_in_both_weights_the_stylesheets_use(qapp: QApplication) -> None:
    family = configure_font(qapp)
    held = font_pins.held()
    assert (family, QFont.Weight.Normal) in held
    assert (family, QFont.Weight.Bold) in held


def test_the_icon_font_is_held_once_it_is_loaded(qapp: QApplication) -> None:
    configure_font(qapp)
    icons.load()
    families = {family for family, _ in font_pins.held()}
    assert "Material Design Icons" in families
    assert "Material Design Icons" in QFontDatabase.families()


def test_holding_twice_keeps_one_font(qapp: QApplication) -> None:
    family = configure_font(qapp)
    before = len(font_pins.held())
    again = font_pins.hold(family, QFont.Weight.Bold)
    assert len(font_pins.held()) == before
    assert again.weight() == QFont.Weight.Bold
