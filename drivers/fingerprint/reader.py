"""The fingerprint reader interface every backend implements: capture, verify, enroll, cancel."""

from __future__ import annotations

import threading
import time
from abc import abstractmethod
from collections.abc import Callable
from typing import ClassVar, TypeVar

from drivers.base import (
    Actor,
    Device,
    DeviceNotReady,
    DeviceState,
    DeviceStatus,
    DriverSettings,
)
from drivers.fingerprint.model import (
    Capture,
    MatchResult,
    NotSupported,
    OperationCancelled,
    ReaderBusy,
    Template,
    TemplateIncompatible,
)
from drivers.fingerprint.settings import FingerprintReaderSettings

T = TypeVar("T")

#: Capabilities a reader may announce.
CAPTURE, VERIFY, ENROLL, IDENTIFY, IMAGE, IDCARD_MATCH = (
    "capture",
    "verify",
    "enroll",
    "identify",
    "image",
    "idcard_match",
)


class Operation:
    """One running capture/verify/enroll: its deadline and its cancel flag."""

    def __init__(self, name: str, timeout_s: float) -> None:
        self.name = name
        self.deadline = time.monotonic() + timeout_s
        self._cancelled = threading.Event()
        self._wakers: list[Callable[[], None]] = []
        self._lock = threading.Lock()

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()

    def remaining(self) -> float:
        return self.deadline - time.monotonic()

    def on_cancel(self, waker: Callable[[], None]) -> None:
        """Call ``waker`` when the operation is cancelled (at once if it already is)."""
        with self._lock:
            self._wakers.append(waker)
            already = self._cancelled.is_set()
        if already:
            waker()

    def cancel(self) -> None:
        with self._lock:
            self._cancelled.set()
            wakers = list(self._wakers)
        for waker in wakers:
            waker()

    def check(self) -> None:
        if self._cancelled.is_set():
            raise OperationCancelled(f"{self.name} cancelled")


_BUSY_CODES = {"capture": "CAPTURING", "verify": "VERIFYING", "enroll": "ENROLLING"}


class FingerprintReader(Device):
    """Base of every fingerprint driver: one operation at a time, BUSY while it runs.

    ``capture`` returns a :class:`Capture` whose template the caller owns and
    must wipe at session end; ``verify`` matches a live finger against a
    template; ``cancel`` (from any thread) ends the running operation with
    :class:`OperationCancelled`. Timeouts raise :class:`FingerTimeout`.
    """

    kind = "fingerprint"
    Settings: ClassVar[type[DriverSettings]] = FingerprintReaderSettings
    settings: FingerprintReaderSettings
    #: The template format this backend makes and matches.
    template_format: ClassVar[str] = ""

    def __init__(self, settings: DriverSettings | None = None) -> None:
        super().__init__(settings)
        self._op_lock = threading.Lock()
        self._op: Operation | None = None

    # ---- public
    def capabilities(self) -> frozenset[str]:
        return frozenset({CAPTURE, VERIFY})

    def capture(self, *, timeout_s: float | None = None) -> Capture:
        """Wait for a finger and return its template (caller wipes it)."""
        timeout = timeout_s if timeout_s is not None else self.settings.capture_timeout_s
        return self._run("capture", timeout, self._capture)

    def verify(
        self, template: Template | bytes | bytearray, *, timeout_s: float | None = None
    ) -> MatchResult:
        """Wait for a finger and match it against ``template``."""
        if not isinstance(template, Template):
            template = Template(template, self.template_format)
        if template.format != self.template_format:
            raise TemplateIncompatible(
                f"template format {template.format!r} cannot be matched by "
                f"{type(self).__name__} ({self.template_format!r})"
            )
        template.data  # noqa: B018 - raises TemplateWiped before a citizen is asked for a finger
        timeout = timeout_s if timeout_s is not None else self.settings.verify_timeout_s
        return self._run("verify", timeout, lambda op: self._verify(template, op))

    def enroll(self, *, timeout_s: float | None = None) -> Capture:
        """Several touches merged into one template, where the backend enrols."""
        if "enroll" not in self.capabilities():
            raise NotSupported(f"{type(self).__name__} cannot enrol")
        timeout = timeout_s if timeout_s is not None else self.settings.capture_timeout_s
        return self._run("enroll", timeout, self._enroll)

    def match_idcard(self, live: Capture, card_block: bytes | bytearray) -> MatchResult:
        """Match a live capture against the ID card's fingerprint block (vendor plugin only)."""
        raise NotSupported(
            "matching against the ID card's fingerprint block needs the reader vendor's "
            "licensed algorithm; no such plugin is configured"
        )

    def cancel(self) -> None:
        """End the running operation (it raises OperationCancelled); no-op when idle."""
        op = self._op
        if op is not None:
            op.cancel()

    @property
    def busy(self) -> bool:
        return self._op is not None

    # ---- backend hooks
    @abstractmethod
    def _capture(self, op: Operation) -> Capture: ...

    @abstractmethod
    def _verify(self, template: Template, op: Operation) -> MatchResult: ...

    def _enroll(self, op: Operation) -> Capture:
        raise NotSupported(f"{type(self).__name__} cannot enrol")

    # ---- helpers
    def _run(self, name: str, timeout_s: float, fn: Callable[[Operation], T]) -> T:
        status = self.status
        if not status.usable:
            raise DeviceNotReady(
                f"fingerprint reader not ready: {status.detail or status.state}", code=status.code
            )
        if not self._op_lock.acquire(blocking=False):
            raise ReaderBusy("another fingerprint operation is running")
        op = Operation(name, timeout_s)
        try:
            self._op = op
            self._set_status(self._busy_status(name))
            return fn(op)
        finally:
            self._op = None
            self._op_lock.release()
            self._operation_ended()

    def _busy_status(self, name: str) -> DeviceStatus:
        return DeviceStatus(DeviceState.BUSY, _BUSY_CODES[name], f"{name} running", Actor.NONE)

    def _operation_ended(self) -> None:
        """Back to the idle status unless the operation found the device lost or broken."""
        if self.status.state is DeviceState.BUSY:
            self._set_status(self._idle_status())

    def _idle_status(self) -> DeviceStatus:
        """The status when no operation runs; backends that can see the device override it,
        so a loss reported during an operation is not overwritten when it ends."""
        return DeviceStatus.online("ready")
