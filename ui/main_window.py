"""The citizen window: frameless, fullscreen, cannot be closed by a citizen.

Layout and wiring only: the visit's lifecycle is ``kiosk.visit.controller``, whose
events the window draws; it forwards touches, device events and timer ticks.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QApplication, QStackedWidget, QVBoxLayout, QWidget

from kiosk.app import KioskCore
from kiosk.visit import events as ev
from kiosk.visit.controller import VisitController
from kiosk.visit.session import EndReason
from ui.bridge import DeviceBridge
from ui.executor import GuiExecutor
from ui.flow_host import FlowHost
from ui.i18n import Language
from ui.maintenance.wiring import attach_maintenance
from ui.pages.home import HomePage
from ui.pages.service_detail import ServiceDetailPage
from ui.panel_fit import fit_panel
from ui.theme import Theme, use_panel
from ui.theme_switch import TextSize
from ui.voice import Voice
from ui.voice_text import prompt
from ui.warmup import window_warm_up
from ui.widgets.idle_prompt import IdlePrompt
from ui.widgets.top_bar import TopBar
from ui.window_overlays import WindowOverlays

_ACTIVITY = {QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin, QEvent.Type.KeyPress}
_ACTIVITY_EVENTS = _ACTIVITY | {QEvent.Type.Wheel}


class KioskWindow(QWidget):
    session_ended = Signal(str)  # the EndReason value
    large_type_changed = Signal(bool)

    #: A fullscreen kiosk has no frame and stays on top.
    KIOSK_FLAGS = Qt.WindowType.FramelessWindowHint | Qt.WindowType.WindowStaysOnTopHint

    def __init__(
        self,
        core: KioskCore,
        language: Language | None = None,
        voice: Voice | None = None,
        *,
        kiosk_flags: bool = False,
    ) -> None:
        # Flags given now, not in show_kiosk: changing them later re-polishes
        # every child (~18 ms on the way to the first paint).
        super().__init__(None, self.KIOSK_FLAGS if kiosk_flags else Qt.WindowType.Widget)
        self.setObjectName("KioskWindow")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.core = core
        use_panel(Theme.from_settings(ui := core.config.ui, False).px_per_mm)  # before any page
        self.language = language if language is not None else Language(ui.language, self)
        self.allow_close = False
        self.voice = voice if voice is not None else Voice(enabled=ui.voice, parent=self)
        self.executor = GuiExecutor(parent=self)
        self.controller = visit = VisitController(core, self.executor.run)
        # The controller's inputs, by the names the demo, tests and benchmarks use.
        self.open_service, self.end_session = visit.start_visit, visit.end_visit
        self.check_idle, self.set_large_type = visit.tick, visit.set_large_type
        self._on_device_event = visit.device_event  # the bridge's events, on the GUI thread
        self.top_bar = TopBar(core.config, self)
        self.stack = QStackedWidget(self)
        self.home = HomePage(core.config.services, self, order=core.visit_counts.order)
        self.detail = ServiceDetailPage(self)
        self.flow_host = FlowHost(self)
        for page in (self.home, self.detail, self.flow_host):
            self.stack.addWidget(page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.top_bar)
        layout.addWidget(self.stack, 1)
        self.idle_prompt = IdlePrompt(self)
        self.overlays = WindowOverlays(self)  # the help dialog; take the card and the slip
        self.bridge = DeviceBridge(core.devices, self)
        self.bridge.event.connect(self._on_device_event)
        self.top_bar.language_clicked.connect(self.language.toggle)
        self.top_bar.large_type_toggled.connect(visit.set_large_type)
        self.top_bar.repeat_clicked.connect(self.voice.repeat)
        self.top_bar.mute_toggled.connect(self.voice.set_muted)
        self.top_bar.help_clicked.connect(visit.request_help)
        self.language.changed.connect(self._on_language)
        self.home.service_chosen.connect(visit.start_visit)
        self.home.reprint_requested.connect(visit.reprint)
        self.detail.home_requested.connect(lambda: visit.end_visit(EndReason.CANCELLED))
        self.flow_host.cancel_requested.connect(lambda: visit.end_visit(EndReason.CANCELLED))
        self.idle_prompt.more_time.connect(visit.more_time)
        self.idle_prompt.finish.connect(lambda: visit.end_visit(EndReason.CANCELLED))
        self._idle_timer = QTimer(self, interval=250, timeout=visit.tick)
        self._idle_timer.start()
        sheets = [Theme.from_settings(ui, large).stylesheet() for large in (False, True)]
        self.text_size = TextSize(self, *sheets)  # before the activity filter: see _restyle
        QApplication.instance().installEventFilter(self)
        self._watching_activity = True
        visit.add_listener(self._on_visit_event)
        self._restyle(visit.large_type)
        self._on_language(self.language.current)
        visit.refresh_availability()
        self.maintenance = attach_maintenance(self)  # the technician's screens
        self.warm_up = window_warm_up(self)
        self.warm_up.start()

    # ---- the controller's state as the demo, tests and benchmarks read it; window behaviour
    flow = property(lambda self: self.controller.flow, doc="The running flow, if any.")
    large_type = property(lambda self: self.controller.large_type, doc="长辈版 is on.")

    def show_kiosk(self, fullscreen: bool) -> None:
        if fullscreen:
            if self.windowFlags() & self.KIOSK_FLAGS != self.KIOSK_FLAGS:
                self.setWindowFlags(self.KIOSK_FLAGS)
            self.showFullScreen()
        else:
            ui = self.core.config.ui
            self.resize(ui.panel_width_px, ui.panel_height_px)
            self.show()

    def closeEvent(self, event: QCloseEvent) -> None:
        # Citizens cannot close the kiosk (Alt+F4, window manager); shutdown sets allow_close.
        if not self.allow_close:
            event.ignore()
            return
        QApplication.instance().removeEventFilter(self)
        self._watching_activity = False
        self._idle_timer.stop()
        self.warm_up.stop()
        self.bridge.detach()
        self.controller.end_visit(EndReason.SHUTDOWN)
        self.controller.remove_listener(self._on_visit_event)
        self.executor.shutdown()
        event.accept()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _ACTIVITY_EVENTS:
            self.controller.touch()
        return False

    def _on_language(self, language: str) -> None:
        self.controller.language_chosen(language)
        for part in (self.voice, self.top_bar, self.home, self.detail, self.flow_host):
            part.set_language(language)

    # ---- drawing the visit
    def _on_visit_event(self, event: ev.VisitEvent) -> None:
        match event:
            case ev.ShowHome():
                self.voice.stop()  # the visit's speech ends with it
                self.stack.setCurrentWidget(self.home)
            case ev.ShowFlow(flow):
                self.stack.setCurrentWidget(self.flow_host)
                self.flow_host.run(flow, self.language.current)
            case ev.ShowGuide(service, where):
                self.detail.show_service(service, self.language.current, where)
                self.stack.setCurrentWidget(self.detail)
            case ev.IdlePrompt(seconds_left):
                self.idle_prompt.show_countdown(seconds_left)
            case ev.HideIdlePrompt():
                self.idle_prompt.hide()
            case ev.Notice(key):
                self.home.show_notice(key)
            case ev.Reminders(card, slip):
                self.home.show_reminders(card, slip)
            case ev.ReprintAvailable(available):
                self.home.reprint_button.setVisible(available)
            case ev.Say(key):
                self.voice.say(prompt(key))
            case ev.SetLanguage(language):
                self.language.set(language)
            case ev.TextSize(large):
                self._restyle(large)
            case ev.Availability(services):
                self.home.set_availability(services)
            case ev.HelpCalled(called):
                self.top_bar.set_help_called(called)
            case ev.VisitEnded(reason):
                self.session_ended.emit(reason.value)

    def _restyle(self, large: bool) -> None:
        self.theme = theme = Theme.from_settings(self.core.config.ui, large)
        # Repolishing sends each widget several events, none of them citizen input
        # (input is only delivered from the event loop, never inside this call);
        # the Python activity filter would nearly double the time a switch takes.
        app = QApplication.instance()
        if self._watching_activity:
            app.removeEventFilter(self)
        try:
            self.text_size.set_large(large)
            fit_panel(self, theme)  # the home grid (its tiles restyled as shown), the rows
        finally:
            if self._watching_activity:
                app.installEventFilter(self)
        self.top_bar.show_large_type(large)
        self.large_type_changed.emit(large)
