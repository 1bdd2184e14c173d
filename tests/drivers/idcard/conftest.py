"""Fixtures for the ID card reader tests: a simulator on a pty and readers bound to it."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

import pytest

from drivers.base import DeviceEvent, StatusChanged
from drivers.idcard.sam import SamReader, SamReaderSettings
from drivers.idcard.simulator import SamSimulator

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
        self, kind: type[E], pred: Callable[[E], bool] = lambda e: True, timeout: float = 5.0
    ) -> E:
        def find() -> E | None:
            return next((e for e in self.events if isinstance(e, kind) and pred(e)), None)

        with self._cond:
            self._cond.wait_for(lambda: find() is not None, timeout)
            found = find()
        assert found is not None, f"no {kind.__name__} in {self.events}"
        return found

    def wait_status(self, code: str, timeout: float = 5.0) -> StatusChanged:
        return self.wait(StatusChanged, lambda e: e.status.code == code, timeout)

    def clear(self) -> None:
        with self._cond:
            self.events.clear()


@pytest.fixture
def sim() -> Iterator[SamSimulator]:
    simulator = SamSimulator(baud=None).start()
    yield simulator
    simulator.stop()


@pytest.fixture
def make_reader(sim: SamSimulator) -> Iterator[Callable[..., tuple[SamReader, Recorder]]]:
    readers: list[SamReader] = []

    def make(**overrides: Any) -> tuple[SamReader, Recorder]:
        settings: dict[str, Any] = {
            "port": sim.address,
            "poll_interval_s": 0.02,
            "wlt_decoder": "sim",
            "reconnect_interval_s": 0.05,
        }
        settings.update(overrides)
        reader = SamReader(SamReaderSettings(**settings))
        recorder = Recorder()
        reader.add_listener(recorder)
        readers.append(reader)
        reader.open()
        return reader, recorder

    yield make
    for reader in readers:
        reader.close()
