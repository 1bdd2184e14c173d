"""The simulated serial scanner as a driver and standalone."""

from __future__ import annotations

from typing import Any

from drivers.scanner import on_simulator as scansim
from drivers.scanner.on_simulator import SimulatedSerialScanner, SimulatedSerialScannerSettings
from tests.drivers.simulators import assert_scenarios, standalone_link


def test_scenarios() -> None:
    expected = {"idle", "slip", "payment", "chinese", "gb18030", "garbage", "unplug_replug"}
    settings = SimulatedSerialScannerSettings
    assert_scenarios(expected, scansim.SCENARIOS, scansim.start_standalone, settings)


def test_standalone_scanner_sends_typed_codes_on_its_pty() -> None:
    standalone = scansim.start_standalone("idle")
    with standalone_link(standalone) as link:
        standalone.scan("TYPED-1")
        assert link.read_exact(8, 2.0) == b"TYPED-1\r"


def test_simulated_scanner_with_aim_and_its_simulator(recorder: Any) -> None:
    scanner = SimulatedSerialScanner(SimulatedSerialScannerSettings(aim_prefix=True))
    scanner.add_listener(recorder)
    scanner.open()
    try:
        scanner.simulator.scan("SLIP-42", "QR")
        result = recorder.wait_scans(1)[0]
        assert (result.text, result.symbology) == ("SLIP-42", "QR")
    finally:
        scanner.close()
    assert not scanner.simulator.running
