"""Rows that stack on an upright panel; gaps the tokens gave are left as they are."""

from __future__ import annotations

from PySide6.QtWidgets import QBoxLayout, QLabel, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from ui.widgets.reflow import PORTRAIT, fit, side_by_side, upright


def page(qtbot: QtBot) -> tuple[QWidget, QBoxLayout]:
    window = QWidget()
    qtbot.addWidget(window)
    column = QVBoxLayout(window)
    column.setSpacing(14)
    column.setContentsMargins(40, 12, 40, 16)
    row = side_by_side(QBoxLayout(QBoxLayout.Direction.LeftToRight))
    row.addWidget(QWidget())
    row.addWidget(QLabel("请将身份证平放在读卡区"))
    column.addLayout(row)
    return window, row


def test_a_marked_row_stacks_on_an_upright_panel_and_keeps_its_gaps(qtbot: QtBot) -> None:
    window, row = page(qtbot)
    window.setProperty(PORTRAIT, True)
    fit(window)
    assert upright(window)
    assert row.direction() == QBoxLayout.Direction.TopToBottom
    # the gaps came from the tokens, already in the panel's millimetres: scaled
    # once more, a 4K panel's margins were twice too wide and its pages overflowed
    assert window.layout().spacing() == 14
    margins = window.layout().contentsMargins()
    assert (margins.left(), margins.top(), margins.right(), margins.bottom()) == (40, 12, 40, 16)
    window.setProperty(PORTRAIT, False)
    fit(window)
    assert row.direction() == QBoxLayout.Direction.LeftToRight


def test_a_landscape_panel_keeps_the_row(qtbot: QtBot) -> None:
    window, row = page(qtbot)
    window.setProperty(PORTRAIT, False)
    fit(window)
    assert row.direction() == QBoxLayout.Direction.LeftToRight
    assert not upright(window)
