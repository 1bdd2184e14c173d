"""Helpers shared by the printer tests: a status-event watcher and the fast simulated printer."""

from __future__ import annotations

import threading
from collections.abc import Callable

from drivers.base import Device, DeviceEvent, DeviceStatus, StatusChanged
from drivers.printer.on_simulator import SimulatedEscposPrinter, SimulatedEscposPrinterSettings

# Short timeouts keep fault tests quick; the defaults are for real printers.
FAST = {
    "status_timeout_s": 0.2,
    "poll_interval_s": 0.1,
    "reconnect_interval_s": 0.1,
    "hold_down_s": 0,
}


class StatusWatcher:
    """Collects status events and waits for one that matches."""

    def __init__(self, device: Device) -> None:
        self.events: list[DeviceStatus] = []
        self._cond = threading.Condition()
        device.add_listener(self._on_event)

    def _on_event(self, event: DeviceEvent) -> None:
        if isinstance(event, StatusChanged):
            with self._cond:
                self.events.append(event.status)
                self._cond.notify_all()

    def wait_for(
        self, predicate: Callable[[DeviceStatus], bool], timeout_s: float = 5.0
    ) -> DeviceStatus:
        with self._cond:
            found: list[DeviceStatus] = []

            def seen() -> bool:
                found[:] = [s for s in self.events if predicate(s)]
                return bool(found)

            if not self._cond.wait_for(seen, timeout_s):
                raise AssertionError(f"no matching status within {timeout_s} s: {self.events}")
            return found[-1]

    def clear(self) -> None:
        with self._cond:
            self.events.clear()


def make_sim(**settings: object) -> SimulatedEscposPrinter:
    return SimulatedEscposPrinter(SimulatedEscposPrinterSettings(**{**FAST, **settings}))
