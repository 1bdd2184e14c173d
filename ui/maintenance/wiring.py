"""Maintenance mode wired into the citizen window, so the window itself stays small.

One overlay over the whole window holds the PIN pad, the technician's console
and the out-of-service page; it is hidden while the kiosk serves. Touches on
the window feed the hidden gesture, scans pass a badge filter before the visit
sees them, and a timer ends an idle session.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, QTimer
from PySide6.QtGui import QColor, QMouseEvent, QPalette, QTouchEvent
from PySide6.QtWidgets import QApplication, QStackedWidget

from drivers.scanner.model import CodeScanned
from kiosk.maintenance import events as ev
from kiosk.maintenance.mode import MaintenanceMode
from kiosk.maintenance.recent_logs import RecentLogs
from ui.maintenance.console import Console
from ui.maintenance.out_of_service import OutOfServicePage
from ui.maintenance.pin_pad import PinPad
from ui.theme import PAPER

if TYPE_CHECKING:
    from ui.main_window import KioskWindow

_PRESSES = {QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin}
PAD_IDLE_MS = 60_000
_INPUT = _PRESSES | {QEvent.Type.KeyPress}


class MaintenanceUi(QObject):
    def __init__(self, window: KioskWindow) -> None:
        super().__init__(window)
        self.window = window
        core = window.core
        self.mode = MaintenanceMode(core, window.controller, window.executor.run)
        core.health.mode = lambda: self.mode.mode.value  # what operations see
        RecentLogs.installed()  # the technician's log view starts now
        self._overlay: QStackedWidget | None = None  # built when first needed
        self._pin_pad: PinPad | None = None  # built when first needed: not on the first paint
        self._console: Console | None = None
        self._out_of_service: OutOfServicePage | None = None
        self._citizen_reading = False
        self.mode.add_listener(self._draw)
        # Scans reach the visit through the badge filter (a badge never reaches a flow).
        window.bridge.event.disconnect(window._on_device_event)
        window.bridge.event.connect(self._device_event)
        # A PIN pad left open (a citizen's stray taps) closes by itself after a minute.
        self._pad_idle = QTimer(
            self, singleShot=True, interval=PAD_IDLE_MS, timeout=self._pad_timeout
        )
        self._timer = QTimer(self, interval=1000, timeout=self.mode.tick)
        self._timer.start()
        QApplication.instance().installEventFilter(self)
        self._draw(self.mode.current_screen())

    # ---- the overlay and its pages, built on first use (nothing of it on the first paint)
    @property
    def overlay(self) -> QStackedWidget:
        if self._overlay is None:
            overlay = self._overlay = QStackedWidget(self.window)
            overlay.setObjectName("MaintenanceOverlay")
            # Opaque through its palette: a style sheet of its own would re-polish on restyles.
            palette = overlay.palette()
            palette.setColor(QPalette.ColorRole.Window, QColor(PAPER))
            overlay.setPalette(palette)
            overlay.setAutoFillBackground(True)
            overlay.hide()
        return self._overlay

    @property
    def pin_pad(self) -> PinPad:
        if self._pin_pad is None:
            self._pin_pad = PinPad()
            self._pin_pad.submitted.connect(lambda tech, pin: self.mode.submit_pin(tech, pin))
            self._pin_pad.cancelled.connect(lambda: self._draw(self.mode.current_screen()))
            self.overlay.addWidget(self._pin_pad)
        return self._pin_pad

    @property
    def console(self) -> Console:
        if self._console is None:
            self._console = Console(self.window.core, self.mode, self.window.executor.run)
            self._console.leave_requested.connect(self.mode.leave)
            self._console.language_requested.connect(self.window.language.toggle)
            self.overlay.addWidget(self._console)
        return self._console

    @property
    def out_of_service(self) -> OutOfServicePage:
        if self._out_of_service is None:
            page = self._out_of_service = OutOfServicePage(self.window.core.config.kiosk)
            page.console_requested.connect(self._to_console)
            page.set_language(self.window.language.current)
            self.window.language.changed.connect(page.set_language)
            self.overlay.addWidget(page)
        return self._out_of_service

    def _pad_timeout(self) -> None:
        if self._overlay is not None and self._overlay.currentWidget() is self._pin_pad:
            self._draw(self.mode.current_screen())

    def _to_console(self) -> None:
        self._citizen_reading = False
        self._show(self.console)

    # ---- input
    def _device_event(self, name: str, event: Any) -> None:
        if isinstance(event, CodeScanned) and self.mode.scanned(event.result.text):
            return
        if isinstance(event, CodeScanned) and self._loading_shown():
            self.console.loading_page.scanned(event.result.text)  # a card being loaded
            return
        self.window._on_device_event(name, event)

    def _loading_shown(self) -> bool:
        """The technician is on the 证件装载 page: scans are the cards' application codes."""
        overlay, console = self._overlay, self._console
        return (
            self.mode.in_session
            and overlay is not None
            and overlay.isVisible()
            and overlay.currentWidget() is console
            and console is not None
            and console.current == "loading"
        )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if watched is self.window and kind == QEvent.Type.Resize and self._overlay is not None:
            self._overlay.setGeometry(self.window.rect())
        elif watched is self.window and kind == QEvent.Type.Close and self.window.allow_close:
            self.close()
        elif kind in _INPUT and self.mode.in_session:
            self.mode.touched()
        elif kind in _INPUT and self._pad_idle.isActive():
            self._pad_idle.start()  # someone is typing on the pad
        elif kind in _PRESSES and self._citizen_side():
            point = self._press_point(event)
            if point is not None:
                self.mode.tap(self._in_corner(point))
        return False

    def _citizen_side(self) -> bool:
        """Taps count on the citizen screens and the out-of-service page, not on the pad."""
        if self._overlay is None or not self._overlay.isVisible():
            return True
        return self._overlay.currentWidget() is self._out_of_service

    def _press_point(self, event: QEvent) -> QPoint | None:
        if isinstance(event, QMouseEvent):
            return self.window.mapFromGlobal(event.globalPosition().toPoint())
        if isinstance(event, QTouchEvent) and event.points():
            return self.window.mapFromGlobal(event.points()[0].globalPosition().toPoint())
        return None

    def _in_corner(self, point: QPoint) -> bool:
        gesture = self.mode.settings.gesture
        side = self.window.theme.mm(gesture.corner_mm)
        w, h = self.window.width(), self.window.height()
        x = 0 if gesture.corner.endswith("left") else w - side
        y = 0 if gesture.corner.startswith("top") else h - side
        return QRect(x, y, side, side).contains(point)

    # ---- drawing
    def _draw(self, event: ev.MaintenanceEvent) -> None:
        match event:
            case ev.AskPin(technician):
                self.pin_pad.open(technician)
                self._show(self.pin_pad)
                self._pad_idle.start()
            case ev.PinRefused(locked_for_s):
                self.pin_pad.refused(locked_for_s)
            case ev.WaitingForVisit():
                self._hide()  # the citizen finishes; the console opens after
            case ev.ShowConsole(technician):
                self._pad_idle.stop()
                self.console.open(technician)
                if not self._citizen_reading:
                    self._show(self.console)
            case ev.ShowOutOfService(visit_ended, message, problems):
                # A citizen whose visit was just ended reads why before the console opens.
                self._citizen_reading = visit_ended and self.mode.in_session
                self.out_of_service.show_state(
                    visit_ended, message, problems, technician=self._citizen_reading
                )
                if self._citizen_reading or not self.mode.in_session:
                    self._show(self.out_of_service)
            case ev.ShowService():
                self._hide()
            case ev.Checking():
                self.console.checking()

    def _show(self, page: Any) -> None:
        self.overlay.setCurrentWidget(page)
        self.overlay.setGeometry(self.window.rect())
        self.overlay.show()
        self.overlay.raise_()

    def _hide(self) -> None:
        if self._overlay is not None:
            self._overlay.hide()

    def close(self) -> None:
        self._timer.stop()
        QApplication.instance().removeEventFilter(self)


def attach_maintenance(window: KioskWindow) -> MaintenanceUi:
    return MaintenanceUi(window)
