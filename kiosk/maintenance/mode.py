"""Maintenance mode: in and out of service without dropping a citizen's visit.

Entering (after a right PIN) looks at the visit first
(:meth:`VisitController.state`): no visit, and the kiosk goes out of service at
once; a visit before its point of no return is ended, and the citizen is told
why; a visit past it (paid, submitted) finishes first, and maintenance begins
when it ends. The PIN pad itself is not opened during a payment step, whose
screen the citizen is paying from.

Leaving runs the internal and external health check of every device
(:mod:`kiosk.maintenance.readiness`) and returns to service only when the kiosk
could serve; otherwise it stays out of service and says why. A technician may
also keep it out of service on purpose, with a message for citizens; that
choice is kept on disk, so a restart does not quietly put the kiosk back.

:attr:`MaintenanceMode.mode` is what the health report reads. Call everything
else on the screen's thread; blocking checks go through the injected executor.
"""

from __future__ import annotations

import enum
import json
import logging
import time
from collections.abc import Callable
from concurrent.futures import Future
from typing import TYPE_CHECKING

from kiosk.maintenance import events as ev
from kiosk.maintenance.access import Attempt, Outcome, PinCheck, TapGesture, badge_technician
from kiosk.maintenance.audit import AuditTrail
from kiosk.maintenance.lockout import Lockout, write_private
from kiosk.maintenance.readiness import CheckLog, Readiness, check_readiness
from kiosk.visit.events import VisitEnded, VisitEvent
from kiosk.visit.session import EndReason

if TYPE_CHECKING:
    from kiosk.app import KioskCore
    from kiosk.flow.engine import Executor
    from kiosk.visit.controller import VisitController

log = logging.getLogger(__name__)

STATE_FILE = "maintenance-mode.json"
#: Steps whose screen a citizen pays from: no PIN pad over them.
PAYING_STEPS = frozenset({"payment"})

Listener = Callable[[ev.MaintenanceEvent], None]


class Mode(enum.StrEnum):
    SERVING = "serving"
    MAINTENANCE = "maintenance"
    OUT_OF_SERVICE = "out_of_service"


class MaintenanceMode:
    def __init__(
        self,
        core: KioskCore,
        visit: VisitController,
        run_async: Executor,
        *,
        clock: Callable[[], float] = time.monotonic,
        wall_clock: Callable[[], float] = time.time,
    ) -> None:
        self.core = core
        self.visit = visit
        self.run_async = run_async
        self.settings = core.config.maintenance
        self._clock = clock
        data_dir = core.config.kiosk.resolved_data_dir()
        self.audit = AuditTrail(data_dir, core.config.kiosk.id, lambda: core.outbox, wall_clock)
        self.lockout = Lockout(data_dir, self.settings.lockout, wall_clock)
        self.pins = PinCheck(self.settings, self.lockout, self.audit)
        self.gestures = TapGesture(self.settings.gesture, clock)
        self.checks = CheckLog()
        self._state_path = data_dir / STATE_FILE
        self._listeners: list[Listener] = []
        self.technician = ""  # in a session
        self._pending = ""  # PIN right, waiting for a visit to end
        self._last_input = 0.0
        self._checking = False
        self.kept_out, self.message = self._load_kept_out()
        self._mode = Mode.OUT_OF_SERVICE if self.kept_out else Mode.SERVING
        self.last_readiness: Readiness | None = None
        visit.add_listener(self._on_visit_event)

    # ---- for the health report and the screens
    @property
    def mode(self) -> Mode:
        """serving, maintenance or out_of_service; read-only, any thread may ask."""
        return self._mode

    @property
    def in_session(self) -> bool:
        return bool(self.technician)

    @property
    def checking(self) -> bool:
        """The checks before leaving are running."""
        return self._checking

    def add_listener(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def _emit(self, event: ev.MaintenanceEvent) -> None:
        for listener in list(self._listeners):
            listener(event)

    def current_screen(self) -> ev.MaintenanceEvent:
        """What the screens should show now (at start: a kiosk kept out of service)."""
        if self.in_session:
            return ev.ShowConsole(self.technician)
        if self._mode is Mode.SERVING:
            return ev.ShowService()
        return ev.ShowOutOfService(message=self.message, problems=self._problems())

    # ---- the way in
    def tap(self, in_corner: bool) -> None:
        """A touch on the citizen screen; the hidden gesture opens the PIN pad."""
        if self.gestures.tap(in_corner):
            self.open_pin_pad("", via="gesture")

    def scanned(self, code: str) -> bool:
        """A scanned code; True if it was a technician's badge (kept from the visit)."""
        tech = badge_technician(code, self.settings)
        if tech is None:
            return False
        self.open_pin_pad(tech, via="badge")
        return True

    def open_pin_pad(self, technician: str, via: str) -> bool:
        if self.in_session or self._checking:
            return False
        state = self.visit.state()
        if state.in_progress and state.step in PAYING_STEPS:
            # The citizen is paying from this screen: nothing covers it.
            self.audit.record("entry", "refused", technician, f"via {via}: payment in progress")
            return False
        self._emit(ev.AskPin(technician))
        return True

    def submit_pin(self, technician: str, pin: str, via: str = "pad") -> Attempt:
        attempt = self.pins.attempt(technician, pin, via)
        if attempt.outcome is Outcome.OK:
            self._request_entry(attempt.technician)
        else:
            self._emit(ev.PinRefused(attempt.locked_for_s))
        return attempt

    def _request_entry(self, technician: str) -> None:
        if self.in_session:
            return
        state = self.visit.state()
        if not state.in_progress:
            self._enter(technician, visit_ended=False)
        elif state.interruptible and state.step not in PAYING_STEPS:
            self.visit.end_visit(EndReason.CANCELLED)  # nothing taken yet: wiped, no fee
            self._enter(technician, visit_ended=True)
        else:
            self._pending = technician
            self.audit.record("entry", "waiting", technician, f"visit {state.service_id} finishes")
            self._emit(ev.WaitingForVisit(state.service_id))

    def cancel_waiting(self) -> None:
        if self._pending:
            self.audit.record("entry", "cancelled", self._pending)
            self._pending = ""
            self._emit(self.current_screen())

    def _on_visit_event(self, event: VisitEvent) -> None:
        if isinstance(event, VisitEnded) and self._pending:
            technician, self._pending = self._pending, ""
            self._enter(technician, visit_ended=False)

    def _enter(self, technician: str, *, visit_ended: bool) -> None:
        self.technician = technician
        self._last_input = self._clock()
        self._mode = Mode.MAINTENANCE
        detail = "visit ended for maintenance" if visit_ended else ""
        self.audit.record("enter", "ok", technician, detail)
        self._emit(ev.ShowOutOfService(visit_ended=visit_ended, message=self.message))
        self._emit(ev.ShowConsole(technician))

    # ---- the session
    def touched(self) -> None:
        """Technician input: the session's idle time starts over."""
        if self.in_session:
            self._last_input = self._clock()

    def tick(self) -> None:
        idle_s = self._clock() - self._last_input
        if self.in_session and not self._checking and idle_s >= self.settings.session_idle_s:
            self.audit.record("session", "timeout", self.technician)
            self.leave(audited=False)

    def set_out_of_service(self, on: bool, message: str = "") -> None:
        """Keep the kiosk out of service after the session (with a message), or not."""
        self.kept_out, self.message = on, (message if on else "")
        self._save_kept_out()
        self.audit.record("out_of_service", "on" if on else "off", self.technician, message[:80])

    def leave(self, *, audited: bool = True) -> None:
        """End the session; back into service if the kiosk could serve (checks run first)."""
        if not self.in_session or self._checking:
            return
        technician = self.technician
        if audited:
            self.audit.record("leave", "requested", technician)
        self._checking = True
        self._emit(ev.Checking())
        self.run_async(
            lambda: check_readiness(self.core, self.checks),
            lambda future: self._left(technician, future),
        )

    def _left(self, technician: str, future: Future[Readiness]) -> None:
        self._checking = False
        self.technician = ""
        try:
            readiness = future.result()
        except Exception as exc:  # a check that raised: not ready, say so
            log.exception("readiness check failed")
            readiness = Readiness(False, (f"check failed: {type(exc).__name__}",))
        self.last_readiness = readiness
        if readiness.can_serve and not self.kept_out:
            self._mode = Mode.SERVING
            self.audit.record("return_to_service", "ok", technician, "; ".join(readiness.problems))
            self.visit.refresh_availability()
            self._emit(ev.ShowService())
            return
        self._mode = Mode.OUT_OF_SERVICE
        why = "kept out of service" if self.kept_out else "; ".join(readiness.problems)
        self.audit.record("return_to_service", "refused", technician, why)
        self._emit(ev.ShowOutOfService(message=self.message, problems=self._problems()))

    def _problems(self) -> tuple[str, ...]:
        if self.kept_out or self.last_readiness is None:
            return ()
        return self.last_readiness.problems

    # ---- kept out of service across restarts
    def _load_kept_out(self) -> tuple[bool, str]:
        try:
            doc = json.loads(self._state_path.read_bytes())
            return bool(doc["out_of_service"]), str(doc.get("message", ""))[:200]
        except FileNotFoundError:
            return False, ""
        except (OSError, ValueError, KeyError, TypeError):
            log.warning("maintenance state unreadable: kiosk kept out of service")
            return True, ""

    def _save_kept_out(self) -> None:
        doc = {"out_of_service": self.kept_out, "message": self.message}
        try:
            write_private(self._state_path, json.dumps(doc, ensure_ascii=False).encode())
        except OSError as exc:
            log.error("maintenance state not saved", extra={"error": type(exc).__name__})
