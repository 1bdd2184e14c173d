"""Rows that wrap: every widget at its size hint, a new row when the next one does not fit."""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtWidgets import QPushButton, QWidget
from pytestqt.qtbot import QtBot

from ui.widgets.flow_layout import FlowLayout


def row_of(qtbot: QtBot, labels: list[str], width: int) -> tuple[QWidget, list[QPushButton]]:
    box = QWidget()
    layout = FlowLayout(box, spacing=10)
    layout.setContentsMargins(0, 0, 0, 0)
    buttons = [QPushButton(text) for text in labels]
    for b in buttons:
        layout.addWidget(b)
    qtbot.addWidget(box)
    box.resize(width, layout.heightForWidth(width))
    box.show()
    qtbot.waitExposed(box)
    return box, buttons


def test_items_share_a_row_until_the_next_does_not_fit(qtbot: QtBot) -> None:
    box, buttons = row_of(qtbot, ["一", "二", "三"], 2000)
    assert len({b.y() for b in buttons}) == 1  # all on one row
    assert buttons[1].x() == buttons[0].geometry().right() + 1 + 10  # spacing between
    narrow = buttons[0].sizeHint().width() + buttons[1].sizeHint().width() + 10
    box.resize(narrow, box.layout().heightForWidth(narrow))
    qtbot.waitUntil(lambda: buttons[2].y() > buttons[0].y())
    assert buttons[1].y() == buttons[0].y()  # two fit, the third wraps
    assert all(b.width() >= b.sizeHint().width() for b in buttons)  # none squeezed


def test_height_for_width_grows_as_the_width_shrinks(qtbot: QtBot) -> None:
    box, buttons = row_of(qtbot, [f"选项 {i}" for i in range(8)], 2000)
    layout = box.layout()
    one_row = layout.heightForWidth(2000)
    assert one_row == max(b.sizeHint().height() for b in buttons)
    assert layout.heightForWidth(300) > 2 * one_row


def test_an_item_wider_than_the_row_gets_the_row(qtbot: QtBot) -> None:
    box, buttons = row_of(qtbot, ["a very long label for one button only"], 2000)
    layout = box.layout()
    assert layout.minimumSize().width() >= buttons[0].sizeHint().width()  # asks for its width
    width = buttons[0].sizeHint().width() // 2
    layout.setGeometry(QRect(0, 0, width, 200))  # a parent that cannot give it
    assert buttons[0].width() == width and buttons[0].x() == 0


def test_hidden_items_take_no_room(qtbot: QtBot) -> None:
    box, buttons = row_of(qtbot, ["一", "二", "三"], 2000)
    buttons[1].hide()
    box.layout().activate()
    assert buttons[2].x() == buttons[0].geometry().right() + 1 + 10


def test_the_remembered_height_follows_a_longer_label_a_hidden_item_and_a_new_one(
    qtbot: QtBot,
) -> None:
    # heightForWidth is remembered per width: anything that changes the rows must forget it.
    box, buttons = row_of(qtbot, ["一", "二", "三"], 400)
    layout = box.layout()
    one_row = layout.heightForWidth(400)
    buttons[2].setText("一个比一行还宽得多的很长很长很长的标签文字")
    assert layout.heightForWidth(400) > one_row  # the long label wraps to a row of its own
    buttons[2].hide()
    assert layout.heightForWidth(400) == one_row
    for i in range(12):
        layout.addWidget(QPushButton(f"新增选项 {i}"))  # shown by a posted event
    qtbot.waitUntil(lambda: layout.heightForWidth(400) > 2 * one_row)
    while layout.count() > 2:
        item = layout.takeAt(layout.count() - 1)
        if item.widget() is not None:
            item.widget().hide()
    assert layout.heightForWidth(400) == one_row
