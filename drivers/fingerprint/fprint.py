"""Fingerprint readers supported by libfprint, through PyGObject (``gi.repository.FPrint``).

Optional: needs PyGObject (extra ``fprint``) and the system packages
``gir1.2-fprint-2.0`` and ``libfprint-2-2``. They are imported when the driver
opens; when missing, the reader reports ERROR / CONFIG_ERROR and says what to
install.

libfprint drives its devices from the process's default GLib main context, so
all its calls run on the supervisor's worker thread (:mod:`drivers.supervisor`),
which owns that context while it runs; one ``FprintReader`` per process.
``capture`` is a libfprint enrolment (several touches on swipe sensors),
``verify`` a libfprint verification. For development,
``virtual_device_socket`` sets ``FP_VIRTUAL_DEVICE`` so libfprint's
``virtual_device`` driver listens there for ``SCAN <id>`` / ``RETRY n`` /
``UNPLUG`` commands (see :mod:`drivers.fingerprint.simulator`).
"""

from __future__ import annotations

import concurrent.futures
import logging
import os
import queue
import threading
import time
from collections.abc import Callable
from typing import Any, TypeVar

from drivers.base import Actor, DeviceError, DeviceIdentity, DeviceLost, DeviceState, DeviceStatus
from drivers.fingerprint.model import (
    Capture,
    CaptureRetry,
    EnrollProgress,
    FingerNeeded,
    FingerPlaced,
    FingerRemoved,
    FingerTimeout,
    MatchResult,
    OperationCancelled,
    RetryReason,
    Template,
)
from drivers.fingerprint.reader import (
    CAPTURE,
    ENROLL,
    IDENTIFY,
    IMAGE,
    VERIFY,
    FingerprintReader,
    Operation,
)
from drivers.fingerprint.settings import FprintReaderSettings
from drivers.supervisor import SupervisedDevice

log = logging.getLogger(__name__)

T = TypeVar("T")
TEMPLATE_FORMAT = "libfprint"
#: libfprint's default main context belongs to one thread of the process.
_CONTEXT_OWNER = threading.Lock()


class DeviceGone(DeviceLost):
    """libfprint says the reader was removed."""


def import_fprint() -> tuple[Any, Any, Any]:
    """``(FPrint, Gio, GLib)`` from PyGObject, or CONFIG_ERROR saying what to install."""
    try:
        import gi

        gi.require_version("FPrint", "2.0")
        from gi.repository import FPrint, Gio, GLib
    except (ImportError, ValueError) as exc:
        raise DeviceError(
            "libfprint backend unavailable: install PyGObject (pip extra 'fprint') and the "
            f"system packages gir1.2-fprint-2.0 and libfprint-2-2 ({exc})",
            code="CONFIG_ERROR",
        ) from exc
    return FPrint, Gio, GLib


_REMOVED = "fingerprint reader removed; waiting for it"


class FprintReader(SupervisedDevice, FingerprintReader):
    """A libfprint reader; all libfprint calls run on the supervisor's worker thread."""

    Settings = FprintReaderSettings
    settings: FprintReaderSettings
    template_format = TEMPLATE_FORMAT
    # The worker connects: the GLib context it needs belongs to that thread.
    connect_in_open = False

    def __init__(self, settings: FprintReaderSettings | None = None) -> None:
        super().__init__(settings)
        self._jobs: queue.Queue[Callable[[], None]] = queue.Queue()
        self._gi: tuple[Any, Any, Any] | None = None
        self._ctx: Any = None
        self._fpctx: Any = None
        self._dev: Any = None
        self._removed_dev: Any = None
        self._finger_present = False
        self._features: frozenset[str] = frozenset()

    def capabilities(self) -> frozenset[str]:
        return frozenset({CAPTURE, VERIFY, ENROLL}) | self._features

    # ---- lifecycle
    def _open(self) -> None:
        if self._worker is not None and self._worker.is_alive():
            return
        try:
            self._gi = import_fprint()
        except DeviceError as exc:
            self._set_status(
                DeviceStatus(DeviceState.ERROR, exc.code, str(exc), Actor.CONFIGURATION)
            )
            return
        if not _CONTEXT_OWNER.acquire(blocking=False):
            self._set_status(
                DeviceStatus(
                    DeviceState.ERROR,
                    "CONFIG_ERROR",
                    "another libfprint reader is open in this process",
                    Actor.CONFIGURATION,
                )
            )
            return
        super()._open()

    def _open_wait_s(self) -> float:
        return self.settings.open_timeout_s

    def _close(self) -> None:
        self.cancel()
        worker = self._worker
        super()._close()
        if worker is not None and not worker.is_alive():
            _CONTEXT_OWNER.release()

    def _idle_status(self) -> DeviceStatus:
        if self._dev is None:
            return _no_reader()
        return DeviceStatus.online("ready")

    # ---- supervision hooks, all on the worker thread
    def _worker_started(self) -> None:
        GLib = self._require_gi()[2]
        ctx = GLib.MainContext.default()
        if not ctx.acquire():
            raise DeviceError(
                "GLib's default main context is owned by another thread", code="CONFIG_ERROR"
            )
        self._ctx = ctx

    def _worker_ending(self) -> None:
        self._disconnect()
        ctx, self._ctx = self._ctx, None
        if ctx is not None:
            ctx.release()

    def _serve(self, stop: threading.Event) -> None:
        while not stop.is_set():
            self._run_pending(0.05)
            if self._removed_dev is not None:
                raise DeviceGone(_REMOVED)

    def _idle(self, stop: threading.Event, seconds: float, wake: threading.Event) -> bool:
        # Jobs still run while the reader is away: they fail at once instead of waiting.
        deadline = time.monotonic() + seconds
        while not stop.is_set() and not wake.is_set():
            if time.monotonic() >= deadline:
                return False
            self._run_pending(0.05)
        return wake.is_set()

    def _run_pending(self, timeout_s: float) -> None:
        """Run one queued job (waiting up to ``timeout_s``) and the context's pending events."""
        try:
            job = self._jobs.get(timeout=timeout_s)
        except queue.Empty:
            job = None
        ctx = self._ctx
        while ctx is not None and ctx.pending():  # finger status, removal, virtual-device commands
            ctx.iteration(False)
        if job is not None:
            job()

    def _require_gi(self) -> tuple[Any, Any, Any]:
        if self._gi is None:
            raise DeviceError("libfprint backend not loaded", code="NOT_OPEN")
        return self._gi

    def _connect(self) -> None:
        FPrint, _, GLib = self._require_gi()
        s = self.settings
        if s.virtual_device_socket and os.environ.get("FP_VIRTUAL_DEVICE") != (
            s.virtual_device_socket
        ):
            os.environ["FP_VIRTUAL_DEVICE"] = s.virtual_device_socket
        try:
            self._fpctx = FPrint.Context()
            self._fpctx.enumerate()
            devices = [
                d
                for d in self._fpctx.get_devices()
                if not s.driver_id or d.get_driver() == s.driver_id
            ]
            if not devices:
                self._fpctx = None
                raise DeviceLost(_no_reader().detail)
            dev = devices[0]
            dev.open_sync(None)
        except GLib.Error as exc:
            self._fpctx = None
            raise DeviceLost(exc.message) from exc
        dev.connect("notify::finger-status", self._finger_status_changed)
        dev.connect("removed", self._removed)
        features = dev.get_features()
        extra = set()
        if features & FPrint.DeviceFeature.IDENTIFY:
            extra.add(IDENTIFY)
        if features & FPrint.DeviceFeature.CAPTURE:
            extra.add(IMAGE)
        self._features = frozenset(extra)
        self._dev = dev
        self._identity = DeviceIdentity(
            model=dev.get_name(), serial=dev.get_device_id(), vendor=dev.get_driver()
        )
        self._set_status(self._busy_status(self._op.name) if self._op else self._idle_status())

    def _disconnect(self) -> None:
        dev, self._dev = self._dev, None
        self._close_device(dev)
        self._close_device(self._removed_dev)
        self._removed_dev = None
        self._fpctx = None

    def _close_device(self, dev: Any) -> None:
        # Close even a removed device: dropping an open one leaks its resources.
        if dev is not None and dev.is_open():
            _, _, GLib = self._require_gi()
            try:
                dev.close_sync(None)
            except GLib.Error:
                log.debug("libfprint close failed", exc_info=True)

    def _removed(self, dev: Any) -> None:
        log.info("fingerprint reader removed", extra={"kind": self.kind})
        if dev is self._dev:
            # Closed by the worker once it leaves serving, not inside this signal handler.
            self._dev, self._removed_dev = None, dev
            self._set_status(DeviceStatus.lost(_REMOVED))

    def _finger_status_changed(self, dev: Any, _pspec: Any) -> None:
        FPrint = self._require_gi()[0]
        flags = dev.get_finger_status()
        present = bool(flags & FPrint.FingerStatusFlags.PRESENT)
        if present != self._finger_present:
            self._finger_present = present
            self._emit(FingerPlaced() if present else FingerRemoved())
        elif flags & FPrint.FingerStatusFlags.NEEDED and not present:
            self._emit(FingerNeeded())

    # ---- operations (called on the caller's thread, run on the GLib thread)
    def _on_glib(self, op: Operation, fn: Callable[[Any], T]) -> T:
        """Run ``fn(cancellable)`` on the GLib thread, bounded by the operation's deadline."""
        future: concurrent.futures.Future[T] = concurrent.futures.Future()
        _, Gio, GLib = self._require_gi()
        timed_out = threading.Event()

        def job() -> None:
            if not future.set_running_or_notify_cancel():
                return
            cancellable = Gio.Cancellable()
            op.on_cancel(cancellable.cancel)

            def on_deadline() -> bool:
                timed_out.set()
                cancellable.cancel()
                return False

            source = GLib.timeout_add(max(1, int(op.remaining() * 1000)), on_deadline)
            try:
                future.set_result(fn(cancellable))
            except GLib.Error as exc:
                future.set_exception(self._error(exc, timed_out.is_set()))
            except BaseException as exc:  # handed to the caller's thread
                future.set_exception(exc)
            finally:
                if not timed_out.is_set():
                    GLib.source_remove(source)

        if self._worker is None or not self._worker.is_alive():
            raise DeviceError("libfprint worker not running", code="NOT_OPEN")
        op.check()
        self._jobs.put(job)
        return future.result(timeout=max(0.0, op.remaining()) + 30.0)

    def _error(self, exc: Any, timed_out: bool) -> DeviceError:
        FPrint, Gio, GLib = self._require_gi()
        if exc.matches(Gio.io_error_quark(), Gio.IOErrorEnum.CANCELLED):
            if timed_out:
                return FingerTimeout("no usable finger placed in time")
            return OperationCancelled("cancelled")
        if exc.domain == GLib.quark_to_string(FPrint.device_retry_quark()):
            return _Retry(RetryReason.from_code(exc.code))
        if exc.matches(FPrint.device_error_quark(), FPrint.DeviceError.REMOVED):
            return DeviceGone(exc.message)
        return DeviceError(f"libfprint: {exc.message}", code="DEVICE_ERROR")

    def _require_device(self) -> Any:
        dev = self._dev
        if dev is None:
            raise DeviceGone("fingerprint reader not connected")
        return dev

    def _enroll_print(self, op: Operation) -> Capture:
        FPrint = self._require_gi()[0]
        retries = 0

        def run(cancellable: Any) -> bytes:
            nonlocal retries
            dev = self._require_device()
            template = FPrint.Print.new(dev)
            template.set_finger(_finger(FPrint, self.settings.finger))
            stages = dev.get_nr_enroll_stages()

            def progress(_dev: Any, stage: int, _print: Any, _data: Any, error: Any) -> None:
                nonlocal retries
                if error is not None:
                    retries += 1
                    self._emit(CaptureRetry(RetryReason.from_code(error.code)))
                else:
                    self._emit(EnrollProgress(stage, stages))

            enrolled = dev.enroll_sync(template, cancellable, progress, None)
            return bytes(enrolled.serialize())

        data = self._on_glib(op, run)
        return Capture(Template(data, TEMPLATE_FORMAT), None, self.settings.finger, retries)

    def _capture(self, op: Operation) -> Capture:
        return self._enroll_print(op)

    def _enroll(self, op: Operation) -> Capture:
        return self._enroll_print(op)

    def _verify(self, template: Template, op: Operation) -> MatchResult:
        FPrint = self._require_gi()[0]
        stored = bytes(template.data)

        def run(cancellable: Any) -> bool:
            dev = self._require_device()
            enrolled = FPrint.Print.deserialize(stored)
            matched, _ = dev.verify_sync(enrolled, cancellable)
            return bool(matched)

        while True:
            try:
                return MatchResult(self._on_glib(op, run))
            except _Retry as retry:
                self._emit(CaptureRetry(retry.reason))
                op.check()
                if op.remaining() <= 0:
                    raise FingerTimeout("no usable finger placed in time") from None

    # ---- health
    def _check_external(self) -> tuple[bool, str, str]:
        dev = self._dev
        if dev is None:
            status = self.status
            return False, status.detail or "no fingerprint reader", status.code
        return True, f"{dev.get_name()} ({dev.get_driver()}) open", "OK"


class _Retry(DeviceError):
    """libfprint asked for another touch during a verification."""

    code = "RETRY"

    def __init__(self, reason: RetryReason) -> None:
        super().__init__(f"retry: {reason}")
        self.reason = reason


def _no_reader() -> DeviceStatus:
    return DeviceStatus.lost("no fingerprint reader found; waiting for one")


def _finger(FPrint: Any, name: str) -> Any:
    value = getattr(FPrint.Finger, name.upper().replace("-", "_"), None)
    return value if value is not None else FPrint.Finger.UNKNOWN
