"""The serial scanner driver against a simulated engine on a pty."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from drivers.base import DeviceState, HealthLevel
from drivers.scanner.serial_scanner import SerialScanner
from drivers.scanner.simulator import SUFFIX_BYTES, ScannerSimulator

MakeScanner = Callable[..., tuple[SerialScanner, Any]]


@pytest.mark.parametrize("suffix", ["cr", "lf", "crlf"])
def test_codes_with_each_suffix_in_auto_mode(
    engine: ScannerSimulator, make_scanner: MakeScanner, suffix: str
) -> None:
    engine.suffix = SUFFIX_BYTES[suffix]
    scanner, rec = make_scanner(suffix="auto")
    assert scanner.status.code == "OK"
    engine.scan("https://zwfw.example.gov.cn/slip/1")
    engine.scan("SECOND")
    texts = [r.text for r in rec.wait_scans(2)]
    assert texts == ["https://zwfw.example.gov.cn/slip/1", "SECOND"]
    assert rec.scans()[0].source == "serial"


def test_no_suffix_scanner_is_framed_by_the_idle_gap(
    engine: ScannerSimulator, make_scanner: MakeScanner
) -> None:
    engine.suffix = b""
    _, rec = make_scanner(suffix="none", idle_timeout_s=0.05)
    engine.scan("NO-SUFFIX-123")
    assert rec.wait_scans(1)[0].text == "NO-SUFFIX-123"


def test_aim_prefix_gives_the_symbology(
    engine: ScannerSimulator, make_scanner: MakeScanner
) -> None:
    engine.aim_prefix = True
    _, rec = make_scanner(aim_prefix=True)
    engine.scan("SLIP-1", "QR")
    engine.scan("123456789012345678", "CODE128")
    first, second = rec.wait_scans(2)
    assert (first.aim_id, first.symbology, first.text) == ("]Q1", "QR", "SLIP-1")
    assert (second.aim_id, second.symbology) == ("]C0", "CODE128")


def test_without_aim_setting_the_prefix_is_left_alone(
    engine: ScannerSimulator, make_scanner: MakeScanner
) -> None:
    _, rec = make_scanner(aim_prefix=False)
    engine.scan("]Q1 is text here")
    assert rec.wait_scans(1)[0].text == "]Q1 is text here"


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030"])
def test_chinese_payloads(
    engine: ScannerSimulator, make_scanner: MakeScanner, encoding: str
) -> None:
    _, rec = make_scanner()
    engine.scan("办件编号：粤-2026-000123 张三".encode(encoding))
    assert rec.wait_scans(1)[0].text == "办件编号：粤-2026-000123 张三"


def test_noise_glued_to_a_code_is_dropped_with_aim_resync(
    engine: ScannerSimulator, make_scanner: MakeScanner
) -> None:
    engine.aim_prefix = True
    _, rec = make_scanner(aim_prefix=True)
    engine.send_raw(b"\x11\x93\x00")
    engine.scan("AFTER-NOISE")
    assert rec.wait_scans(1)[0].text == "AFTER-NOISE"


def test_repeats_within_the_window_are_one_scan(
    engine: ScannerSimulator, make_scanner: MakeScanner
) -> None:
    _, rec = make_scanner(repeat_window_s=30)
    for _ in range(3):
        engine.scan("SAME")
    engine.scan("OTHER")
    assert [r.text for r in rec.wait_scans(2)] == ["SAME", "OTHER"]


def test_unplug_is_reported_and_scanning_resumes_after_replug(
    engine: ScannerSimulator, make_scanner: MakeScanner
) -> None:
    scanner, rec = make_scanner()
    engine.unplug()
    rec.wait_status("DEVICE_LOST")
    assert scanner.status.state is DeviceState.OFFLINE
    assert not scanner.health_check(HealthLevel.EXTERNAL).passed
    engine.replug()
    rec.wait_recovered()
    engine.scan("BACK")
    assert rec.wait_scans(1)[0].text == "BACK"


def test_gm65_engine_health_and_trigger(
    engine: ScannerSimulator, make_scanner: MakeScanner
) -> None:
    scanner, rec = make_scanner(command_set="gm65")
    assert scanner.identity.model.startswith("GM65")
    assert scanner.health_check(HealthLevel.EXTERNAL).passed
    engine.trigger_code = ("TRIGGERED-1", "QR")
    assert scanner.trigger()
    assert rec.wait_scans(1)[0].text == "TRIGGERED-1"
    assert engine.triggers == 1
    engine.scan("PASSIVE-TOO")
    assert rec.wait_scans(2)[1].text == "PASSIVE-TOO"


def test_silent_gm65_engine(engine: ScannerSimulator, make_scanner: MakeScanner) -> None:
    engine.silent = True
    scanner, _ = make_scanner(command_set="gm65")
    assert scanner.status.code == "DEVICE_TIMEOUT"
    assert not scanner.trigger(timeout_s=0.1)


def test_trigger_needs_a_command_set(make_scanner: MakeScanner) -> None:
    scanner, _ = make_scanner()
    assert scanner.trigger() is False


def test_missing_port_opens_offline(make_scanner: MakeScanner) -> None:
    scanner, _ = make_scanner(port="/nonexistent/scanner")
    assert (scanner.status.state, scanner.status.code) == (DeviceState.OFFLINE, "DEVICE_LOST")
