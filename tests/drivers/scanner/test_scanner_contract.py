"""Contract every serial scanner keeps: against the simulated engine, or a real scanner.

Run against hardware with ``pytest tests/drivers/scanner --device-scanner /dev/ttyACM0``.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from drivers import registry
from drivers.scanner.camera_scanner import CameraScanner
from drivers.scanner.hid import HidScanner
from drivers.scanner.on_simulator import SimulatedSerialScanner, SimulatedSerialScannerSettings
from drivers.scanner.serial_scanner import SerialScanner, SerialScannerSettings
from tests.drivers import contract


@pytest.fixture
def scanner(request: pytest.FixtureRequest) -> Iterator[SerialScanner]:
    yield from contract.device_under_test(
        request,
        "--device-scanner",
        lambda port: SerialScanner(SerialScannerSettings(port=port)),
        lambda: SimulatedSerialScanner(SimulatedSerialScannerSettings(pace_baud=0)),
    )


def test_entry_points_name_these_classes() -> None:
    assert registry.load("scanner-serial") is SerialScanner
    assert registry.load("scanner-hid") is HidScanner
    assert registry.load("scanner-camera") is CameraScanner
    assert registry.load("scanner-sim") is SimulatedSerialScanner


def test_opens_usable(scanner: SerialScanner) -> None:
    scanner.open()
    assert scanner.status.usable, scanner.status
    assert scanner.identity.model


def test_health_checks_pass(scanner: SerialScanner) -> None:
    scanner.open()
    contract.passed_health_checks(scanner)


def test_status_events_are_changes_only(scanner: SerialScanner) -> None:
    with contract.status_changes(scanner) as events:
        scanner.open()
        scanner.close()
    contract.assert_changes_only(events)


def test_close_is_idempotent_and_reopen_works(scanner: SerialScanner) -> None:
    contract.assert_reopens_after_closing_twice(scanner)


def test_describe(scanner: SerialScanner) -> None:
    scanner.open()
    info = scanner.describe()
    assert info["kind"] == "scanner" and info["usable"] is True
