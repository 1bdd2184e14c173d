"""A stand-in for PyGObject's libfprint binding: just enough for the driver's supervision.

Signals are queued on the fake GLib main context and delivered when the
driver iterates it, on the driver's worker thread, as GLib does.
"""

from __future__ import annotations

import collections
import functools
import sys
import threading
import types
from collections.abc import Callable
from typing import Any

import pytest


class GLibError(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class MainContext:
    def __init__(self) -> None:
        self._calls: collections.deque[Callable[[], None]] = collections.deque()
        self._lock = threading.Lock()
        self.owned = False

    def acquire(self) -> bool:
        with self._lock:
            if self.owned:
                return False
            self.owned = True
            return True

    def release(self) -> None:
        with self._lock:
            self.owned = False

    def post(self, call: Callable[[], None]) -> None:
        with self._lock:
            self._calls.append(call)

    def pending(self) -> bool:
        with self._lock:
            return bool(self._calls)

    def iteration(self, may_block: bool) -> bool:
        with self._lock:
            call = self._calls.popleft() if self._calls else None
        if call is not None:
            call()
        return call is not None


class FakeReader:
    def __init__(self, bus: FakeBus) -> None:
        self._bus = bus
        self._open = False
        self.handlers: dict[str, Callable[..., None]] = {}

    def get_driver(self) -> str:
        return "virtual_device"

    def get_name(self) -> str:
        return "Fake fingerprint reader"

    def get_device_id(self) -> str:
        return "fake-0"

    def get_features(self) -> int:
        return 0

    def open_sync(self, cancellable: Any) -> None:
        if not self._bus.plugged:
            raise GLibError("device went away")
        self._open = True
        self._bus.opened.append(self)

    def close_sync(self, cancellable: Any) -> None:
        self._open = False

    def is_open(self) -> bool:
        return self._open

    def connect(self, signal: str, handler: Callable[..., None]) -> None:
        self.handlers[signal] = handler


class FakeBus:
    """The USB bus the fake readers sit on."""

    def __init__(self) -> None:
        self.plugged = True
        self.opened: list[FakeReader] = []
        self.context = MainContext()

    def unplug(self) -> None:
        self.plugged = False
        for reader in self.opened:
            if reader.is_open() and "removed" in reader.handlers:
                self.context.post(functools.partial(reader.handlers["removed"], reader))

    def plug(self) -> None:
        self.plugged = True


def install(monkeypatch: pytest.MonkeyPatch) -> FakeBus:
    """Make ``import gi`` find the fake; returns its bus."""
    bus = FakeBus()

    class FPrintContext:
        def enumerate(self) -> None:
            pass

        def get_devices(self) -> list[FakeReader]:
            return [FakeReader(bus)] if bus.plugged else []

    fprint = types.SimpleNamespace(
        Context=FPrintContext, DeviceFeature=types.SimpleNamespace(IDENTIFY=1, CAPTURE=2)
    )
    glib = types.SimpleNamespace(
        MainContext=types.SimpleNamespace(default=lambda: bus.context), Error=GLibError
    )
    gi = types.ModuleType("gi")
    gi.require_version = lambda name, version: None  # type: ignore[attr-defined]
    repository = types.ModuleType("gi.repository")
    repository.FPrint = fprint  # type: ignore[attr-defined]
    repository.Gio = types.SimpleNamespace()  # type: ignore[attr-defined]
    repository.GLib = glib  # type: ignore[attr-defined]
    gi.repository = repository  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "gi", gi)
    monkeypatch.setitem(sys.modules, "gi.repository", repository)
    return bus
