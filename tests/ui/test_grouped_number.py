"""A grouped reference number breaks only between groups, into even lines, never one group alone."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from kiosk.config.schema import UiSettings
from kiosk.flow.success import group_reference
from ui.theme import Theme
from ui.widgets.grouped_number import GroupedNumber, balanced_lines

NUMBER = group_reference("202612041350708747")  # 2026 1204 1350 7087 47


def test_balanced_lines_share_the_groups_evenly_in_order() -> None:
    groups = NUMBER.split()
    assert balanced_lines(groups, 1) == [NUMBER]
    assert balanced_lines(groups, 2) == ["2026 1204 1350", "7087 47"]
    assert balanced_lines(groups, 3) == ["2026 1204", "1350 7087", "47"]
    assert balanced_lines(groups, 9) == groups  # never more lines than groups
    assert balanced_lines([], 2) == [""]


@pytest.mark.parametrize("large", [False, True])
def test_the_lines_fit_the_width_and_no_group_is_left_alone(qtbot: QtBot, large: bool) -> None:
    label = GroupedNumber(objectName="Countdown")
    label.setStyleSheet(Theme.from_settings(UiSettings(), large).stylesheet())
    qtbot.addWidget(label)
    label.show()
    label.set_number(NUMBER)
    metrics = label.fontMetrics()
    one_line = metrics.horizontalAdvance(NUMBER)
    four_groups = metrics.horizontalAdvance("2026 1204 1350 7087")

    label.resize(one_line + 20, 400)  # room for it all
    qtbot.waitUntil(lambda: label.text() == NUMBER)

    # Room for four groups but not five: a word-wrapping label leaves "47" alone.
    label.resize((four_groups + one_line) // 2, 400)
    qtbot.waitUntil(lambda: label.text() == "2026 1204 1350\n7087 47")
    assert label.grouped() == NUMBER  # what the citizen copies, whatever the lines

    label.resize(metrics.horizontalAdvance("2026 1204") + 4, 400)
    qtbot.waitUntil(lambda: label.text() == "2026 1204\n1350 7087\n47")
    for line in label.text().splitlines():
        assert metrics.horizontalAdvance(line) <= label.contentsRect().width()

    # Never asks for more room than its widest group: it cannot widen its page.
    assert label.minimumSizeHint().width() <= metrics.horizontalAdvance("2026") + 4
    label.set_number("")
    assert label.text() == "" and label.grouped() == ""
