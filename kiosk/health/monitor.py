"""Builds the health snapshot from the kiosk's parts, on the caller's thread.

Each part is read through a small provider the core hands over (the queue and
the payment journal come and go with start and stop), and a part that cannot be
read counts as unavailable rather than stopping the report. The cost is a few
autocommit SELECTs and two ``stat`` calls: call it from a health thread, never
from the GUI thread.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import time
from collections.abc import Callable, Mapping
from dataclasses import KW_ONLY, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from drivers.base import DeviceStatus
from kiosk.config.health import HealthSettings
from kiosk.health.device_tracker import DeviceTracker
from kiosk.health.help_requests import HelpRequests
from kiosk.health.rules import overall
from kiosk.health.snapshot import DeviceHealth, HealthSnapshot, Mode, QueueHealth, actor_label

if TYPE_CHECKING:
    from offline_queue.outbox import Outbox

log = logging.getLogger(__name__)


class Devices(Protocol):
    """What the monitor needs of the device manager."""

    def status(self) -> dict[str, DeviceStatus]: ...

    def kind_of(self, name: str) -> str: ...


class NeedsStaff(Protocol):
    def needing_staff(self) -> int: ...


@dataclass
class Sources:
    """Where the monitor reads each part of the snapshot."""

    kiosk_id: str
    version: str
    data_dir: Path
    devices: Devices
    outbox: Callable[[], Outbox | None]
    """The running queue's outbox (None: the queue is not running)."""
    payments_needing_staff: Callable[[], int]
    mode: Callable[[], Mode]
    """serving or maintenance, as the core sets it; out_of_service is derived here."""
    services_available: Callable[[], tuple[int, int]]
    """(services that can be offered now, enabled services)."""
    database_files: Mapping[str, Path]
    last_heartbeat: Callable[[], float | None] = lambda: None


@dataclass(eq=False)
class HealthMonitor:
    """Builds :class:`HealthSnapshot` from its sources; ``started`` is the kiosk's start
    (wall clock), else uptime counts from this monitor's creation.
    """

    sources: Sources
    settings: HealthSettings
    tracker: DeviceTracker
    help: HelpRequests
    _: KW_ONLY
    clock: Callable[[], float] = time.time
    started: float | None = None
    _started_mono: float = field(init=False, default_factory=time.monotonic)

    def snapshot(self) -> HealthSnapshot:
        src = self.sources
        now = self.clock()
        devices = self._devices()
        queue = self._queue()
        available, enabled = src.services_available()
        mode: Mode = src.mode()
        if mode == "serving" and available == 0 and enabled > 0:
            mode = "out_of_service"
        payments = self._payments()
        disk = self._disk_free()
        help_waiting = self.help.waiting
        status, reasons = overall(
            mode=mode,
            devices=devices,
            queue=queue,
            disk_free_bytes=disk,
            help_waiting=help_waiting,
            payments_needing_staff=payments,
            now=now,
            settings=self.settings,
        )
        uptime = (now - self.started) if self.started else time.monotonic() - self._started_mono
        return HealthSnapshot(
            at=now,
            kiosk_id=src.kiosk_id,
            version=src.version,
            uptime_s=max(0.0, uptime),
            mode=mode,
            status=status,
            reasons=reasons,
            devices=devices,
            queue=queue,
            payments_needing_staff=payments,
            disk_free_bytes=disk,
            database_bytes={name: _db_bytes(p) for name, p in src.database_files.items()},
            help_waiting=help_waiting,
            help_total=self.help.total,
            services_available=available,
            services_total=enabled,
            heartbeat_last_success=src.last_heartbeat(),
        )

    def _devices(self) -> dict[str, DeviceHealth]:
        out = {}
        for name, status in self.sources.devices.status().items():
            out[name] = DeviceHealth(
                name=name,
                kind=self.sources.devices.kind_of(name),
                state=str(status.state),
                code=status.code,
                actor=actor_label(str(status.actor)),
                usable=status.usable,
                since=self.tracker.since(name),
                checks=self.tracker.checks(name),
            )
        return out

    def _queue(self) -> QueueHealth:
        outbox = self.sources.outbox()
        if outbox is None:
            return QueueHealth(available=False, code="QUEUE_NOT_STARTED")
        try:
            stats = outbox.stats()
        except Exception as exc:  # a damaged database: report it, keep reporting the rest
            log.warning("queue stats unavailable", extra={"error": type(exc).__name__})
            return QueueHealth(available=False, code="QUEUE_STATS_FAILED")
        last = stats.last_sync_at.timestamp() if stats.last_sync_at is not None else None
        return QueueHealth(
            available=stats.accepting,
            code=stats.code,
            pending=stats.counts.get("pending", 0),
            in_flight=stats.counts.get("in_flight", 0),
            dead=stats.counts.get("dead", 0),
            oldest_pending_s=stats.oldest_pending_age_s,
            last_sync_at=last,
        )

    def _payments(self) -> int:
        try:
            return self.sources.payments_needing_staff()
        except Exception as exc:
            log.warning("payment journal unreadable", extra={"error": type(exc).__name__})
            return 0

    def _disk_free(self) -> int:
        try:
            return shutil.disk_usage(self.sources.data_dir).free
        except OSError:
            return 0  # the data directory is gone: as bad as a full disk


def _db_bytes(path: Path) -> int:
    """A SQLite file with its WAL (0 when it does not exist)."""
    total = 0
    for p in (path, path.with_name(path.name + "-wal")):
        with contextlib.suppress(OSError):
            total += os.stat(p).st_size
    return total
