"""The kiosk's overall health: pass, warn or fail, and why.

**fail** — the kiosk cannot do its job without a person:

* ``NO_SERVICE``: no enabled service can be offered (mode ``out_of_service``);
* ``QUEUE_UNAVAILABLE``: the offline queue cannot take cases (not started,
  disk full, database damaged), so no case could be kept.

**warn** — it serves, but someone should look:

* ``DEVICE:<name>:<CODE>``: a device cannot serve, or one that serves still
  wants staff, a technician or its configuration fixed (paper low, …);
* ``MAINTENANCE``: a technician has the kiosk in maintenance mode;
* ``QUEUE_BACKLOG``: the oldest pending row is older than
  ``health.queue_backlog_s`` or more than ``health.queue_backlog_rows`` wait;
* ``QUEUE_DEAD``: rows the platform refused wait for a technician;
* ``SYNC_STALE``: rows wait and the last successful sync is older than
  ``health.sync_stale_s`` (or there was none while they waited that long);
* ``DISK_LOW``: less than ``health.disk_low_bytes`` free for the data;
* ``HELP_WAITING``: a citizen asked for staff and nobody acknowledged it yet;
* ``PAYMENT_NEEDS_STAFF``: a refund the gateway refused waits for a person.

**pass** — none of the above. The reasons are stable codes and device names:
never personal data.
"""

from __future__ import annotations

from collections.abc import Mapping

from kiosk.config.health import HealthSettings
from kiosk.health.snapshot import DeviceHealth, Mode, QueueHealth, Status

#: A device that serves but still wants one of these to act makes the kiosk warn.
_ACTING = frozenset({"staff", "technician", "configuration"})


def overall(
    *,
    mode: Mode,
    devices: Mapping[str, DeviceHealth],
    queue: QueueHealth,
    disk_free_bytes: int,
    help_waiting: int,
    payments_needing_staff: int,
    now: float,
    settings: HealthSettings,
) -> tuple[Status, tuple[str, ...]]:
    """The overall status and its reasons, worst first."""
    fail: list[str] = []
    warn: list[str] = []
    if mode == "out_of_service":
        fail.append("NO_SERVICE")
    if not queue.available:
        fail.append("QUEUE_UNAVAILABLE")
    if mode == "maintenance":
        warn.append("MAINTENANCE")
    for name, device in devices.items():
        if not device.usable or device.actor in _ACTING:
            warn.append(f"DEVICE:{name}:{device.code}")
    waiting = queue.pending + queue.in_flight
    oldest = queue.oldest_pending_s or 0.0
    if queue.available and (
        oldest > settings.queue_backlog_s or waiting > settings.queue_backlog_rows
    ):
        warn.append("QUEUE_BACKLOG")
    if queue.dead:
        warn.append("QUEUE_DEAD")
    if waiting and oldest > settings.sync_stale_s:
        last = queue.last_sync_at
        if last is None or now - last > settings.sync_stale_s:
            warn.append("SYNC_STALE")
    if disk_free_bytes < settings.disk_low_bytes:
        warn.append("DISK_LOW")
    if help_waiting:
        warn.append("HELP_WAITING")
    if payments_needing_staff:
        warn.append("PAYMENT_NEEDS_STAFF")
    status: Status = "fail" if fail else "warn" if warn else "pass"
    return status, tuple(fail + warn)
