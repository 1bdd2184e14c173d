"""Watchdog pings follow painted frames, and the cursor hides on touch panels."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from ui.app import hide_cursor
from ui.frame_ping import FramePing


def make(qtbot: QtBot) -> tuple[QWidget, FramePing, list[int]]:
    window = QWidget()
    window.resize(200, 100)
    qtbot.addWidget(window)
    pings: list[int] = []
    ping = FramePing(window, lambda: pings.append(1), interval_s=3600)
    return window, ping, pings


def test_each_request_pings_once_when_painted(qtbot: QtBot) -> None:
    window, ping, pings = make(qtbot)
    window.show()
    qtbot.waitExposed(window)
    ping.request()
    qtbot.waitUntil(lambda: len(pings) == 1)
    window.repaint()  # a paint nobody asked the watchdog for does not ping
    ping.request()
    ping.request()  # two requests before one paint: one ping
    qtbot.waitUntil(lambda: len(pings) == 2)
    window.repaint()
    QApplication.processEvents()
    assert len(pings) == 2


def test_no_frame_no_ping(qtbot: QtBot) -> None:
    """A window that is not painted (as when the compositor stops sending frame
    callbacks) gets no ping however often the timer asks."""
    window, ping, pings = make(qtbot)
    for _ in range(5):
        ping.request()
        QApplication.processEvents()
    assert pings == []
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: len(pings) == 1)


def test_pings_when_made_after_its_window_was_shown(qtbot: QtBot) -> None:
    """As ui.app.run does: the window is shown first, the ping widget made after."""
    window = QWidget()
    window.resize(200, 100)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    pings: list[int] = []
    ping = FramePing(window, lambda: pings.append(1), interval_s=0.05)
    ping.start()
    qtbot.waitUntil(lambda: len(pings) >= 2)
    ping.stop()
    assert ping.isVisible()


def test_ping_widget_is_one_pixel_and_above_the_pages(qtbot: QtBot) -> None:
    window, ping, _ = make(qtbot)
    page = QWidget(window)
    page.resize(window.size())
    window.show()
    ping.request()
    assert ping.size().width() == ping.size().height() == 1
    assert window.children()[-1] is ping  # raised above the page made after it
    assert ping.testAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)


def test_cursor_hidden_only_when_asked(qtbot: QtBot) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    hide_cursor(app, False)
    assert app.overrideCursor() is None
    hide_cursor(app, True)
    try:
        cursor = app.overrideCursor()
        assert cursor is not None and cursor.shape() == Qt.CursorShape.BlankCursor
    finally:
        app.restoreOverrideCursor()
