"""The health snapshot: what operations teams see of one kiosk at one moment.

Immutable and free of personal data by construction: devices are described by
their state, stable code and who must act (never the driver's free-text
detail), the queue and the payment journal by counts, help requests by a
number. ``heartbeat_body`` is the platform's v1.1 heartbeat (platform-api.md);
``as_dict`` adds what the kiosk's own tools show (checks per level, database
sizes, reasons for the overall status).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

Mode = Literal["serving", "maintenance", "out_of_service"]
Status = Literal["pass", "warn", "fail"]

MODES: tuple[Mode, ...] = ("serving", "maintenance", "out_of_service")
STATUSES: tuple[Status, ...] = ("pass", "warn", "fail")
#: Who must act, as operations see it: a device that is fine recovers "automatically".
ACTORS = ("automatic", "staff", "technician", "configuration")
DATABASES = ("queue", "payment_journal", "case_index")


def iso(at: float | None) -> str | None:
    """Unix seconds → local RFC 3339 with offset (None stays None)."""
    if at is None:
        return None
    return datetime.fromtimestamp(at).astimezone().isoformat(timespec="seconds")


def actor_label(actor: str) -> str:
    """``Actor.NONE`` ("none": nothing is wrong) reads as "automatic" in reports."""
    return actor if actor in ACTORS else "automatic"


@dataclass(frozen=True, slots=True)
class CheckRecord:
    """The last health check of one level on one device."""

    level: str
    at: float
    passed: bool
    code: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "level": self.level,
            "at": iso(self.at),
            "result": "pass" if self.passed else "fail",
            "code": self.code,
        }


@dataclass(frozen=True, slots=True)
class DeviceHealth:
    name: str
    kind: str
    state: str
    code: str
    actor: str
    usable: bool
    since: float
    checks: dict[str, CheckRecord] = field(default_factory=dict)

    @property
    def last_check(self) -> CheckRecord | None:
        """The most recent check of any level."""
        return max(self.checks.values(), key=lambda c: c.at, default=None)

    def heartbeat_doc(self) -> dict[str, Any]:
        last = self.last_check
        checked = (
            {"level": last.level, "at": iso(last.at), "result": "pass" if last.passed else "fail"}
            if last is not None
            else None
        )
        return {
            "state": self.state,
            "code": self.code,
            "actor": actor_label(self.actor),
            "since": iso(self.since),
            "last_check": checked,
        }

    def as_dict(self) -> dict[str, Any]:
        doc = self.heartbeat_doc()
        doc["kind"] = self.kind
        doc["usable"] = self.usable
        doc["checks"] = {level: c.as_dict() for level, c in sorted(self.checks.items())}
        return doc


@dataclass(frozen=True, slots=True)
class QueueHealth:
    available: bool
    """The queue runs and takes new cases."""
    code: str
    """The queue's availability code (e.g. OK, QUEUE_NOT_STARTED, DISK_FULL)."""
    pending: int = 0
    in_flight: int = 0
    dead: int = 0
    oldest_pending_s: float | None = None
    last_sync_at: float | None = None
    """Unix seconds of the last delivery the platform answered (None: never)."""

    def heartbeat_doc(self) -> dict[str, Any]:
        return {
            "pending": self.pending,
            "in_flight": self.in_flight,
            "dead": self.dead,
            "oldest_pending_s": (
                None if self.oldest_pending_s is None else round(self.oldest_pending_s, 1)
            ),
            "last_sync_at": iso(self.last_sync_at),
        }


@dataclass(frozen=True, slots=True)
class HealthSnapshot:
    at: float
    kiosk_id: str
    version: str
    uptime_s: float
    mode: Mode
    status: Status
    reasons: tuple[str, ...]
    """Why the status is not pass: stable codes with device names, no personal data."""
    devices: dict[str, DeviceHealth]
    queue: QueueHealth
    payments_needing_staff: int
    disk_free_bytes: int
    database_bytes: dict[str, int]
    help_waiting: int
    help_total: int
    services_available: int
    services_total: int
    heartbeat_last_success: float | None = None

    @property
    def printer(self) -> DeviceHealth | None:
        """The receipt printer (the first device of kind "printer", else one named so)."""
        found = next((d for d in self.devices.values() if d.kind == "printer"), None)
        return found if found is not None else self.devices.get("printer")

    def heartbeat_body(self) -> dict[str, Any]:
        """The v1.1 heartbeat body, exactly the fields of platform-api.md plus help waiting."""
        return {
            "at": iso(self.at),
            "status": self.status,
            "version": self.version,
            "uptime_s": int(self.uptime_s),
            "mode": self.mode,
            "devices": {name: d.heartbeat_doc() for name, d in self.devices.items()},
            "queue": self.queue.heartbeat_doc(),
            "disk_free_bytes": self.disk_free_bytes,
            "payments_needing_staff": self.payments_needing_staff,
            "help_requests_waiting": self.help_waiting,
        }

    def as_dict(self) -> dict[str, Any]:
        """Everything ``kiosk health --json`` prints."""
        doc = self.heartbeat_body()
        doc["kiosk_id"] = self.kiosk_id
        doc["reasons"] = list(self.reasons)
        doc["devices"] = {name: d.as_dict() for name, d in self.devices.items()}
        doc["queue"] |= {"available": self.queue.available, "code": self.queue.code}
        doc["database_bytes"] = dict(self.database_bytes)
        doc["help_requests_total"] = self.help_total
        doc["services"] = {"available": self.services_available, "total": self.services_total}
        doc["heartbeat_last_success_at"] = iso(self.heartbeat_last_success)
        return doc
