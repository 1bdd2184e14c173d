"""Fixtures for the scanner tests: an event recorder and a simulated serial engine."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from drivers.base import DeviceEvent, StatusChanged
from drivers.scanner.model import CodeScanned, ScanResult
from drivers.scanner.serial_scanner import SerialScanner, SerialScannerSettings
from drivers.scanner.simulator import ScannerSimulator


class Recorder:
    """Listener that keeps events and lets a test wait for scans or a status."""

    def __init__(self) -> None:
        self.events: list[DeviceEvent] = []
        self._cond = threading.Condition()

    def __call__(self, event: DeviceEvent) -> None:
        with self._cond:
            self.events.append(event)
            self._cond.notify_all()

    def scans(self) -> list[ScanResult]:
        with self._cond:
            return [e.result for e in self.events if isinstance(e, CodeScanned)]

    def wait_scans(self, n: int, timeout: float = 5.0) -> list[ScanResult]:
        with self._cond:
            self._cond.wait_for(lambda: len(self.scans()) >= n, timeout)
        got = self.scans()
        assert len(got) >= n, f"{len(got)} scans, wanted {n}: {self.events}"
        return got

    def wait_status(self, pred: Callable[[StatusChanged], bool], timeout: float = 5.0) -> None:
        def found() -> bool:
            return any(isinstance(e, StatusChanged) and pred(e) for e in self.events)

        with self._cond:
            ok = self._cond.wait_for(found, timeout)
        assert ok, f"no matching status change in {self.events}"


@pytest.fixture
def recorder() -> Recorder:
    return Recorder()


@pytest.fixture
def engine() -> Iterator[ScannerSimulator]:
    sim = ScannerSimulator(baud=None)
    sim.start()
    yield sim
    sim.stop()


@pytest.fixture
def make_scanner(
    engine: ScannerSimulator,
) -> Iterator[Callable[..., tuple[SerialScanner, Recorder]]]:
    made: list[SerialScanner] = []

    def make(**overrides: Any) -> tuple[SerialScanner, Recorder]:
        settings: dict[str, Any] = {
            "port": engine.address,
            "reconnect_interval_s": 0.05,
            "hold_down_s": 0,
        }
        settings.update(overrides)
        scanner = SerialScanner(SerialScannerSettings(**settings))
        rec = Recorder()
        scanner.add_listener(rec)
        made.append(scanner)
        scanner.open()
        return scanner, rec

    yield make
    for scanner in made:
        scanner.close()
