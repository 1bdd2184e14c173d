"""Device supervision: one worker thread per device that connects, serves, reconnects.

Every driver kind (ID card reader, scanners, camera, printer, fingerprint
reader, payment gateway) subclasses :class:`SupervisedDevice` and plugs in its
hooks; none runs a monitor or reconnect loop of its own. The worker:

* connects (``_connect``; a :class:`~drivers.base.DeviceError` means absent or refusing),
* serves (``_serve(stop)`` runs until ``stop`` is set or raises when the device
  is lost; drivers that only poll implement ``_poll`` instead, called every
  ``_poll_interval_s()``),
* on a loss disconnects (``_disconnect``), reports the status of the error
  (``_status_for``) and retries every ``reconnect_interval_s``,
* stops when the device is closed; ``close()`` joins it.

The hold-down (``hold_down_s`` in every driver's settings, 2 s by default, 0
reports everything at once) decides which status changes listeners hear, so a
device that flaps is reported once and its recovery once, each logged once:

* A loss (a status becoming OFFLINE) is reported only once it has lasted
  ``hold_down_s``: a blip that is back within the window is never reported.
  A second loss before the device has settled means it flaps: that loss is
  reported at once, and the device stays OFFLINE through further flapping.
* A return from OFFLINE is reported only after the device has stayed back for
  ``hold_down_s`` without a loss; what it reports meanwhile (a card, paper
  out) is reported then, as its current status.
* Everything else is reported at once, never held: a citizen's action (card
  placed or removed, BUSY while a slip prints or a finger is read), a
  condition a citizen or staff must see (paper low or out, cover open), errors
  and configuration faults, closing, and the first status after opening.

``status`` is the reported status, the same one listeners were told.
"""

from __future__ import annotations

import logging
import threading
import time
from abc import abstractmethod
from collections.abc import Callable

from drivers.base import (
    Actor,
    Device,
    DeviceError,
    DeviceLost,
    DeviceState,
    DeviceStatus,
    DeviceTimeout,
    DriverSettings,
)
from drivers.hold_down import Clock, HoldDown

log = logging.getLogger(__name__)

#: How often a worker that waits looks at held changes (they fall due between events).
_TICK_S = 0.05
#: How long close() waits for the worker to end.
_JOIN_S = 10.0

CONNECTING = DeviceStatus(DeviceState.OFFLINE, "CONNECTING", "connecting", Actor.AUTOMATIC)


class StopFlag(threading.Event):
    """The worker's stop request. Looking at it also reports held changes that fell due,
    so a serving loop that checks it (every loop does, at least each poll) needs no timer."""

    def __init__(self, tick: Callable[[], bool]) -> None:
        super().__init__()
        self._tick = tick  # reports what fell due; True while a change is still held

    def is_set(self) -> bool:
        self._tick()
        return super().is_set()

    def wait(self, timeout: float | None = None) -> bool:
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            holding = self._tick()
            step: float | None
            if deadline is None:
                step = _TICK_S if holding else None
            else:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return super().is_set()
                step = min(_TICK_S, remaining) if holding else remaining
            if super().wait(step):
                return True


class SupervisedDevice(Device):
    """A device kept connected by one worker thread, its status passed through a hold-down.

    The first connection attempt runs inside ``open()`` (``connect_in_open``),
    so the status is known when it returns; drivers whose connecting may block
    for long, or must happen on the worker, connect there and ``open()`` waits
    up to ``_open_wait_s()`` for the first attempt.
    """

    #: Pause between reconnection attempts when the settings do not say.
    default_reconnect_interval_s = 0.25
    #: False: open() returns with OFFLINE / CONNECTING and the worker connects.
    connect_in_open = True

    def __init__(self, settings: DriverSettings | None = None) -> None:
        super().__init__(settings)
        self._stop = StopFlag(self._report_due)
        self._wake = threading.Event()
        self._first_attempt = threading.Event()
        self._worker: threading.Thread | None = None
        self.hold_down = HoldDown(self.settings.hold_down_s)

    # ---- hooks
    @abstractmethod
    def _connect(self) -> None:
        """Reach the device and set its status; raise DeviceError if it is absent or refuses."""

    def _serve(self, stop: threading.Event) -> None:
        """Serve the connected device until ``stop`` is set; raise DeviceError when it is lost.

        The default polls: ``_poll`` every ``_poll_interval_s()``, sooner after ``_poll_now()``.
        """
        while not stop.is_set():
            if self._wake.is_set() or self._idle(stop, self._poll_interval_s(), self._wake):
                self._wake.clear()
            if stop.is_set():
                return
            self._poll()

    def _poll(self) -> None:
        """One look at the device (drivers that do not override ``_serve``)."""
        raise NotImplementedError(f"{type(self).__name__} implements neither _serve nor _poll")

    def _open_wait_s(self) -> float:
        """With ``connect_in_open`` False, how long open() waits for the first attempt."""
        return 0.0

    def _poll_interval_s(self) -> float:
        return float(getattr(self.settings, "poll_interval_s", 1.0))

    @abstractmethod
    def _disconnect(self) -> None: ...

    def _on_disconnected(self, error: DeviceError) -> None:
        """Called on the worker after the device was lost (e.g. to fail a pending read)."""

    def _worker_started(self) -> None:
        """First thing on the worker thread (e.g. to own a library's event loop).

        A DeviceError here is reported and ends the worker."""

    def _worker_ending(self) -> None:
        """Last thing on the worker thread."""

    def _idle(self, stop: threading.Event, seconds: float, wake: threading.Event) -> bool:
        """Wait on the worker between polls or attempts; True if ``wake`` was set.

        Drivers whose library needs its events run meanwhile override this."""
        deadline = time.monotonic() + seconds
        while True:
            holding = self._report_due()
            remaining = deadline - time.monotonic()
            if remaining <= 0 or stop.is_set():
                return False
            # close() sets ``wake`` too, so only a held change needs short slices.
            if wake.wait(min(remaining, _TICK_S) if holding else remaining):
                return True

    def _status_for(self, error: DeviceError) -> DeviceStatus:
        """Map a connection failure to the status shown while reconnecting."""
        if isinstance(error, DeviceLost):
            return DeviceStatus.lost(str(error))
        if isinstance(error, DeviceTimeout):
            return DeviceStatus(DeviceState.OFFLINE, error.code, str(error), Actor.AUTOMATIC)
        if error.code == "CONFIG_ERROR":
            return DeviceStatus(DeviceState.ERROR, error.code, str(error), Actor.CONFIGURATION)
        if error.code == "PORT_BUSY":
            return DeviceStatus(DeviceState.OFFLINE, error.code, str(error), Actor.TECHNICIAN)
        return DeviceStatus(DeviceState.ERROR, error.code, str(error), Actor.TECHNICIAN)

    # ---- public
    @property
    def reconnect_interval_s(self) -> float:
        default = self.default_reconnect_interval_s
        return float(getattr(self.settings, "reconnect_interval_s", default))

    def use_clock(self, clock: Clock) -> None:
        """Measure the hold-down with ``clock`` (tests step a fake one)."""
        with self._lock:
            self.hold_down.clock = clock

    def _poll_now(self) -> None:
        """Poll now instead of at the next interval (or retry now while reconnecting)."""
        self._wake.set()

    # ---- status through the hold-down
    def _set_status(self, status: DeviceStatus) -> None:
        with self._lock:
            report = self.hold_down.offer(status)
        if report is not None:
            super()._set_status(report)

    def _report_due(self) -> bool:
        """Report a held change that fell due; True while one is still held."""
        with self._lock:
            report = self.hold_down.due()
            holding = self.hold_down.holding
        if report is not None:
            super()._set_status(report)
        return holding

    # ---- lifecycle
    def _open(self) -> None:
        if self._worker is not None and self._worker.is_alive():
            return
        self._stop = StopFlag(self._report_due)
        self._wake.clear()
        self._first_attempt.clear()
        connected = False
        if self.connect_in_open:
            connected = self._try_connect()
            self._first_attempt.set()
        else:
            self._set_status(CONNECTING)
        self._worker = threading.Thread(
            target=self._work, args=(connected,), name=f"{self.kind}-worker", daemon=True
        )
        self._worker.start()
        if not self.connect_in_open and self._open_wait_s() > 0:
            self._first_attempt.wait(self._open_wait_s())

    def _close(self) -> None:
        self._stop.set()
        self._wake.set()
        worker, self._worker = self._worker, None
        if worker is not None and worker is not threading.current_thread():
            worker.join(timeout=_JOIN_S)
            if worker.is_alive():
                log.error("device worker did not stop", extra={"kind": self.kind})
        self._disconnect_quietly()

    def _try_connect(self) -> bool:
        try:
            self._connect()
        except DeviceError as exc:
            self._disconnect_quietly()
            status = self._status_for(exc)
            current = self.hold_down.latest
            # Repeated attempts keep the first report instead of re-emitting new wording.
            if (current.state, current.code) != (status.state, status.code):
                self._set_status(status)
            return False
        return True

    def _disconnect_quietly(self) -> None:
        try:
            self._disconnect()
        except Exception:  # closing a vanished device must not stop supervision
            log.debug("disconnect failed", exc_info=True)

    def _work(self, connected: bool) -> None:
        stop = self._stop
        try:
            self._worker_started()
        except DeviceError as exc:
            self._set_status(self._status_for(exc))
            self._first_attempt.set()
            return
        try:
            self._supervise(stop, connected)
        finally:
            self._worker_ending()

    def _supervise(self, stop: StopFlag, connected: bool) -> None:
        retry_now = not self.connect_in_open
        while not stop.is_set():
            if not connected:
                if not retry_now:
                    self._idle(stop, self.reconnect_interval_s, self._wake)
                    self._wake.clear()
                    if stop.is_set():
                        break
                retry_now = False
                connected = self._try_connect()
                self._first_attempt.set()
                continue
            try:
                self._serve(stop)
            except DeviceError as exc:
                self._disconnect_quietly()
                if not stop.is_set():
                    self._set_status(self._status_for(exc))
                    self._on_disconnected(exc)
            except Exception:  # a driver bug must not end supervision for good
                log.exception("device worker failed", extra={"kind": self.kind})
                self._disconnect_quietly()
                self._set_status(
                    DeviceStatus(
                        DeviceState.ERROR, "DRIVER_ERROR", "driver fault", Actor.TECHNICIAN
                    )
                )
            else:
                self._disconnect_quietly()
            connected = False
