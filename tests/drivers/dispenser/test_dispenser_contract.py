"""Contract every card dispenser driver keeps: against the simulator, or a real dispenser.

Run against hardware with ``pytest tests/drivers/dispenser/test_dispenser_contract.py
--device-dispenser /dev/ttyUSB0`` (loaded with at least one card; nothing is released).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from drivers import registry
from drivers.dispenser.interface import CardDispenser
from drivers.dispenser.on_simulator import SimulatedDispenser
from drivers.dispenser.serial_dispenser import SerialDispenser
from drivers.dispenser.settings import SerialDispenserSettings
from tests.drivers import contract
from tests.drivers.dispenser.conftest import simulated


@pytest.fixture
def device(request: pytest.FixtureRequest) -> Iterator[SerialDispenser]:
    yield from contract.device_under_test(
        request,
        "--device-dispenser",
        lambda port: SerialDispenser(SerialDispenserSettings(port=port)),
        simulated,
    )


def test_entry_points_name_these_classes() -> None:
    assert registry.load("dispenser-serial") is SerialDispenser
    assert registry.load("dispenser-sim") is SimulatedDispenser
    assert registry.load_settings("dispenser-sim").model_fields["take_timeout_s"].default == 30


def test_has_the_flows_shape(device: SerialDispenser) -> None:
    assert isinstance(device, CardDispenser)


def test_opens_usable_with_identity(device: SerialDispenser) -> None:
    device.open()
    assert device.status.usable, device.status
    assert device.identity.model and device.slot_count >= 1


def test_reads_one_reading_per_slot(device: SerialDispenser) -> None:
    device.open()
    readings = device.read_slots()
    assert [r.slot for r in readings] == list(range(1, device.slot_count + 1))
    assert any(r.occupied for r in readings)


def test_health_checks_pass(device: SerialDispenser) -> None:
    device.open()
    contract.passed_health_checks(device)


def test_status_events_are_changes_only(device: SerialDispenser) -> None:
    with contract.status_changes(device) as events:
        device.open()
        device.close()
    contract.assert_changes_only(events)


def test_close_is_idempotent_and_reopen_works(device: SerialDispenser) -> None:
    contract.assert_reopens_after_closing_twice(device)


def test_describe_is_the_common_summary(device: SerialDispenser) -> None:
    device.open()
    info = device.describe()
    assert info["kind"] == "dispenser" and info["usable"] is True
