"""Fixtures for the scanner tests: an event recorder and a simulated serial engine."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from drivers.scanner.model import CodeScanned, ScanResult
from drivers.scanner.serial_scanner import SerialScanner, SerialScannerSettings
from drivers.scanner.simulator import ScannerSimulator
from tests.drivers.recorder import Recorder as EventRecorder
from tests.drivers.recorder import opened_devices


class Recorder(EventRecorder):
    """The event recorder, and a wait for scans."""

    def scans(self) -> list[ScanResult]:
        return [e.result for e in self.of(CodeScanned)]

    def wait_scans(self, n: int, timeout: float = 5.0) -> list[ScanResult]:
        with self._cond:
            self._cond.wait_for(lambda: len(self.scans()) >= n, timeout)
        got = self.scans()
        assert len(got) >= n, f"{len(got)} scans, wanted {n}: {self.events}"
        return got


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
    defaults = {"port": engine.address, "reconnect_interval_s": 0.05, "hold_down_s": 0}
    yield from opened_devices(
        lambda s: SerialScanner(SerialScannerSettings(**s)), defaults, Recorder
    )
