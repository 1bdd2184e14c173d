"""Many children shown at once are laid out once, and are in place as soon as it ends."""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from ui.widgets.one_layout_pass import one_layout_pass


class CountingLayout(QVBoxLayout):
    passes = 0

    def setGeometry(self, rect: QRect) -> None:
        self.passes += 1
        super().setGeometry(rect)


def page(qtbot: QtBot) -> tuple[QWidget, CountingLayout, list[QLabel]]:
    box = QWidget()
    layout = CountingLayout(box)
    labels = [QLabel(f"第 {i} 行") for i in range(6)]
    for label in labels:
        layout.addWidget(label)
        label.hide()
    qtbot.addWidget(box)
    box.resize(400, 600)
    box.show()
    qtbot.waitExposed(box)
    layout.passes = 0
    return box, layout, labels


def test_showing_children_one_by_one_lays_the_page_out_each_time(qtbot: QtBot) -> None:
    _box, layout, labels = page(qtbot)
    for label in labels:
        label.show()
    assert layout.passes >= len(labels)  # what the pause saves


def test_paused_the_page_is_laid_out_once_and_every_child_is_placed(qtbot: QtBot) -> None:
    box, layout, labels = page(qtbot)
    with one_layout_pass(box):
        for label in labels:
            label.show()
    assert layout.passes == 1
    assert layout.isEnabled()
    tops = [label.geometry().top() for label in labels]
    assert tops == sorted(tops) and len(set(tops)) == len(labels)  # each in its own row


def test_a_hidden_widget_is_laid_out_when_it_is_shown(qtbot: QtBot) -> None:
    box, layout, labels = page(qtbot)
    box.hide()
    with one_layout_pass(box):
        for label in labels:
            label.show()
    assert layout.passes == 0 and layout.isEnabled()
    box.show()
    qtbot.waitUntil(lambda: len({label.geometry().top() for label in labels}) == len(labels))
