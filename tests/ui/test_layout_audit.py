"""The layout audit names what a citizen could not read or reach, and only that.

Clipped text, things off the panel or cut by their container, primary buttons too
close, rows and columns that do not line up, text over an illustration.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from ui.layout_audit import ALIGN_PX, ILLUSTRATION, audit
from ui.widgets.chips import Chips
from ui.widgets.illustration import Illustration


def shown(qtbot: QtBot, widget: QWidget, width: int, height: int) -> QWidget:
    qtbot.addWidget(widget)
    widget.resize(width, height)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_a_page_that_fits_has_no_problem(qtbot: QtBot) -> None:
    page = QWidget()
    layout = QVBoxLayout(page)
    layout.addWidget(QLabel("请将身份证平放在下方读卡区", wordWrap=True))
    layout.addWidget(QPushButton("下一步"))
    shown(qtbot, page, 800, 400)
    assert audit(page, (800, 400)) == []


def test_a_button_narrower_than_its_label_is_named(qtbot: QtBot) -> None:
    page = QWidget()
    button = QPushButton("Human Resources and Social Security", page)
    shown(qtbot, page, 800, 400)
    button.setGeometry(10, 10, 120, 60)  # a squeezed grid cell
    [problem] = audit(page, (800, 400))
    assert problem.text == "Human Resources and Social Security"
    assert "label needs" in problem.problem and "has" in problem.problem


def test_a_button_whose_icon_leaves_too_little_room_for_its_label_is_named(
    qtbot: QtBot,
) -> None:
    page = QWidget()
    button = QPushButton("Large type", page)
    shown(qtbot, page, 800, 400)
    wide = button.sizeHint().width()
    button.setGeometry(10, 10, wide, 60)  # room for the words alone
    assert audit(page, (800, 400)) == []
    picture = QPixmap(40, 40)
    picture.fill(Qt.GlobalColor.black)
    button.setIcon(QIcon(picture))
    button.setIconSize(QSize(40, 40))  # the words are pushed right, past the edge
    [problem] = audit(page, (800, 400))
    assert problem.text == "Large type" and "label needs" in problem.problem


def test_a_wrapped_label_given_one_line_is_named(qtbot: QtBot) -> None:
    """What an aligned layout item did to a word-wrapped label: one line's height for two."""
    page = QWidget()
    label = QLabel("Place your right index finger flat on the reader " * 3, page, wordWrap=True)
    shown(qtbot, page, 500, 600)
    label.setGeometry(10, 10, 300, label.fontMetrics().height())
    [problem] = audit(page, (500, 600))
    assert problem.widget == "QLabel" and "wrapped text needs" in problem.problem
    label.setGeometry(10, 10, 300, label.heightForWidth(300))  # every line has its room
    assert audit(page, (500, 600)) == []


def test_a_window_past_the_panel_and_what_is_off_it_are_named(qtbot: QtBot) -> None:
    page = QWidget()
    button = QPushButton("完成", page)
    shown(qtbot, page, 800, 1100)
    button.setGeometry(10, 1020, 200, 70)  # below the panel's bottom edge
    problems = [str(p) for p in audit(page, (800, 1080))]
    assert any("window is 800×1100, the panel 800×1080" in p for p in problems)
    assert any("'完成'" in p and "off the panel" in p for p in problems)


def test_hidden_widgets_are_not_audited(qtbot: QtBot) -> None:
    page = QWidget()
    button = QPushButton("Human Resources and Social Security", page)
    shown(qtbot, page, 800, 400)
    button.setGeometry(10, 10, 120, 60)
    button.hide()
    assert audit(page, (800, 400)) == []


def test_wrapping_chips_keep_every_label_whole(qtbot: QtBot) -> None:
    """What a four-column grid of English department names did not: the labels stay whole."""
    labels = ["All", "Public Security", "General", "Human Resources and Social Security"]
    labels += ["Medical Insurance", "Taxation"]
    found = {}
    for columns in (4, None):
        page = QWidget()
        page.setStyleSheet("QPushButton { font-size: 30px; padding: 0 12px; }")
        chips = Chips(columns=columns)
        chips.set_choices((str(i), text) for i, text in enumerate(labels))
        layout = QVBoxLayout(page)
        layout.addWidget(chips)
        layout.addStretch(1)
        shown(qtbot, page, 700, 600)
        found[columns] = [str(p) for p in audit(page, (700, 600))]
        if columns is None:
            rows = {b.y() for b in chips.buttons.values()}
            assert len(rows) > 1  # wrapped, within the 700 px
            assert all(b.geometry().right() < 700 for b in chips.buttons.values())
    assert found[None] == []
    assert any("the panel 700×600" in p for p in found[4])  # the grid pushed the window wider


def test_a_key_cut_off_by_its_container_is_named(qtbot: QtBot) -> None:
    """Inside the panel, yet not all drawn: its parent is shorter than the key."""
    page = QWidget()
    rows = QWidget(page)
    key = QPushButton("z", rows)
    shown(qtbot, page, 800, 400)
    rows.setGeometry(0, 0, 800, 100)
    key.setGeometry(10, 60, 80, 80)  # 40 px of it below the rows' edge
    [problem] = audit(page, (800, 400))
    assert problem.text == "z" and "cut off by its QWidget" in problem.problem


def test_two_primary_buttons_closer_than_a_target_are_named(qtbot: QtBot) -> None:
    """ "完成" just above "下一步": the citizen presses the wrong one."""
    page = QWidget()
    done = QPushButton("完成", page, objectName="Primary")
    next_ = QPushButton("下一步", page, objectName="Primary")
    shown(qtbot, page, 800, 400)
    done.setGeometry(600, 200, 150, 60)
    next_.setGeometry(600, 270, 150, 60)  # 10 px below
    [problem] = audit(page, (800, 400), min_gap_px=60)
    assert problem.text == "完成" and "下一步" in problem.problem
    next_.setGeometry(600, 330, 150, 60)  # a target's width apart: fine
    assert audit(page, (800, 400), min_gap_px=60) == []
    secondary = QPushButton("上一步", page, objectName="Secondary")
    secondary.setGeometry(600, 100, 150, 60)  # only primary buttons compete
    secondary.show()
    assert audit(page, (800, 400), min_gap_px=60) == []


def test_a_key_out_of_its_row_is_named(qtbot: QtBot) -> None:
    """Keys of one grid row whose top edges differ: the row looks broken."""
    page = QWidget()
    grid = QGridLayout(page)
    keys = [QPushButton(k, objectName="Key") for k in "qwe"]
    for c, key in enumerate(keys):
        key.setFixedHeight(80)
        grid.addWidget(key, 0, c)
    grid.setRowStretch(1, 1)
    shown(qtbot, page, 600, 300)
    assert audit(page, (600, 300)) == []  # the layout lines them up
    keys[1].setFixedHeight(60)  # shorter than its row: centred, 10 px lower
    qtbot.waitUntil(lambda: keys[1].y() > keys[0].y() + ALIGN_PX)
    [problem] = audit(page, (600, 300))
    assert problem.widget == "QPushButton#Key" and "top edges in one row" in problem.problem


def test_a_tile_out_of_its_column_is_named(qtbot: QtBot) -> None:
    page = QWidget()
    column = QVBoxLayout(page)
    tiles = [QPushButton(t, objectName="ServiceTile") for t in ("身份证补领", "办理进度查询")]
    for tile in tiles:
        column.addWidget(tile)
    shown(qtbot, page, 600, 300)
    assert audit(page, (600, 300)) == []
    tiles[1].move(tiles[0].x() + 20, tiles[1].y())  # pushed right, out of the column
    problems = [str(p) for p in audit(page, (600, 300))]
    assert any("'办理进度查询': left edges in one column differ by 20 px" in p for p in problems)
    page.layout().activate()  # laid out again: back in line
    tiles[1].move(tiles[0].x(), tiles[1].y())
    assert audit(page, (600, 300)) == []


def test_items_given_their_own_alignment_are_not_rows(qtbot: QtBot) -> None:
    page = QWidget()
    column = QVBoxLayout(page)
    column.addWidget(QPushButton("完成", objectName="Primary"))
    column.addWidget(QPushButton("重新打印", objectName="Primary"), 0, Qt.AlignmentFlag.AlignRight)
    shown(qtbot, page, 600, 400)
    assert audit(page, (600, 400)) == []


def test_text_over_an_illustration_is_named(qtbot: QtBot) -> None:
    page = QWidget()
    picture = Illustration("id_card_reader", page)
    label = QLabel("请将身份证平放在读卡区", page)
    shown(qtbot, page, 800, 400)
    picture.setGeometry(0, 0, 320, 240)
    label.setGeometry(340, 100, 400, 50)  # beside it
    assert audit(page, (800, 400)) == []
    label.setGeometry(100, 100, 400, 50)  # on it
    [problem] = audit(page, (800, 400))
    assert problem.text == "请将身份证平放在读卡区"
    assert "text over the illustration Illustration" in problem.problem


def test_any_widget_marked_as_an_illustration_counts(qtbot: QtBot) -> None:
    """The marker is the Qt property, so an SVG illustration is checked like a sketch."""
    page = QWidget()
    picture = QWidget(page)
    picture.setProperty(ILLUSTRATION, True)
    caption = QPushButton("下一步", picture)  # drawn inside the picture
    shown(qtbot, page, 800, 400)
    picture.setGeometry(0, 0, 400, 300)
    caption.setGeometry(10, 10, 120, 60)
    assert any("text over the illustration" in p.problem for p in audit(page, (800, 400)))
    picture.setProperty(ILLUSTRATION, False)
    assert audit(page, (800, 400)) == []


def test_a_picture_off_the_panel_or_cut_by_its_container_is_named(qtbot: QtBot) -> None:
    page = QWidget()
    holder = QWidget(page)
    picture = Illustration("slip_outlet", holder)
    shown(qtbot, page, 800, 400)
    holder.setGeometry(0, 0, 800, 400)
    picture.setGeometry(600, 100, 320, 240)  # its right part past the panel's edge
    [problem] = audit(page, (800, 400))
    assert problem.widget == "Illustration" and "off the panel" in problem.problem
    holder.setGeometry(0, 0, 700, 200)
    picture.setGeometry(100, 100, 320, 240)  # inside the panel, past its holder's bottom
    [problem] = audit(page, (800, 400))
    assert "cut off by its QWidget" in problem.problem
