"""Service flows: an ordered list of steps, run one at a time, with back and cancel.

A flow is plain Python and runs on one thread (the GUI thread in the app, the
test's thread in tests). Anything that blocks — a device operation, an HTTP
call, a face comparison — goes through ``FlowEnv.run_async``, whose callback
comes back on that same thread. Device events reach the current step through
``Flow.on_device_event``, already on that thread.
"""

from __future__ import annotations

import enum
import importlib
import logging
import pkgutil
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, Protocol, TypeVar

from kiosk.config.schema import KioskConfig, Service
from kiosk.flow.devices import FlowDevices
from kiosk.flow.services import FlowServices
from kiosk.visit.idle import IdleTracker
from kiosk.visit.session import Session

if TYPE_CHECKING:  # the queue stack loads behind the first paint (kiosk.app)
    from offline_queue.client import PlatformClient
    from offline_queue.outbox import Outbox

log = logging.getLogger(__name__)


class FlowOutcome(enum.StrEnum):
    COMPLETED = "completed"
    CANCELLED = "cancelled"
    TIMEOUT = "timeout"
    FAILED = "failed"


class FlowError(Exception):
    """A step cannot go on; ``code`` picks the citizen message, ``detail`` is for logs."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code
        self.detail = detail


T = TypeVar("T")


class Executor(Protocol):
    """Runs ``fn`` somewhere; ``done(future)`` is called on the flow's thread."""

    def __call__(self, fn: Callable[[], T], done: Callable[[Future[T]], None], /) -> None: ...


@dataclass
class FlowEnv:
    """What steps may use. The app fills it; tests fill it with simulators."""

    config: KioskConfig
    idle: IdleTracker
    devices: FlowDevices = field(default_factory=FlowDevices)
    outbox: Outbox | None = None  # None: the queue did not start
    platform: PlatformClient | None = None
    services: FlowServices = field(default_factory=FlowServices)
    run_async: Executor | None = None

    def call(self, fn: Callable[[], T], done: Callable[[Future[T]], None]) -> None:
        """Run ``fn`` off the flow's thread; ``done(future)`` comes back on it."""
        if self.run_async is None:
            raise RuntimeError("FlowEnv.run_async is not set")
        self.run_async(fn, done)


class Step:
    """One step of a service flow. Subclasses set ``kind`` and override hooks."""

    kind: ClassVar[str] = ""
    #: False once the step has an effect that back cannot undo (payment, submit).
    can_go_back: ClassVar[bool] = True
    #: Short spoken/visible instruction key; the UI maps it to translated text.
    prompt_key: ClassVar[str] = ""
    #: Devices (configured names) the step cannot run without. What a service needs
    #: follows from its steps (``kiosk.flow.service_availability``), so a service is
    #: never offered with a device one of its steps needs down.
    needs: ClassVar[tuple[str, ...]] = ()
    #: Counted in "第N步，共M步": False for the pages around the work (start, success, rating).
    counted: ClassVar[bool] = True
    #: Leaving on this step gives up something being applied for; False where nothing can
    #: be (a start page, a result, a guide, a rating): the way out says "返回首页".
    cancellable: ClassVar[bool] = True

    def __init__(self, flow: Flow) -> None:
        self.flow = flow
        self.error: FlowError | None = None
        self.busy = False
        self._listeners: list[Callable[[Step], None]] = []

    # ---- hooks
    def enter(self) -> None:
        """The step becomes current: start what it needs (camera, card polling)."""

    def leave(self) -> None:
        """The step stops being current: stop devices, drop frames."""

    def on_device_event(self, device: str, event: Any) -> None:
        """A device event while this step is current."""

    # ---- helpers for subclasses
    @property
    def env(self) -> FlowEnv:
        return self.flow.env

    @property
    def data(self) -> Any:
        return self.flow.session.data

    def add_listener(self, listener: Callable[[Step], None]) -> None:
        self._listeners.append(listener)

    def changed(self) -> None:
        """Tell the page to redraw from the step's state."""
        for listener in list(self._listeners):
            listener(self)

    def set_busy(self, busy: bool) -> None:
        """A device or network operation is under way: the idle timer waits."""
        if busy == self.busy:
            return
        self.busy = busy
        if busy:
            self.env.idle.pause()
        else:
            self.env.idle.resume()
        self.changed()

    def fail(self, error: FlowError) -> None:
        """Show the problem on this step; the citizen may retry, go back or cancel."""
        self.error = error
        log.info("step problem", extra={"step": self.kind, "code": error.code})
        self.set_busy(False)
        self.changed()

    def clear_error(self) -> None:
        self.error = None
        self.changed()

    def complete(self) -> None:
        self.set_busy(False)
        self.error = None
        self.flow.advance()


StepFactory = type[Step]
STEP_KINDS: dict[str, StepFactory] = {}
_all_loaded = False  # every module of kiosk.flow imported (once: a flow starts each visit)


def step_kinds() -> dict[str, StepFactory]:
    """Every registered step kind, importing the modules of ``kiosk.flow`` on first use.

    A step kind is declared once, by its class with :func:`step_kind`, in any module of
    the package. Some need numpy and the face engine: start-up does not wait for them.
    """
    global _all_loaded
    if not _all_loaded:
        for module in pkgutil.iter_modules([str(Path(__file__).parent)]):
            importlib.import_module(f"{__package__}.{module.name}")
        _all_loaded = True
    return STEP_KINDS


def step_kind(cls: StepFactory) -> StepFactory:
    """Class decorator: register a step kind under ``cls.kind``."""
    if not cls.kind or cls.kind in STEP_KINDS:
        raise ValueError(f"step kind {cls.kind!r} missing or registered twice")
    STEP_KINDS[cls.kind] = cls
    return cls


FlowListener = Callable[["Flow"], None]


class Flow:
    """Runs one service's steps for one session."""

    def __init__(
        self,
        service: Service,
        session: Session,
        env: FlowEnv,
        kinds: dict[str, StepFactory] | None = None,
    ) -> None:
        kinds = step_kinds() if kinds is None else kinds
        unknown = [s for s in service.steps if s not in kinds]
        if unknown:
            raise FlowError("UNKNOWN_STEP", f"service {service.id}: {unknown}")
        self.service = service
        self.session = session
        self.env = env
        self.steps: list[Step] = [kinds[name](self) for name in service.steps]
        self.index = -1
        self.outcome: FlowOutcome | None = None
        self.no_return = False  # set once a step that cannot be undone is done
        self._listeners: list[FlowListener] = []
        self._end_listeners: list[Callable[[Flow, FlowOutcome], None]] = []

    @property
    def current(self) -> Step | None:
        if self.outcome is not None or not 0 <= self.index < len(self.steps):
            return None
        return self.steps[self.index]

    @property
    def can_go_back(self) -> bool:
        step = self.current
        return step is not None and not step.busy and self.index > 0 and not self.no_return

    @property
    def submitted(self) -> bool:
        """The case is durable in the queue: there is nothing left to cancel."""
        return "case_id" in self.session.data

    @property
    def nothing_to_cancel(self) -> bool:
        """Leaving now gives up nothing: the case is filed, or the step applies for nothing."""
        step = self.current
        return self.submitted or (step is not None and not step.cancellable)

    def step_number(self) -> tuple[int, int] | None:
        """(n, m) of "第n步，共m步", counting real steps only; None on a page around them."""
        step = self.current
        if step is None or not step.counted:
            return None
        counted = [s for s in self.steps if s.counted]
        return counted.index(step) + 1, len(counted)

    def add_listener(self, listener: FlowListener) -> None:
        """Called whenever the current step changes."""
        self._listeners.append(listener)

    def add_end_listener(self, listener: Callable[[Flow, FlowOutcome], None]) -> None:
        """Called once when the flow ends; the last added is called first.

        Steps add theirs (e.g. a refund unless a case was filed) after the flow's
        owner, whose listener ends the session and wipes its data: they must
        still see that data.
        """
        self._end_listeners.append(listener)

    def start(self) -> None:
        self._go(0)

    def advance(self) -> None:
        step = self.current
        if step is None:
            return
        if not step.can_go_back:
            self.no_return = True
        if self.index + 1 >= len(self.steps):
            self._end(FlowOutcome.COMPLETED)
        else:
            self._go(self.index + 1)

    def back(self) -> bool:
        if not self.can_go_back:
            return False
        self._go(self.index - 1)
        return True

    def cancel(self) -> None:
        self._end(FlowOutcome.CANCELLED)

    def timeout(self) -> None:
        self._end(FlowOutcome.TIMEOUT)

    def on_device_event(self, device: str, event: Any) -> None:
        step = self.current
        if step is not None:
            step.on_device_event(device, event)

    def _go(self, index: int) -> None:
        old = self.current
        if old is not None:
            self._leave(old)
        self.index = index
        step = self.steps[index]
        step.error = None
        log.info("step", extra={"service": self.service.id, "step": step.kind, "index": index})
        for listener in list(self._listeners):
            listener(self)
        step.enter()

    def _leave(self, step: Step) -> None:
        if step.busy:
            step.set_busy(False)
        try:
            step.leave()
        except Exception:
            log.exception("step leave failed", extra={"step": step.kind})

    def _end(self, outcome: FlowOutcome) -> None:
        if self.outcome is not None:
            return
        step = self.current
        if step is not None:
            self._leave(step)
        self.outcome = outcome
        log.info("flow ended", extra={"service": self.service.id, "outcome": str(outcome)})
        for end_listener in reversed(list(self._end_listeners)):
            try:
                end_listener(self, outcome)
            except Exception:
                log.exception("flow end listener failed")
        for listener in list(self._listeners):
            listener(self)


def inline_executor(fn: Callable[[], T], done: Callable[[Future[T]], None], /) -> None:
    """Run at once on the caller's thread (tests, command-line tools)."""
    future: Future[T] = Future()
    try:
        future.set_result(fn())
    except BaseException as exc:  # delivered to ``done`` like a worker's failure
        future.set_exception(exc)
    done(future)
