"""Common device model: lifecycle, status, events, health checks, identity.

Modelled on UnifiedPOS/OPOS and CEN XFS: every driver, whatever its kind, has
the same lifecycle (``open``/``close``), the same status shape and the same
health-check levels, so the kiosk core can supervise all of them alike.

Drivers never import Qt. They report events through plain callbacks on their
own threads; the UI re-emits them as signals on the GUI thread.

Stable error codes (``DeviceStatus.code``) are upper-case strings such as
``PRINTER_PAPER_OUT``; each kind documents its own in its package docstring.
The generic ones are:

    OK                  device usable
    NOT_OPEN            the driver has not been opened (or was closed)
    DEVICE_LOST         the port, socket or device vanished; reconnecting
    DEVICE_TIMEOUT      the device stopped answering
    DEVICE_ERROR        the device reported a hardware fault
    CONFIG_ERROR        the settings cannot work (bad port, bad address)
"""

from __future__ import annotations

import enum
import logging
import threading
import time
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict, Field

from drivers.listeners import Listeners

log = logging.getLogger(__name__)


class DeviceState(enum.StrEnum):
    """Where a device stands; one value at a time, the most severe wins."""

    ONLINE = "online"
    BUSY = "busy"
    # Device-specific states that still allow use.
    PAPER_LOW = "paper_low"
    CARD_PRESENT = "card_present"
    # States that make the device unusable.
    PAPER_OUT = "paper_out"
    COVER_OPEN = "cover_open"
    OFFLINE = "offline"
    ERROR = "error"
    CLOSED = "closed"


#: States in which the device can serve a citizen.
USABLE_STATES = frozenset(
    {DeviceState.ONLINE, DeviceState.BUSY, DeviceState.PAPER_LOW, DeviceState.CARD_PRESENT}
)


class Actor(enum.StrEnum):
    """Who must act to clear a condition (XFS: auto reset, clear, maintenance)."""

    NONE = "none"  # nothing is wrong
    AUTOMATIC = "automatic"  # the driver recovers by itself (reconnects, retries)
    STAFF = "staff"  # hall staff: add paper, close the cover, take a card
    TECHNICIAN = "technician"  # hardware fault, needs a repair visit
    CONFIGURATION = "configuration"  # settings are wrong


@dataclass(frozen=True, slots=True)
class DeviceStatus:
    """An immutable snapshot of a device's status. Holds no personal data."""

    state: DeviceState
    code: str = "OK"
    detail: str = ""
    actor: Actor = Actor.NONE

    @property
    def usable(self) -> bool:
        return self.state in USABLE_STATES

    @classmethod
    def online(cls, detail: str = "") -> DeviceStatus:
        return cls(DeviceState.ONLINE, "OK", detail, Actor.NONE)

    @classmethod
    def closed(cls) -> DeviceStatus:
        return cls(DeviceState.CLOSED, "NOT_OPEN", "driver not opened", Actor.AUTOMATIC)

    @classmethod
    def lost(cls, detail: str) -> DeviceStatus:
        return cls(DeviceState.OFFLINE, "DEVICE_LOST", detail, Actor.AUTOMATIC)


@dataclass(frozen=True, slots=True)
class DeviceIdentity:
    """What the device says about itself, where it tells."""

    model: str = ""
    serial: str = ""
    firmware: str = ""
    vendor: str = ""


class HealthLevel(enum.StrEnum):
    """UnifiedPOS checkHealth levels."""

    INTERNAL = "internal"  # no I/O: the driver's own view
    EXTERNAL = "external"  # talks to the device: status query, frame grab
    INTERACTIVE = "interactive"  # a technician confirms: test slip, scan a test code


@dataclass(frozen=True, slots=True)
class HealthResult:
    level: HealthLevel
    passed: bool
    text: str
    code: str = "OK"
    started_at: float = field(default_factory=time.time)
    duration_s: float = 0.0


# ---------------------------------------------------------------- events


@dataclass(frozen=True, slots=True)
class DeviceEvent:
    """Base of every event a driver reports."""


@dataclass(frozen=True, slots=True)
class StatusChanged(DeviceEvent):
    previous: DeviceStatus
    status: DeviceStatus


Listener = Callable[[DeviceEvent], None]


# ---------------------------------------------------------------- errors


class DeviceError(Exception):
    """Base of every typed driver error; carries a stable code."""

    code: str = "DEVICE_ERROR"

    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        if code is not None:
            self.code = code


class DeviceNotReady(DeviceError):
    code = "NOT_OPEN"


class DeviceTimeout(DeviceError):
    code = "DEVICE_TIMEOUT"


class DeviceLost(DeviceError):
    """The device vanished (unplugged, link dropped, stream ended); it may come back."""

    code = "DEVICE_LOST"


class ProtocolError(DeviceError):
    """Bytes from the device do not follow its protocol."""

    code = "PROTOCOL_ERROR"


# ---------------------------------------------------------------- settings


class DriverSettings(BaseModel):
    """Base of every driver's settings; unknown keys are errors."""

    model_config = ConfigDict(extra="forbid", validate_default=True, frozen=True)

    #: Seconds a loss must last, and a return must hold, before it is reported
    #: (0 reports every change at once); see drivers.supervisor.
    hold_down_s: float = Field(default=2.0, ge=0, le=60)


def known_scenario(value: str, scenarios: Iterable[str]) -> str:
    """``value`` if it names one of a simulator's scenarios; else ValueError listing them."""
    names = list(scenarios)
    if value not in names:
        raise ValueError(f"unknown scenario {value!r} (known: {', '.join(names)})")
    return value


# ---------------------------------------------------------------- device


class Device(ABC):
    """One device behind one driver.

    Subclasses set ``kind`` and ``Settings``, implement ``_open``, ``_close`` and
    ``_check_external``, and call ``_set_status`` whenever the device's condition
    changes. Listeners are called only on change, on the caller's thread, and
    must not block.
    """

    kind: ClassVar[str] = "generic"
    Settings: ClassVar[type[DriverSettings]] = DriverSettings

    def __init__(self, settings: DriverSettings | None = None) -> None:
        self.settings = settings if settings is not None else self.Settings()
        self._status = DeviceStatus.closed()
        self._listeners: Listeners[Listener] = Listeners()
        self._lock = threading.RLock()
        self._identity = DeviceIdentity()

    # ---- lifecycle
    def open(self) -> None:
        """Open the device. A device that is absent is OFFLINE, not an exception."""
        self._open()

    def close(self) -> None:
        """Release the device and stop its threads. Safe to call twice."""
        try:
            self._close()
        finally:
            self._set_status(DeviceStatus.closed())

    def __enter__(self) -> Device:
        self.open()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @abstractmethod
    def _open(self) -> None: ...

    @abstractmethod
    def _close(self) -> None: ...

    # ---- status and events
    @property
    def status(self) -> DeviceStatus:
        return self._status

    @property
    def identity(self) -> DeviceIdentity:
        return self._identity

    def add_listener(self, listener: Listener) -> None:
        self._listeners.add(listener)

    def remove_listener(self, listener: Listener) -> None:
        self._listeners.remove(listener)

    def _set_status(self, status: DeviceStatus) -> None:
        with self._lock:
            previous = self._status
            if status == previous:
                return
            self._status = status
        log.info(
            "device status",
            extra={"kind": self.kind, "state": str(status.state), "code": status.code},
        )
        self._emit(StatusChanged(previous, status))

    def _emit(self, event: DeviceEvent) -> None:
        for listener in self._listeners.snapshot():
            try:
                listener(event)
            except Exception:  # a faulty listener must not kill the device thread
                log.exception("device listener failed", extra={"kind": self.kind})

    # ---- health
    def health_check(self, level: HealthLevel = HealthLevel.INTERNAL) -> HealthResult:
        """Run a health check at ``level``; never raises for device faults."""
        started = time.time()
        t0 = time.monotonic()
        try:
            if level is HealthLevel.INTERNAL:
                passed, text, code = self._check_internal()
            elif level is HealthLevel.EXTERNAL:
                passed, text, code = self._check_external()
            else:
                passed, text, code = self._check_interactive()
        except DeviceError as exc:
            passed, text, code = False, str(exc), exc.code
        return HealthResult(level, passed, text, code, started, time.monotonic() - t0)

    def _check_internal(self) -> tuple[bool, str, str]:
        status = self.status
        return status.usable, status.detail or str(status.state), status.code

    @abstractmethod
    def _check_external(self) -> tuple[bool, str, str]: ...

    def _check_interactive(self) -> tuple[bool, str, str]:
        return self._check_external()

    def describe(self) -> dict[str, Any]:
        """A PII-free summary for health reports and `kiosk devices list`."""
        s = self.status
        ident = self.identity
        return {
            "kind": self.kind,
            "driver": type(self).__name__,
            "state": str(s.state),
            "code": s.code,
            "detail": s.detail,
            "actor": str(s.actor),
            "usable": s.usable,
            "model": ident.model,
            "serial": ident.serial,
            "firmware": ident.firmware,
        }
