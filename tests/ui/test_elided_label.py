"""A label that gives way ends in "…" within its width, in both text sizes, and keeps its text."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from kiosk.config.schema import UiSettings
from ui.layout_audit import SLACK_PX
from ui.theme import Theme
from ui.widgets.elided_label import ElidedLabel

TEXT = "Renew an expiring or damaged card; place it on the reader and wait"


@pytest.mark.parametrize("large", [False, True])
def test_the_text_fits_its_width_and_stays_whole_for_screen_readers(
    qtbot: QtBot, large: bool
) -> None:
    label = ElidedLabel(objectName="TileSummary")
    label.setStyleSheet(Theme.from_settings(UiSettings(), large).stylesheet())
    qtbot.addWidget(label)
    label.resize(400, 60)
    label.show()
    label.setText(TEXT)
    qtbot.waitUntil(lambda: label.width() == 400)
    assert label.text().endswith("…") and label.text() != TEXT
    assert label.sizeHint().width() <= label.width() + SLACK_PX
    assert label.full_text == TEXT and label.accessibleName() == TEXT
    label.resize(3000, 60)
    qtbot.waitUntil(lambda: label.text() == TEXT)  # room again: the whole text
