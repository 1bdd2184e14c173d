"""The window restyles only for a real text-size change and keeps its activity filter."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from kiosk.app import KioskCore
from kiosk.config.schema import load_config
from kiosk.visit.session import EndReason
from ui.app import application, configure_font
from ui.main_window import KioskWindow


class CountingWindow(KioskWindow):
    """Counts the style events that reach the activity filter."""

    style_events_filtered = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.StyleChange:
            self.style_events_filtered += 1
        return super().eventFilter(watched, event)


class StyleChanges(QObject):
    """Counts StyleChange events delivered to one widget."""

    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.StyleChange:
            self.count += 1
        return False


@pytest.fixture
def window(qtbot: QtBot) -> Iterator[CountingWindow]:
    core = KioskCore(load_config(), start_queue=False)  # devices stay closed: none is needed
    configure_font(application())
    win = CountingWindow(core)
    qtbot.addWidget(win)
    win.resize(1920, 1080)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.allow_close = True
    win.close()
    core.stop()


@pytest.fixture
def touches(window: CountingWindow, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """One entry per idle.touch() (the activity filter calls it for every press)."""
    calls: list[int] = []
    original = window.core.idle.touch

    def touch() -> None:
        calls.append(1)
        original()

    monkeypatch.setattr(window.core.idle, "touch", touch)
    return calls


def test_a_visit_ending_at_the_usual_size_does_not_restyle(window: CountingWindow) -> None:
    spy = StyleChanges()
    heading = window.home.heading
    heading.installEventFilter(spy)
    normal_px = heading.font().pixelSize()
    window.end_session(EndReason.CANCELLED)
    assert spy.count == 0

    window.set_large_type(True)
    assert spy.count > 0 and heading.font().pixelSize() > normal_px and window.large_type
    spy.count = 0
    window.end_session(EndReason.COMPLETED)  # back to the configured size
    assert spy.count > 0 and heading.font().pixelSize() == normal_px and not window.large_type


def test_restyling_skips_the_activity_filter_but_keeps_it(
    window: CountingWindow, qtbot: QtBot, touches: list[int]
) -> None:
    window.set_large_type(True)
    window.set_large_type(False)
    assert window.style_events_filtered == 0
    assert window.top_bar.large_type_button.isChecked() is False
    qtbot.mousePress(window.home.heading, Qt.MouseButton.LeftButton)
    assert touches  # a press still counts as the citizen's activity


def test_restyling_after_close_does_not_watch_activity_again(
    window: CountingWindow, qtbot: QtBot, touches: list[int]
) -> None:
    window.set_large_type(True)
    window.allow_close = True
    window.close()  # ends the visit: back to the usual size, restyled after the filter is gone
    assert not window.large_type
    other = QWidget()
    qtbot.addWidget(other)
    touches.clear()
    qtbot.mousePress(other, Qt.MouseButton.LeftButton)
    assert touches == []
