"""A device listener that keeps every event and lets a test wait for one."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from typing import Any, Protocol, TypeVar

from drivers.base import DeviceEvent, StatusChanged

E = TypeVar("E", bound=DeviceEvent)


class Recorder:
    """Listener that keeps every event and lets a test wait for one."""

    def __init__(self) -> None:
        self.events: list[DeviceEvent] = []
        self._cond = threading.Condition()

    def __call__(self, event: DeviceEvent) -> None:
        with self._cond:
            self.events.append(event)
            self._cond.notify_all()

    def of(self, kind: type[E]) -> list[E]:
        with self._cond:
            return [e for e in self.events if isinstance(e, kind)]

    def wait(
        self, kind: type[E], pred: Callable[[E], bool] = lambda e: True, timeout: float = 10.0
    ) -> E:
        def find() -> E | None:
            return next((e for e in self.events if isinstance(e, kind) and pred(e)), None)

        with self._cond:
            self._cond.wait_for(lambda: find() is not None, timeout)
            found = find()
        assert found is not None, f"no {kind.__name__} in {self.events}"
        return found

    def wait_status(self, code: str, timeout: float = 10.0) -> StatusChanged:
        return self.wait(StatusChanged, lambda e: e.status.code == code, timeout)

    def wait_recovered(self, timeout: float = 10.0) -> StatusChanged:
        """Wait for the change from a lost device back to OK."""
        return self.wait(
            StatusChanged,
            lambda e: e.previous.code == "DEVICE_LOST" and e.status.code == "OK",
            timeout,
        )

    def clear(self) -> None:
        with self._cond:
            self.events.clear()


class _Opens(Protocol):
    def add_listener(self, listener: Callable[[DeviceEvent], None]) -> None: ...
    def open(self) -> None: ...
    def close(self) -> None: ...


D = TypeVar("D", bound=_Opens)
R = TypeVar("R", bound=Recorder)


def opened_devices(
    build: Callable[[dict[str, Any]], D],
    defaults: dict[str, Any],
    recorder: Callable[[], R] = Recorder,  # type: ignore[assignment]
) -> Iterator[Callable[..., tuple[D, R]]]:
    """Body of a ``make_*`` fixture: ``make(**overrides)`` builds a device from ``defaults``
    with ``overrides`` laid over them, binds a fresh recorder, opens it; all are closed after.
    """
    made: list[D] = []

    def make(**overrides: Any) -> tuple[D, R]:
        device = build({**defaults, **overrides})
        rec = recorder()
        device.add_listener(rec)
        made.append(device)
        device.open()
        return device, rec

    yield make
    for device in made:
        device.close()
