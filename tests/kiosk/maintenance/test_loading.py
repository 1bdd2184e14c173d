"""Loading the dispenser in maintenance mode, on the simulated dispenser of the default config."""

from __future__ import annotations

import pytest

from drivers.dispenser.on_simulator import SimulatedDispenser
from kiosk.app import KioskCore
from kiosk.collection.inventory import Discrepancy, Gap, SlotInventory
from kiosk.collection.stock_check import check_stock
from kiosk.maintenance.actions import LoadingActions
from kiosk.maintenance.mode import MaintenanceMode
from tests.kiosk.maintenance.conftest import TECH, audit_rows, enter


@pytest.fixture
def session(mode: MaintenanceMode) -> MaintenanceMode:
    enter(mode)
    return mode


@pytest.fixture
def sim(core: KioskCore) -> SimulatedDispenser:
    device = core.devices.get("dispenser")
    assert isinstance(device, SimulatedDispenser)
    device.simulator.empty(*range(1, device.simulator.slot_count + 1))
    device.simulator.load_after_s = 0.0  # the simulated technician is quick
    return device


def test_a_scanned_card_goes_to_the_named_slot_once_the_sensor_sees_it(
    core: KioskCore, session: MaintenanceMode, sim: SimulatedDispenser
) -> None:
    sim.simulator.load(1)  # a card the inventory does not know
    actions = LoadingActions(core, session)
    choice = actions.slot_for("A-2026-0001")
    assert choice.slot == 2 and choice.code == "OK"  # slot 1 is full to the sensor
    assert sim.simulator.requests["UNLOCK"] == 1
    result = actions.confirm("A-2026-0001", 2, wait_s=10, poll_s=0.05)
    assert result.loaded
    assert result.discrepancies == (Discrepancy(1, Gap.UNEXPECTED),)
    view = actions.overview()
    assert [(e.slot, e.application_no) for e in view.entries] == [(2, "A-2026-0001")]
    assert view.sensed == (1, 2) and view.free_slot == 3
    again = actions.slot_for("A-2026-0001")
    assert (again.slot, again.code) == (2, "ALREADY_LOADED")
    rows = [(r.action, r.outcome, r.technician) for r in audit_rows(core)][-4:]
    assert rows == [
        ("dispenser_slot", "ok", TECH),
        ("dispenser_load", "ok", TECH),
        ("dispenser_view", "ok", TECH),
        ("dispenser_slot", "refused", TECH),
    ]


def test_a_card_the_sensor_never_sees_is_not_recorded(
    core: KioskCore, session: MaintenanceMode, sim: SimulatedDispenser
) -> None:
    sim.simulator.load_after_s = None  # the technician does not put the card in
    actions = LoadingActions(core, session)
    choice = actions.slot_for("A-2026-0002")
    assert choice.slot == 1
    result = actions.confirm("A-2026-0002", 1, wait_s=0.2, poll_s=0.05)
    assert not result.loaded and result.code == "NOT_SEEN"
    assert actions.overview().entries == ()


def test_unload_forgets_the_card_and_a_missing_card_is_reported(
    core: KioskCore, session: MaintenanceMode, sim: SimulatedDispenser
) -> None:
    actions = LoadingActions(core, session)
    slot = actions.slot_for("A-3").slot
    assert slot is not None and actions.confirm("A-3", slot, wait_s=10, poll_s=0.05).loaded
    sim.simulator.empty(slot)  # the card vanished
    view = actions.overview()
    assert view.discrepancies == (Discrepancy(slot, Gap.MISSING, "A-3"),)
    assert [e.slot for e in view.entries] == [slot]  # reported, never silently fixed
    assert check_stock(sim, core.config.kiosk.resolved_data_dir()) == list(view.discrepancies)
    assert actions.unload(slot) == "A-3"
    assert actions.overview().discrepancies == ()


def test_refusals(core: KioskCore, session: MaintenanceMode, sim: SimulatedDispenser) -> None:
    actions = LoadingActions(core, session)
    assert actions.slot_for("  ").code == "BAD_NUMBER"
    with SlotInventory.in_data_dir(core.config.kiosk.resolved_data_dir(), 20) as inventory:
        for slot in range(1, 21):
            inventory.load(f"A-{slot}", slot)
    assert actions.slot_for("A-99").code == "NO_FREE_SLOT"
