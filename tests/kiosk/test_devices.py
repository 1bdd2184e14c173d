"""Device manager and service availability."""

from __future__ import annotations

from pathlib import Path

import pytest

from drivers.base import DeviceState, StatusChanged
from kiosk.app import KioskCore
from kiosk.config.schema import load_config
from kiosk.devices import DeviceManager
from tests.fakes import FakeDevice
from tests.sites import DEFAULT_DEVICES, DEMO_PLATFORM


def test_opens_every_configured_device() -> None:
    manager = DeviceManager(load_config())
    manager.open_all()
    try:
        assert set(manager.devices) == DEFAULT_DEVICES
        assert all(s.state is DeviceState.ONLINE for s in manager.status().values())
    finally:
        manager.close_all()
    assert manager.devices == {}


def test_failed_device_disables_only_services_that_need_it(tmp_path: Path) -> None:
    site = tmp_path / "site.toml"
    site.write_text(
        DEMO_PLATFORM + "[devices.fingerprint.settings]\nfail_open = true\n", encoding="utf-8"
    )
    core = KioskCore(load_config(site))
    events: list[tuple[str, object]] = []
    core.devices.add_listener(lambda name, ev: events.append((name, ev)))
    core.start()
    try:
        status = core.devices.status()["fingerprint"]
        assert status.state is DeviceState.ERROR and status.code == "OPEN_FAILED"
        assert "port not found" in status.detail
        av = core.availability()
        for needs_fingerprints in ("id_card_reissue", "id_card_renewal"):
            assert not av[needs_fingerprints].available
            assert [p.device for p in av[needs_fingerprints].problems] == ["fingerprint"]
        assert av["tax_certificate"].available
        assert av["service_guide"].available
        assert any(n == "fingerprint" and isinstance(e, StatusChanged) for n, e in events)
    finally:
        core.stop()


def test_progress_query_needs_no_scanner(tmp_path: Path) -> None:
    # The slip's number can be typed, or the card placed: a dead scanner closes nothing.
    site = tmp_path / "site.toml"
    site.write_text(
        DEMO_PLATFORM + "[devices.scanner.settings]\nfail_open = true\n", encoding="utf-8"
    )
    core = KioskCore(load_config(site))
    core.start()
    try:
        assert not core.devices.status()["scanner"].usable
        assert core.availability()["progress_query"].available
    finally:
        core.stop()


@pytest.mark.parametrize(
    ("state", "usable"),
    [
        (DeviceState.PAPER_LOW, True),
        (DeviceState.PAPER_OUT, False),
        (DeviceState.COVER_OPEN, False),
        (DeviceState.OFFLINE, False),
    ],
)
def test_printer_state_drives_availability(state: DeviceState, usable: bool) -> None:
    core = KioskCore(load_config())
    core.start()
    try:
        printer = core.devices.get("printer")
        assert isinstance(printer, FakeDevice)
        printer.set_state(state)
        av = core.availability()
        assert av["id_card_renewal"].available is usable  # it prints the slip
        assert av["service_guide"].available  # needs no device
        if not usable:
            assert av["id_card_renewal"].problems[0].status.state is state
    finally:
        core.stop()


def test_idle_budget_is_longer_in_large_type() -> None:
    core = KioskCore(load_config())
    assert core.idle_budget(False) == (60, 30)
    assert core.idle_budget(True) == (120, 60)
