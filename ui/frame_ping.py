"""Watchdog pings that prove a frame reached the screen, not only that the GUI thread runs.

A timer asks a 1-px child of the kiosk window to repaint; the ping is sent from its
paintEvent. On Wayland, Qt paints a window again only after the compositor's frame
callback for the previous frame, so a frozen compositor (or a hung GUI thread) stops
the pings, and systemd's watchdog restarts the kiosk and its compositor together.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import QWidget


class FramePing(QWidget):
    """An invisible 1-px widget at the window's corner; each requested paint pings once."""

    def __init__(self, window: QWidget, ping: Callable[[], object], interval_s: float) -> None:
        super().__init__(window)
        self.setObjectName("framePing")
        self.setFixedSize(1, 1)
        self.move(0, 0)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self._ping = ping
        self._requested = False
        self.timer = QTimer(self, interval=max(1, int(interval_s * 1000)), timeout=self.request)

    def start(self) -> None:
        # A child made after its window was shown stays hidden, and is never painted.
        self.show()
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def request(self) -> None:
        """Ask for one paint; the ping follows only once it is painted."""
        self._requested = True
        self.raise_()  # above any page, so the paint is never skipped as hidden
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        if self._requested:
            self._requested = False
            self._ping()
