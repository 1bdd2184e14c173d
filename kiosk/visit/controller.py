"""A citizen's visit from the first touch to the home screen again, without Qt.

The controller owns the lifecycle: opening a service, ending a visit in the one
right order (the flow, the session and its data, the citizen's language and text
size, reminders), the inactivity prompt, help requests and what the home screen
offers between visits. It tells its screen what to show through events
(``kiosk.visit.events``); the screen forwards touches, device events and a
periodic ``tick``. Time comes from an injected clock, blocking work from an
injected executor, so the lifecycle is tested without a window.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from kiosk.flow.engine import Executor, Flow, FlowEnv, FlowError, FlowOutcome, StepFactory
from kiosk.privacy import wipe_unclaimed
from kiosk.visit.after_visit import AfterVisit
from kiosk.visit.events import (
    Availability,
    HelpCalled,
    HelpDialog,
    HideIdlePrompt,
    IdlePrompt,
    Say,
    SetLanguage,
    ShowFlow,
    ShowGuide,
    ShowHome,
    TextSize,
    VisitEnded,
    VisitEvent,
)
from kiosk.visit.help import help_answer
from kiosk.visit.idle import IdlePhase
from kiosk.visit.session import EndReason

if TYPE_CHECKING:
    from kiosk.app import KioskCore

_END_REASON = {
    FlowOutcome.COMPLETED: EndReason.COMPLETED,
    FlowOutcome.CANCELLED: EndReason.CANCELLED,
    FlowOutcome.TIMEOUT: EndReason.TIMEOUT,
    FlowOutcome.FAILED: EndReason.CANCELLED,
}

#: How long the help button rests after a call (staff are on their way).
HELP_REST_S = 60.0

VisitListener = Callable[[VisitEvent], None]


@dataclass(frozen=True)
class VisitState:
    """For maintenance and health: may the kiosk be taken out of service now?"""

    in_progress: bool
    service_id: str
    step: str  # the current step's kind, "" between steps or visits
    interruptible: bool  # False once a fee is taken or a case submitted, until the flow ends


class VisitController:
    """One visit at a time; its screen listens to :meth:`add_listener`."""

    def __init__(
        self,
        core: KioskCore,
        run_async: Executor,
        *,
        clock: Callable[[], float] = time.monotonic,
        kinds: dict[str, StepFactory] | None = None,
        wall_clock: Callable[[], dt.datetime] = dt.datetime.now,
    ) -> None:
        self.core = core
        self._wall_clock = wall_clock  # local time: are staff in the hall?
        self.run_async = run_async
        self._clock = clock
        self._kinds = kinds  # None: every registered step kind
        self._listeners: list[VisitListener] = []
        self.flow: Flow | None = None
        self.after = AfterVisit(core, self._emit, run_async, clock)
        self.language: str = core.config.ui.language
        self.large_type = core.config.ui.large_type_default
        self._apply_idle_budget()
        self._prompting = False
        self._help_until: float | None = None

    # ---- listeners
    def add_listener(self, listener: VisitListener) -> None:
        self._listeners.append(listener)

    def remove_listener(self, listener: VisitListener) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    def _emit(self, event: VisitEvent) -> None:
        for listener in list(self._listeners):
            listener(event)

    # ---- the citizen's choices
    def language_chosen(self, language: str) -> None:
        self.language = language

    def set_large_type(self, on: bool) -> None:
        """长辈版 on or off: larger type and a longer idle budget; only a real change redraws."""
        if on == self.large_type:
            return
        self.large_type = on
        self._apply_idle_budget()
        self._emit(TextSize(on))

    def _apply_idle_budget(self) -> None:
        self.core.idle.set_budget(*self.core.idle_budget(self.large_type))

    def touch(self) -> None:
        """The citizen touched the screen."""
        self.core.idle.touch()

    # ---- starting a visit
    def flow_env(self) -> FlowEnv:
        core = self.core
        return FlowEnv(
            config=core.config,
            idle=core.idle,
            devices=core.flow_devices,
            outbox=core.outbox,
            platform=core.platform,
            services=core.flow_services,
            run_async=self.run_async,
        )

    def start_visit(self, service_id: str) -> bool:
        """Open a service if it can be used now; False (nothing happens) if it cannot."""
        availability = self.core.availability().get(service_id)
        if availability is None or not availability.available:
            return False
        if self.core.sessions.current is not None or self.flow is not None:
            self.end_visit(EndReason.CANCELLED)  # never a flow left running on a wiped session
        service = self.core.config.service(service_id)
        session = self.core.sessions.start(service_id)
        self.after.visit_started()
        self.core.idle.touch()
        try:
            flow = Flow(service, session, self.flow_env(), self._kinds)
        except FlowError:
            # A step kind this build lacks: show the service's guide rather than fail.
            self._emit(ShowGuide(service, self.core.config.kiosk.hall_address))
            return True
        self.flow = flow
        flow.add_end_listener(self._flow_ended)
        flow.add_listener(self._speak_step)
        self._emit(ShowFlow(flow))
        if flow.index < 0 and flow.outcome is None:  # no screen started it while binding pages
            flow.start()
        return True

    def _speak_step(self, flow: Flow) -> None:
        step = flow.current
        if step is not None and step.prompt_key:
            self._emit(Say(step.prompt_key))

    def _flow_ended(self, flow: Flow, outcome: FlowOutcome) -> None:
        if flow is self.flow:  # not already being ended by end_visit
            self.end_visit(_END_REASON[outcome])

    # ---- ending a visit: always this order
    def end_visit(self, reason: EndReason) -> None:
        """End the visit: its flow, its session and data, the citizen's choices; then home."""
        self._hide_idle_prompt()
        flow, self.flow = self.flow, None
        if flow is not None and flow.outcome is None:
            flow.timeout() if reason is EndReason.TIMEOUT else flow.cancel()
        self.core.sessions.end(reason)  # wipes the visit's personal data
        self._emit(ShowHome())
        ui = self.core.config.ui
        self.language = ui.language
        self._emit(SetLanguage(ui.language))
        self.set_large_type(ui.large_type_default)
        self.core.idle.touch()
        self.refresh_availability()
        self.after.visit_ended()
        self._emit(VisitEnded(reason))

    # ---- inactivity, polled by the screen's timer
    def at_rest(self) -> bool:
        """No visit and the default language and text size: nothing to time out."""
        ui = self.core.config.ui
        return (
            self.core.sessions.current is None
            and self.language == ui.language
            and self.large_type == ui.large_type_default
        )

    def tick(self) -> None:
        self.after.tick()
        if self._help_until is not None and self._clock() >= self._help_until:
            self._help_until = None
            self._emit(HelpCalled(False))
        if self.at_rest():
            self.core.idle.touch()
            return
        phase = self.core.idle.poll()
        if phase is IdlePhase.ACTIVE:
            if self._prompting:
                self._hide_idle_prompt()
        elif self.core.sessions.current is None:
            # Only a language or text-size choice is left behind: reset quietly.
            self.end_visit(EndReason.TIMEOUT)
        elif phase is IdlePhase.PROMPTING:
            if not self._prompting:
                self._prompting = True
                self._emit(Say("idle"))
            self._emit(IdlePrompt(self.core.idle.prompt_seconds_left()))
        else:
            self.end_visit(EndReason.TIMEOUT)

    def more_time(self) -> None:
        self._hide_idle_prompt()
        self.core.idle.touch()

    def _hide_idle_prompt(self) -> None:
        self._prompting = False
        self._emit(HideIdlePrompt())

    # ---- devices, help, reprint
    def refresh_availability(self) -> None:
        self._emit(Availability(self.core.availability()))

    def device_event(self, name: str, event: Any) -> None:
        """A device event, on the screen's thread."""
        self.refresh_availability()
        if name == "idcard":
            self.after.check_card()
        if self.flow is not None:
            self.flow.on_device_event(name, event)
        else:
            wipe_unclaimed(event)  # e.g. a card read at the home screen

    def request_help(self) -> None:
        step = self.flow.current if self.flow is not None else None
        queued = self.core.request_help(step.kind if step is not None else "")
        self._help_until = self._clock() + HELP_REST_S
        answer = help_answer(self.core.config.kiosk, self._wall_clock(), queued is not None)
        self._emit(HelpCalled(True))
        self._emit(HelpDialog(answer))
        self._emit(Say("help" if answer.on_site else "help_after_hours"))

    def reprint(self) -> None:
        self.after.reprint()

    def items_taken(self) -> None:
        """The citizen touched "已取走" on the prompt to take the card and slip."""
        self.after.dismiss_prompt()

    # ---- for maintenance and health
    def state(self) -> VisitState:
        """What a visit is doing now; only reads, so any thread may ask."""
        session = self.core.sessions.current
        flow = self.flow
        step = flow.current if flow is not None else None
        return VisitState(
            in_progress=session is not None,
            service_id=session.service_id if session is not None else "",
            step=step.kind if step is not None else "",
            interruptible=not (flow is not None and flow.outcome is None and flow.no_return),
        )
