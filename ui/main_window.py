"""The citizen window: frameless, fullscreen, cannot be closed by a citizen."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QApplication, QStackedWidget, QVBoxLayout, QWidget

from drivers.base import DeviceState
from kiosk.app import KioskCore
from kiosk.flow import Flow, FlowEnv, FlowError, FlowOutcome
from kiosk.privacy import wipe_unclaimed
from kiosk.visit.idle import IdlePhase
from kiosk.visit.session import EndReason
from ui.bridge import DeviceBridge
from ui.executor import GuiExecutor
from ui.flow_host import FlowHost
from ui.i18n import Language
from ui.pages.home import HomePage
from ui.pages.service_detail import ServiceDetailPage
from ui.theme import Theme
from ui.voice import Voice
from ui.voice_text import prompt
from ui.widgets.idle_prompt import IdlePrompt
from ui.widgets.top_bar import TopBar

_END_REASON = {
    FlowOutcome.COMPLETED: EndReason.COMPLETED,
    FlowOutcome.CANCELLED: EndReason.CANCELLED,
    FlowOutcome.TIMEOUT: EndReason.TIMEOUT,
    FlowOutcome.FAILED: EndReason.CANCELLED,
}

_ACTIVITY_EVENTS = {
    QEvent.Type.MouseButtonPress,
    QEvent.Type.TouchBegin,
    QEvent.Type.KeyPress,
    QEvent.Type.Wheel,
}


class KioskWindow(QWidget):
    session_ended = Signal(str)  # the EndReason value
    large_type_changed = Signal(bool)

    #: How long the help button rests after a call (staff are on their way).
    HELP_REST_MS = 60_000

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
        ui = core.config.ui
        self.language = language if language is not None else Language(ui.language, self)
        self.large_type = False
        self.allow_close = False
        self.voice = voice if voice is not None else Voice(enabled=ui.voice, parent=self)

        self.top_bar = TopBar(core.config, self)
        self.stack = QStackedWidget(self)
        self.home = HomePage(core.config.services, self)
        self.detail = ServiceDetailPage(self)
        self.flow_host = FlowHost(self)
        self.flow: Flow | None = None
        self.executor = GuiExecutor(parent=self)
        self.stack.addWidget(self.home)
        self.stack.addWidget(self.detail)
        self.stack.addWidget(self.flow_host)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.top_bar)
        layout.addWidget(self.stack, 1)
        self.idle_prompt = IdlePrompt(self)

        self.bridge = DeviceBridge(core.devices, self)
        self.bridge.event.connect(self._on_device_event)
        self.top_bar.language_clicked.connect(self.language.toggle)
        self.top_bar.large_type_toggled.connect(self.set_large_type)
        self.top_bar.repeat_clicked.connect(self.voice.repeat)
        self.top_bar.mute_toggled.connect(self.voice.set_muted)
        self.top_bar.help_clicked.connect(self.request_help)
        self._help_rest = QTimer(self, singleShot=True, interval=self.HELP_REST_MS)
        self._help_rest.timeout.connect(lambda: self.top_bar.set_help_called(False))
        self.language.changed.connect(self._on_language)
        self.home.service_chosen.connect(self.open_service)
        self.home.reprint_requested.connect(self.reprint_last_slip)
        self._notice_clear = QTimer(self, singleShot=True, interval=15_000)
        self._notice_clear.timeout.connect(lambda: self.home.set_notice(""))
        self._card_reminded = False
        self.detail.home_requested.connect(lambda: self.end_session(EndReason.CANCELLED))
        self.flow_host.cancel_requested.connect(lambda: self.end_session(EndReason.CANCELLED))
        self.idle_prompt.more_time.connect(self._more_time)
        self.idle_prompt.finish.connect(lambda: self.end_session(EndReason.CANCELLED))

        self._idle_timer = QTimer(self, interval=250, timeout=self.check_idle)
        self._idle_timer.start()
        from ui.theme_switch import TextSize  # Qt only, tiny: used here alone

        sheets = [Theme.from_settings(ui, large).stylesheet() for large in (False, True)]
        self.text_size = TextSize(self, *sheets)  # before the activity filter: see set_large_type
        QApplication.instance().installEventFilter(self)
        self._watching_activity = True

        self.theme: Theme | None = None
        self.set_large_type(ui.large_type_default)
        self._on_language(self.language.current)
        self.refresh_availability()
        from ui.warmup import window_warm_up  # Qt only, tiny: used here alone

        self.warm_up = window_warm_up(self)
        self.warm_up.start()

    # ---- window behaviour
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
        if self.allow_close:
            QApplication.instance().removeEventFilter(self)
            self._watching_activity = False
            self._idle_timer.stop()
            self.warm_up.stop()
            self.bridge.detach()
            self.end_session(EndReason.SHUTDOWN)
            self.executor.shutdown()
            event.accept()
        else:
            event.ignore()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _ACTIVITY_EVENTS:
            self.core.idle.touch()
        return False

    # ---- theme and language
    def set_large_type(self, on: bool) -> None:
        if self.theme is not None and on == self.large_type:
            return  # a switch repolishes the widgets on screen: only for a real change
        self.large_type = on
        theme = Theme.from_settings(self.core.config.ui, on)
        self.theme = theme
        # Repolishing sends each widget several events, none of them citizen input
        # (input is only delivered from the event loop, never inside this call);
        # the Python activity filter would nearly double the time a switch takes.
        app = QApplication.instance()
        if self._watching_activity:
            app.removeEventFilter(self)
        try:
            self.text_size.set_large(on)
        finally:
            if self._watching_activity:
                app.installEventFilter(self)
        self.home.set_grid(*theme.tile_grid)
        self.home.set_spacing(theme.mm(4))
        self.top_bar.large_type_button.blockSignals(True)
        self.top_bar.large_type_button.setChecked(on)
        self.top_bar.large_type_button.blockSignals(False)
        self.core.idle.set_budget(*self.core.idle_budget(on))
        self.large_type_changed.emit(on)

    def _on_language(self, language: str) -> None:
        self.voice.set_language(language)
        self.top_bar.set_language(language)
        self.home.set_language(language)
        self.detail.set_language(language)
        self.flow_host.set_language(language)

    # ---- services and sessions
    def refresh_availability(self) -> None:
        self.home.set_availability(self.core.availability())

    def _on_device_event(self, name: str, event: object) -> None:
        self.refresh_availability()
        if name == "idcard":
            self._check_card_left()
        if self.flow is not None:
            self.flow.on_device_event(name, event)
        else:
            wipe_unclaimed(event)  # e.g. a card read at the home screen

    def flow_env(self) -> FlowEnv:
        core = self.core
        return FlowEnv(
            config=core.config,
            idle=core.idle,
            devices=core.flow_devices,
            outbox=core.outbox,
            platform=core.platform,
            services=core.flow_services,
            run_async=self.executor.run,
        )

    def open_service(self, service_id: str) -> None:
        availability = self.core.availability().get(service_id)
        if availability is None or not availability.available:
            return
        service = self.core.config.service(service_id)
        session = self.core.sessions.start(service_id)
        self.core.idle.touch()
        try:
            flow = Flow(service, session, self.flow_env())
        except FlowError:
            # A step kind this build lacks: show the service's guide rather than fail.
            where = self.core.config.kiosk.hall_address
            self.detail.show_service(service, self.language.current, where)
            self.stack.setCurrentWidget(self.detail)
            return
        self.flow = flow
        flow.add_end_listener(self._flow_ended)
        flow.add_listener(self._speak_step)
        self.stack.setCurrentWidget(self.flow_host)
        self.flow_host.run(flow, self.language.current)

    def _speak_step(self, flow: Flow) -> None:
        step = flow.current
        if step is not None and step.prompt_key:
            self.voice.say(prompt(step.prompt_key))

    def request_help(self) -> None:
        step = self.flow.current if self.flow is not None else None
        self.core.request_help(step.kind if step is not None else "")
        self.top_bar.set_help_called(True)
        self._help_rest.start()
        self.voice.say(prompt("help"))

    def _flow_ended(self, flow: Flow, outcome: FlowOutcome) -> None:
        if flow is self.flow:  # not already being ended by end_session
            self.end_session(_END_REASON[outcome])

    def end_session(self, reason: EndReason) -> None:
        """End the visit: wipe its data, reset language and text size, go home."""
        self.idle_prompt.hide()
        flow, self.flow = self.flow, None
        if flow is not None and flow.outcome is None:
            flow.timeout() if reason is EndReason.TIMEOUT else flow.cancel()
        self.core.sessions.end(reason)
        self.voice.stop()
        self.stack.setCurrentWidget(self.home)
        self.language.set(self.core.config.ui.language)
        self.set_large_type(self.core.config.ui.large_type_default)
        self.core.idle.touch()
        self.refresh_availability()
        self._refresh_reprint()
        self._check_card_left()
        self._check_slip_left()
        self.session_ended.emit(reason.value)

    def _more_time(self) -> None:
        self.idle_prompt.hide()
        self.core.idle.touch()

    def _at_rest(self) -> bool:
        ui = self.core.config.ui
        return (
            self.core.sessions.current is None
            and self.language.current == ui.language
            and self.large_type == ui.large_type_default
        )

    # ---- after the visit: the card left behind, the slip not taken
    #: How often the slip reminder checks its time limit and the printer's outlet sensor.
    SLIP_POLL_MS = 500
    _slip_reminded = False
    _slip_timer: QTimer | None = None

    def _check_card_left(self) -> None:
        """Remind the citizen who walked off without their card; stop once it is taken."""
        reader = self.core.devices.get("idcard")
        present = reader is not None and reader.status.state is DeviceState.CARD_PRESENT
        if present and self.core.sessions.current is None:
            if not self._card_reminded:
                self._card_reminded = True
                self._show_reminders()
                self.voice.say(prompt("card_left"))
        elif self._card_reminded and not present:
            self._card_reminded = False
            self._show_reminders()

    def _check_slip_left(self) -> None:
        """The visit ended soon after its slip printed: ask for the slip, for a bounded time.

        Time-based unless the printer reports its outlet (``kiosk.visit.slip_reminder``).
        """
        if not self.core.slip_reminder.visit_ended(self.core.devices.get("printer")):
            return
        self._slip_reminded = True
        if self._slip_timer is None:
            self._slip_timer = QTimer(self, interval=self.SLIP_POLL_MS)
            self._slip_timer.timeout.connect(self._poll_slip_left)
        self._slip_timer.start()
        self._show_reminders()
        self.voice.say(prompt("card_and_slip_left" if self._card_reminded else "slip_left"))

    def _poll_slip_left(self) -> None:
        """End the slip reminder on time, when the outlet is empty, or when a visit begins."""
        reminder = self.core.slip_reminder
        if self.core.sessions.current is not None:
            reminder.dismiss()
        if reminder.active(self.core.devices.get("printer")):
            return
        self._slip_reminded = False
        if self._slip_timer is not None:
            self._slip_timer.stop()
        self._show_reminders()

    def _show_reminders(self) -> None:
        """The home notice: every reminder that applies now (card, slip), or nothing."""
        lines = []
        if self._card_reminded:
            lines.append(self.tr("请取走读卡区上的身份证"))
        if self._slip_reminded:
            lines.append(self.tr("请取走出纸口的凭条"))
        self.home.set_notice("\n".join(lines))

    def _refresh_reprint(self) -> None:
        self.home.reprint_button.setVisible(self.core.last_slip.get() is not None)

    def reprint_last_slip(self) -> None:
        slip = self.core.last_slip.get()
        printer = self.core.devices.get("printer")
        self._refresh_reprint()
        if slip is None:
            return
        if printer is None or not printer.status.usable:
            self._show_notice(self.tr("打印机暂时无法打印，请联系工作人员。"))
            return
        self._show_notice(self.tr("正在重新打印凭条……"))

        def done(future) -> None:  # type: ignore[no-untyped-def]
            ok = future.exception() is None and future.result().printed
            self._show_notice(
                self.tr("已重新打印，请取走凭条。")
                if ok
                else self.tr("凭条没有打印出来，请联系工作人员。")
            )

        self.executor.run(lambda: printer.print_slip(slip), done)

    def _show_notice(self, text: str) -> None:
        self.home.set_notice(text)
        self._notice_clear.start()

    def check_idle(self) -> None:
        self._refresh_reprint()
        if self._at_rest():
            self.core.idle.touch()
            return
        phase = self.core.idle.poll()
        if phase is IdlePhase.ACTIVE:
            self.idle_prompt.hide()
        elif self.core.sessions.current is None:
            # Only a language or text-size choice is left behind: reset quietly.
            self.end_session(EndReason.TIMEOUT)
        elif phase is IdlePhase.PROMPTING:
            if not self.idle_prompt.isVisible():
                self.voice.say(prompt("idle"))
            self.idle_prompt.show_countdown(self.core.idle.prompt_seconds_left())
        else:
            self.end_session(EndReason.TIMEOUT)
