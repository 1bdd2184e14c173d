"""Fixtures for the camera tests."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest

from drivers.base import DeviceEvent, StatusChanged


class Statuses:
    """Listener that records status changes and lets a test wait for one."""

    def __init__(self) -> None:
        self.events: list[StatusChanged] = []
        self._cond = threading.Condition()

    def __call__(self, event: DeviceEvent) -> None:
        if isinstance(event, StatusChanged):
            with self._cond:
                self.events.append(event)
                self._cond.notify_all()

    def wait(self, pred: Callable[[StatusChanged], bool], timeout: float = 10.0) -> StatusChanged:
        def find() -> StatusChanged | None:
            return next((e for e in self.events if pred(e)), None)

        with self._cond:
            self._cond.wait_for(lambda: find() is not None, timeout)
            found = find()
        assert found is not None, f"no matching status change in {self.events}"
        return found

    def wait_code(self, code: str, timeout: float = 10.0) -> StatusChanged:
        return self.wait(lambda e: e.status.code == code, timeout)


@pytest.fixture
def statuses() -> Statuses:
    return Statuses()
