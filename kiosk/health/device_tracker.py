"""Since when each device is in its state, and its last health check per level.

Listens to the device manager, whose events are the supervisor's reported
(held-down) statuses: a flapping device moves ``since`` once, not on every blip.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable

from drivers.base import DeviceEvent, HealthResult, StatusChanged
from kiosk.health.snapshot import CheckRecord


class DeviceTracker:
    def __init__(self, names: Iterable[str], clock: Callable[[], float] = time.time) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        started = clock()
        self._since: dict[str, float] = {name: started for name in names}
        self._checks: dict[str, dict[str, CheckRecord]] = {}

    def device_event(self, name: str, event: DeviceEvent) -> None:
        """A DeviceManager listener (driver threads): a new state starts a new ``since``."""
        if isinstance(event, StatusChanged) and event.status.state != event.previous.state:
            with self._lock:
                self._since[name] = self._clock()

    def record(self, name: str, result: HealthResult) -> None:
        """Keep ``result`` as the device's last check of its level."""
        record = CheckRecord(str(result.level), result.started_at, result.passed, result.code)
        with self._lock:
            self._checks.setdefault(name, {})[record.level] = record

    def since(self, name: str) -> float:
        with self._lock:
            return self._since.setdefault(name, self._clock())

    def checks(self, name: str) -> dict[str, CheckRecord]:
        with self._lock:
            return dict(self._checks.get(name, {}))
