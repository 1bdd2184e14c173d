"""Could the kiosk serve citizens now? The internal and external check of every device.

Run before leaving maintenance. The kiosk goes back into service when the queue
takes cases and at least one enabled service has every device it needs passing
both checks; services whose device failed stay disabled with their reason, as
always. Every problem is named with its stable code, for the technician.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from drivers.base import HealthLevel, HealthResult

if TYPE_CHECKING:
    from kiosk.app import KioskCore

LEVELS = (HealthLevel.INTERNAL, HealthLevel.EXTERNAL)


class CheckLog:
    """The last health check of each device at each level, for the devices screen."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._results: dict[str, dict[HealthLevel, HealthResult]] = {}

    def put(self, device: str, result: HealthResult) -> None:
        with self._lock:
            self._results.setdefault(device, {})[result.level] = result

    def of(self, device: str) -> dict[HealthLevel, HealthResult]:
        with self._lock:
            return dict(self._results.get(device, {}))


@dataclass(frozen=True)
class Readiness:
    can_serve: bool
    problems: tuple[str, ...] = ()
    failed_devices: frozenset[str] = field(default_factory=frozenset)


def check_readiness(core: KioskCore, log: CheckLog) -> Readiness:
    """Check every configured device (both levels) and the queue; blocks on device I/O."""
    problems: list[str] = []
    failed: set[str] = set()
    statuses = core.devices.status()
    for name in core.config.devices:
        device = core.devices.get(name)
        if device is None:
            failed.add(name)
            problems.append(f"{name}: {statuses[name].code}")
            continue
        for level in LEVELS:
            result = device.health_check(level)
            log.put(name, result)
            if not result.passed:
                failed.add(name)
                problems.append(f"{name}: {level.value} check {result.code}")
                break  # the external check of a device that fails its own view is moot
    if core.start_queue and (core.outbox is None or not core.outbox.accepting):
        reason = core.outbox.reason if core.outbox is not None else "QUEUE_NOT_STARTED"
        problems.append(f"queue: {reason}")
        return Readiness(False, tuple(problems), frozenset(failed))
    serving = [s for s in core.config.services if s.enabled and not failed.intersection(s.requires)]
    if not serving:
        problems.append("no service can run")
    return Readiness(bool(serving), tuple(problems), frozenset(failed))
