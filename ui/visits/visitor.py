"""A scripted citizen at the kiosk window: from home, through a service's steps, back home.

The visitor presses the real widgets (tiles, keys, chips, buttons) and acts on
the simulated devices the way a person would (places the card, looks at the
camera, scans a payment code or a slip). It knows no service: each step kind
has a walker (``ui.visits.walkers``), so a service made of known kinds walks
with no new code. Waiting runs the Qt event loop until a condition holds, with
a deadline, never a fixed sleep.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEventLoop, QTimer

from drivers.base import DeviceState
from drivers.camera.citizen import Citizen
from drivers.idcard.profiles import PROFILES
from kiosk.flow.engine import Flow, Step
from ui.visits.plan import VisitPlan
from ui.visits.recorder import Recorder
from ui.visits.visit_record import VisitError, VisitRecord
from ui.visits.walker_registry import walker_for
from ui.widgets.camera_view import CameraView

if TYPE_CHECKING:
    from ui.main_window import KioskWindow

#: Longest wait for one thing to happen (a device reply, a queue commit, a face check).
STEP_TIMEOUT_S = 30.0
#: How often a wait looks again (and lets the citizen act in front of the camera).
POLL_MS = 10


class Visitor:
    """Walks services through ``window``; one instance may make many visits."""

    def __init__(
        self,
        window: KioskWindow,
        recorder: Recorder | None = None,
        on_screen: Callable[[str], None] | None = None,
    ) -> None:
        self.window = window
        self.core = window.core
        self.recorder = recorder
        #: Called with the screen's name wherever one is recorded (e.g. a layout audit).
        self.on_screen = on_screen
        self.slip_codes: list[str] = []  # QR payloads of slips taken, newest last
        self.record: VisitRecord | None = None
        self.citizen: Citizen | None = None
        self._card_left_shown = False
        self._watched: set[int] = set()
        self._shot: set[int] = set()
        self._loop = QEventLoop()
        self._timer = QTimer(interval=POLL_MS)
        self._timer.timeout.connect(self._poll)
        self._until: Callable[[], bool] = lambda: True
        self._each: Callable[[], None] | None = None
        self._last_end: str | None = None
        self._error: Exception | None = None
        window.session_ended.connect(self._ended)

    # ---- devices and widgets
    def device(self, name: str) -> Any:
        return self.core.devices.get(name)

    def simulator(self, name: str) -> Any:
        """The simulator behind device ``name``; a visit on real devices cannot be scripted."""
        sim = getattr(self.device(name), "simulator", None)
        if sim is None:
            raise VisitError(f"device {name!r} is not simulated: a scripted visit needs it to be")
        return sim

    @property
    def page(self) -> Any:
        return self.window.flow_host.current_page

    @property
    def plan(self) -> VisitPlan:
        assert self.record is not None
        return self.record.plan

    def current(self) -> Step | None:
        flow = self.window.flow
        return flow.current if flow is not None else None

    def click(self, button: Any, what: str) -> None:
        if not button.isEnabled():
            raise VisitError(f"{what}: the button is disabled at {self._where()}")
        button.click()

    # ---- waiting
    def wait_until(
        self,
        predicate: Callable[[], bool],
        what: str,
        timeout_s: float = STEP_TIMEOUT_S,
        each: Callable[[], None] | None = None,
    ) -> None:
        """Run the event loop until ``predicate()``; ``each()`` runs on every look."""
        if each is not None:
            each()
        if predicate():
            return
        deadline = time.monotonic() + timeout_s
        self._until = lambda: predicate() or time.monotonic() > deadline
        self._each = each
        self._error = None
        self._timer.start()
        try:
            self._loop.exec()
        finally:
            self._timer.stop()
            self._until, self._each = (lambda: True), None
        error, self._error = self._error, None
        if error is not None:
            raise error
        if not predicate():
            raise VisitError(f"{what}: not within {timeout_s:.0f} s at {self._where()}")

    def _poll(self) -> None:
        # Runs inside Qt's loop, which would swallow an exception: keep it for wait_until.
        try:
            if self._each is not None:
                self._each()
            done = self._until()
        except Exception as exc:
            self._error = exc
            done = True
        if done:
            self._loop.quit()

    def wait_left(
        self, step: Step, what: str, timeout_s: float = STEP_TIMEOUT_S, each: Any = None
    ) -> None:
        """Until ``step`` is not on screen any more; a problem shown on it stops the visit."""

        def left() -> bool:
            if self.current() is not step:
                return True
            if step.error is not None and not step.busy:
                raise VisitError(f"{what}: step {step.kind} shows {step.error.code}")
            return False

        self.wait_until(left, what, timeout_s, each)

    def _where(self) -> str:
        step = self.current()
        service = self.record.service_id if self.record is not None else "-"
        return f"{service}/{step.kind if step is not None else 'home'}"

    # ---- screens
    def shot(self, detail: str = "", kind: str | None = None) -> None:
        """Record the screen as ``<service>-v<NNN>-<kind>[-<detail>]`` (with a recorder)."""
        record = self.record
        if record is None:
            return
        if kind is None:
            step = self.current()
            kind = step.kind if step is not None else "home"
        name = f"{record.service_id}-v{record.plan.number:03d}-{kind}"
        name += f"-{detail}" if detail else ""
        record.screens.append(name)
        if self.recorder is not None:
            self.recorder.screen(name)
        if self.on_screen is not None:
            self.on_screen(name)

    def _watch(self, flow: Flow) -> None:
        """Record each step's screen as soon as it first shows its own state."""
        self._watched = set()
        self._shot = set()
        flow.add_listener(lambda f: self._entered(f.current))
        # The first step entered before the visitor could listen: its screen is up already.
        self._entered(flow.current)
        if flow.current is not None:
            self._shoot_once(flow.current)

    def _entered(self, step: Step | None) -> None:
        if step is None or id(step) in self._watched:
            return
        self._watched.add(id(step))
        assert self.record is not None
        self.record.kinds.append(step.kind)

        def first_change(s: Step) -> None:
            if self.current() is s:
                self._shoot_once(s)

        step.add_listener(first_change)

    def _shoot_once(self, step: Step) -> None:
        """The step's own screen, once: at its first change, or before its walker acts."""
        if id(step) not in self._shot:
            self._shot.add(id(step))
            self.shot()

    # ---- a visit
    def visit(self, service_id: str, plan: VisitPlan) -> VisitRecord:
        """Walk ``service_id`` from the home screen to the rating and back home."""
        window = self.window
        flow = self._begin(service_id, plan)
        record = self.record
        assert record is not None
        while window.flow is flow and flow.current is not None:
            step = flow.current
            self._shoot_once(step)  # a step that has not changed since it was shown (confirm)
            walker_for(step.kind)(self, step)
            if window.flow is flow and flow.current is step:
                raise VisitError(f"the walker of {step.kind} returned with the step still shown")
        self.wait_until(self._at_home, "back on the home screen")
        record.ended = self._last_end
        self._after_visit()
        return record

    def walk_to(self, service_id: str, plan: VisitPlan, kind: str) -> Step:
        """Walk ``service_id`` as :meth:`visit` does until a step of ``kind`` is on screen.

        For fault scenes: the caller breaks something there, records the screen, and
        ends the visit with :meth:`leave`.
        """
        window = self.window
        flow = self._begin(service_id, plan)
        while window.flow is flow and flow.current is not None:
            step = flow.current
            if step.kind == kind:
                return step
            self._shoot_once(step)
            walker_for(step.kind)(self, step)
        raise VisitError(f"{service_id}: the visit ended before {kind}")

    def _begin(self, service_id: str, plan: VisitPlan) -> Flow:
        """From the home screen: language and size as planned, the service's tile pressed."""
        if self.window.flow is not None or self.core.sessions.current is not None:
            raise VisitError("a visit starts on the home screen")
        self.record = record = VisitRecord(service_id, plan)
        self._choose_language_and_size(plan)
        self._open(service_id)
        flow = self.window.flow
        if flow is None:
            raise VisitError(f"{service_id}: no flow started (service unavailable?)")
        record.session = self.core.sessions.current
        self._watch(flow)
        return flow

    def leave(self) -> None:
        """End the visit the citizen's way: the cancel (or 返回首页) button; then walk off."""
        if self.window.flow is not None:
            self.click(self.window.flow_host.cancel_button, "leave the visit")
        self.wait_until(self._at_home, "back on the home screen")
        if self.record is not None:
            self.record.ended = self._last_end
        self._after_visit()

    def _choose_language_and_size(self, plan: VisitPlan) -> None:
        bar = self.window.top_bar
        if self.window.language.current != plan.language:
            self.click(bar.language_button, "language")
        if self.window.large_type != plan.large_type:
            self.click(bar.large_type_button, "长辈版")
        if (self.window.language.current, self.window.large_type) != (
            plan.language,
            plan.large_type,
        ):
            raise VisitError("language or 长辈版 did not switch")

    def _open(self, service_id: str) -> None:
        home = self.window.home
        tile = home.tiles[service_id]
        index = list(home.tiles).index(service_id)
        page = index // (home.columns * home.rows)
        while home.page != page:  # page through with the big buttons, as a citizen would
            button = home.next_button if home.page < page else home.prev_button
            self.click(button, "home page")
        self._last_end = None
        self.click(tile, f"tile {service_id}")

    def _ended(self, reason: str) -> None:
        self._last_end = reason

    def _at_home(self) -> bool:
        w = self.window
        return (
            w.flow is None
            and self.core.sessions.current is None
            and w.stack.currentWidget() is w.home
        )

    def _after_visit(self) -> None:
        """The citizen walks off: takes the card (after the reminder) and leaves the camera."""
        if self.citizen is not None:
            self.citizen.leave()
            self.citizen = None
        reader = self.device("idcard")
        sim = getattr(reader, "simulator", None)
        if sim is None or sim.card is None:
            return
        if self.window.home.notice.isVisible() and not self._card_left_shown:
            self._card_left_shown = True
            self.shot("reminder", kind="home")  # "请取走读卡区上的身份证" (and the slip)
        sim.remove_card()
        self.wait_until(
            lambda: reader.status.state is not DeviceState.CARD_PRESENT,
            "the card taken from the reader",
        )

    # ---- for walkers
    def face_the_camera(self) -> Citizen:
        """This visit's citizen before the camera (the read card's face, if one was read)."""
        if self.citizen is None:
            person = "person_a"
            card = self.record.id_number if self.record is not None else None
            for profile in PROFILES.values():
                if card is not None and profile.fields.get("id_number") == card:
                    person = profile.photo_key
            self.citizen = Citizen(self.device("camera"), person)
        return self.citizen

    def previews_off(self) -> bool:
        """No camera preview runs or holds a frame anywhere in the flow host."""
        views = self.window.flow_host.findChildren(CameraView)
        return all(not v.timer.isActive() and not v.has_frame for v in views)
