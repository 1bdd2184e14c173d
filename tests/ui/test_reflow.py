"""Rows that stack on an upright panel, sizes and gaps that keep their millimetres."""

from __future__ import annotations

from PySide6.QtWidgets import QBoxLayout, QLabel, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from ui.widgets.reflow import PORTRAIT, SCALE, fit, side_by_side, sized, upright


def page(qtbot: QtBot) -> tuple[QWidget, QBoxLayout, QWidget]:
    window = QWidget()
    qtbot.addWidget(window)
    column = QVBoxLayout(window)
    column.setSpacing(6)
    row = side_by_side(QBoxLayout(QBoxLayout.Direction.LeftToRight))
    picture, words = QWidget(), QLabel("请将身份证平放在读卡区")
    sized(picture, 160, 120, fixed=True)
    row.addWidget(picture)
    row.addWidget(words)
    column.addLayout(row)
    return window, row, picture


def test_a_marked_row_stacks_on_an_upright_panel_and_sizes_follow_the_density(
    qtbot: QtBot,
) -> None:
    window, row, picture = page(qtbot)
    assert picture.size().toTuple() == (160, 120)  # no panel known yet: reference pixels
    window.setProperty(PORTRAIT, True)
    window.setProperty(SCALE, 2.0)  # a 4K panel of the same diagonal
    fit(window)
    assert upright(picture)
    assert row.direction() == QBoxLayout.Direction.TopToBottom
    assert picture.size().toTuple() == (320, 240)
    assert window.layout().spacing() == 12
    fit(window)  # again: nothing is scaled twice
    assert picture.size().toTuple() == (320, 240) and window.layout().spacing() == 12
    assert row.spacing() == 12  # inherited 6 kept as 6, then doubled once


def test_a_landscape_panel_keeps_the_row(qtbot: QtBot) -> None:
    window, row, _ = page(qtbot)
    window.setProperty(PORTRAIT, False)
    fit(window)
    assert row.direction() == QBoxLayout.Direction.LeftToRight
    assert not upright(window)
