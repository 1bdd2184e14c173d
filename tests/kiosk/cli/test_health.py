"""`kiosk health` asks the running kiosk; `kiosk devices test` runs the check in it."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from drivers.base import Actor, DeviceState
from kiosk.__main__ import main
from kiosk.app import KioskCore
from kiosk.config.health import HealthSettings
from kiosk.config.schema import load_config
from tests.fakes import FakeDevice


def printer(core: KioskCore) -> FakeDevice:
    device = core.devices.get("printer")
    assert isinstance(device, FakeDevice)
    return device


@pytest.fixture
def running() -> Iterator[KioskCore]:
    """A kiosk on fake devices with its control socket (no HTTP listener: no fixed port)."""
    core = KioskCore(load_config().model_copy(update={"health": HealthSettings(listen="")}))
    core.start()
    core.health.serve()
    assert core.health.control is not None
    yield core
    core.stop()


def test_exit_status_follows_the_kiosk_s_health(
    running: KioskCore, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["health"]) == 0
    out = capsys.readouterr().out
    assert "PASS" in out and "printer" in out
    printer(running).set_state(DeviceState.PAPER_LOW, "PRINTER_PAPER_LOW", Actor.STAFF)
    assert main(["health", "--json"]) == 1
    doc = json.loads(capsys.readouterr().out)
    assert doc["status"] == "warn" and doc["devices"]["printer"]["code"] == "PRINTER_PAPER_LOW"
    assert doc["reasons"] == ["DEVICE:printer:PRINTER_PAPER_LOW"]


def test_staff_acknowledge_help_requests(
    running: KioskCore, capsys: pytest.CaptureFixture[str]
) -> None:
    running.request_help("home")
    assert main(["health"]) == 1
    assert "HELP_WAITING" in capsys.readouterr().out
    assert main(["health", "--ack-help"]) == 0
    assert "acknowledged: 1" in capsys.readouterr().err


def test_a_failing_kiosk_exits_2() -> None:
    core = KioskCore(load_config(), start_queue=False)
    core.start()
    core.health.serve()
    try:
        assert main(["health"]) == 2
    finally:
        core.stop()


def test_no_kiosk_running_exits_3(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["health"]) == 3
    assert "no kiosk running" in capsys.readouterr().err


def test_devices_test_runs_in_the_running_kiosk(
    running: KioskCore, capsys: pytest.CaptureFixture[str]
) -> None:
    opened = len(FakeDevice.instances)
    assert main(["devices", "test", "printer", "--json"]) == 0
    [result] = json.loads(capsys.readouterr().out)
    assert result["device"] == "printer" and result["text"] == "fake external check"
    assert len(FakeDevice.instances) == opened  # the CLI opened no device of its own
    checks = running.health.snapshot().devices["printer"].checks
    assert checks["external"].passed  # the kiosk recorded it: it feeds the snapshot
    printer(running).set_state(DeviceState.PAPER_OUT, "PRINTER_PAPER_OUT", Actor.STAFF)
    assert main(["devices", "test", "fake"]) == 1  # by kind: every fake device, one failing
    assert "printer: FAIL [PRINTER_PAPER_OUT]" in capsys.readouterr().out
    assert main(["devices", "test", "nothing"]) == 2


def test_devices_test_opens_the_device_itself_when_no_kiosk_runs(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert main(["devices", "test", "printer", "--settle", "0"]) == 0
    assert "printer: PASS" in capsys.readouterr().out
    assert len(FakeDevice.instances) == 1  # opened here, as before
