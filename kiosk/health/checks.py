"""Health checks of the devices the kiosk holds: on a schedule, and on a technician's request.

Internal checks (no I/O, the driver's own view) run on every tick. External
checks talk to the device (printer status query, camera frame grab, reader
self-test, gateway ping), so they run every ``health.check_every_s`` only
inside ``health.quiet_window`` and only while no visit is in progress; a visit
that starts midway stops the round, which is taken up again on a later tick.
Results feed the snapshot through the device tracker. One check runs at a time.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Mapping
from datetime import datetime
from datetime import time as clock_time

from drivers.base import Device, HealthLevel, HealthResult
from kiosk.config.health import HealthSettings
from kiosk.health.device_tracker import DeviceTracker

log = logging.getLogger(__name__)

#: How often the scheduler looks (internal checks, and whether an external round is due).
TICK_S = 30.0


def in_window(window: tuple[clock_time, clock_time] | None, at: datetime) -> bool:
    """Whether local time ``at`` is inside ``window`` (start inclusive, end exclusive)."""
    if window is None:
        return True
    start, end = window
    now = at.time()
    if start < end:
        return start <= now < end
    return now >= start or now < end  # wraps midnight, e.g. 22:00-04:00


class DeviceChecks:
    def __init__(
        self,
        devices: Callable[[], Mapping[str, Device]],
        tracker: DeviceTracker,
        visit_in_progress: Callable[[], bool],
        settings: HealthSettings,
        *,
        local_now: Callable[[], datetime] = datetime.now,
        clock: Callable[[], float] = time.monotonic,
        tick_s: float = TICK_S,
    ) -> None:
        self._devices = devices
        self._tracker = tracker
        self._busy = visit_in_progress
        self._settings = settings
        self._window = settings.window()
        self._local_now = local_now
        self._clock = clock
        self._tick_s = tick_s
        # The first round comes one interval after start, not while the kiosk comes up.
        self._last_round = clock()
        self._check_lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    # ------------------------------------------------------------ on request

    def run(
        self, target: str, level: HealthLevel = HealthLevel.EXTERNAL
    ) -> list[tuple[str, HealthResult]]:
        """Check every held device named ``target`` or of kind ``target``; [] when none."""
        return [
            (name, self._check(name, device, level))
            for name, device in self._devices().items()
            if name == target or device.kind == target
        ]

    def _check(self, name: str, device: Device, level: HealthLevel) -> HealthResult:
        with self._check_lock:
            result = device.health_check(level)
        self._tracker.record(name, result)
        log.info(
            "health check",
            extra={"device": name, "level": str(level), "passed": result.passed,
                   "code": result.code},
        )  # fmt: skip
        return result

    # ------------------------------------------------------------ schedule

    def run_due(self) -> int:
        """Internal checks of every device, an external round if due; external checks run."""
        for name, device in self._devices().items():
            self._tracker.record(name, device.health_check(HealthLevel.INTERNAL))
        due = self._clock() - self._last_round >= self._settings.check_every_s
        if not due or not in_window(self._window, self._local_now()) or self._busy():
            return 0
        ran = 0
        for name, device in self._devices().items():
            if self._busy() or self._stop.is_set():
                return ran  # a citizen came: finish the round on a later tick
            self._check(name, device, HealthLevel.EXTERNAL)
            ran += 1
        self._last_round = self._clock()
        return ran

    def start(self) -> None:
        if self._thread is None:
            self._stop.clear()
            self._thread = threading.Thread(target=self._run, name="health-checks", daemon=True)
            self._thread.start()

    def stop(self, timeout: float = 30.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self.run_due()
            except Exception:
                log.exception("scheduled health checks failed")
            self._stop.wait(self._tick_s)
