"""The layout audit names what a citizen could not read: real clipping, and only that."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from ui.layout_audit import audit
from ui.widgets.chips import Chips


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
