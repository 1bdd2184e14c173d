"""The real dispenser driver against its simulator on a pty: releases, every fault, the link."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest

from drivers.base import DeviceState, HealthLevel
from drivers.dispenser.model import ReleaseOutcome, ReleaseResult
from drivers.dispenser.on_simulator import SimulatedDispenser
from drivers.dispenser.simulator import DispenserSimulator
from tests.drivers.contract import status_changes
from tests.drivers.dispenser.conftest import simulated


def release_in_thread(
    device: SimulatedDispenser, slot: int, take_timeout_s: float = 30.0
) -> tuple[threading.Thread, list[ReleaseResult]]:
    results: list[ReleaseResult] = []
    thread = threading.Thread(
        target=lambda: results.append(device.release(slot, take_timeout_s=take_timeout_s))
    )
    thread.start()
    return thread, results


def wait(sim: DispenserSimulator, predicate: Callable[[DispenserSimulator], bool]) -> None:
    assert sim.wait_for(predicate, timeout=10)


def test_released_card_taken_at_the_gate(dispenser: SimulatedDispenser) -> None:
    sim = dispenser.simulator
    assert dispenser.slot_count == 8
    thread, results = release_in_thread(dispenser, 3)
    wait(sim, lambda s: s.card_at_gate)
    assert _eventually(lambda: dispenser.status.code == "CARD_AT_GATE")
    assert sim.take_card()
    thread.join(10)
    assert results == [ReleaseResult(ReleaseOutcome.TAKEN, 3)]
    assert not sim.occupied()[2] and sim.captured == 0
    assert [r.slot for r in dispenser.read_slots() if r.occupied] == [1, 5, 7]


def test_card_not_taken_is_captured(dispenser: SimulatedDispenser) -> None:
    result = dispenser.release(1, take_timeout_s=0.2)
    assert result.outcome is ReleaseOutcome.CAPTURED and result.code == "DISPENSER_CAPTURED"
    sim = dispenser.simulator
    assert sim.captured == 1 and sim.bin_count == 1 and not sim.card_at_gate
    assert sim.requests["CAPTURE"] == 1


def test_person_who_takes_the_card_after_some_seconds() -> None:
    device = simulated(scenario="taken_late")
    device.simulator.take_after_s = 0.3  # the scenario's person, sooner
    device.open()
    try:
        result = device.release(1, take_timeout_s=30)
    finally:
        device.close()
    assert result.outcome is ReleaseOutcome.TAKEN
    assert device.simulator.taken == 1 and device.simulator.captured == 0


def test_take_timeout_comes_from_the_settings() -> None:
    device = simulated(take_timeout_s=0.2)
    device.open()
    try:
        assert device.release(1).outcome is ReleaseOutcome.CAPTURED
    finally:
        device.close()


def test_jam_on_the_way_to_the_gate() -> None:
    device = simulated(scenario="jam")
    device.open()
    try:
        result = device.release(1)
        assert result.outcome is ReleaseOutcome.JAMMED and result.code == "DISPENSER_JAM"
        assert device.status.code == "DISPENSER_JAM"
        assert device.status.state is DeviceState.ERROR and not device.status.usable
        # Still jammed: the next release moves nothing.
        assert device.release(3).outcome is ReleaseOutcome.JAMMED
        assert device.simulator.occupied()[2]
        assert not device.health_check(HealthLevel.EXTERNAL).passed
    finally:
        device.close()


def test_empty_slot_is_reported_not_moved() -> None:
    device = simulated(scenario="empty_slot")
    device.open()
    try:
        result = device.release(1)
        assert result.outcome is ReleaseOutcome.EMPTY_SLOT and result.code == "DISPENSER_EMPTY"
        assert device.simulator.requests["TO_GATE"] == 0
    finally:
        device.close()


def test_gate_blocked_moves_nothing() -> None:
    device = simulated(scenario="gate_blocked")
    device.open()
    try:
        assert device.status.code == "DISPENSER_GATE_BLOCKED"
        result = device.release(1)
        assert result.outcome is ReleaseOutcome.GATE_BLOCKED
        assert device.simulator.requests["TO_GATE"] == 0 and device.simulator.occupied()[0]
        device.simulator.block_gate(False)
        assert device.simulator.wait_for(lambda s: s.requests["STATUS"] > 5)
        assert device.release(1, take_timeout_s=0.1).outcome is ReleaseOutcome.CAPTURED
    finally:
        device.close()


def test_full_bin_refuses_to_release() -> None:
    device = simulated(scenario="bin_full")
    device.open()
    try:
        assert device.status.code == "DISPENSER_BIN_FULL"
        result = device.release(1)
        assert result.outcome is ReleaseOutcome.FAILED and result.code == "DISPENSER_BIN_FULL"
    finally:
        device.close()


def test_empty_store_is_reported_to_staff_and_loading_fills_a_slot() -> None:
    device = simulated(scenario="empty")
    device.open()
    try:
        assert device.status.code == "DISPENSER_EMPTY"
        device.unlock_slot(2)  # the simulated technician puts a card in
        assert device.simulator.wait_for(lambda s: s.occupied()[1])
        assert [r.slot for r in device.read_slots() if r.occupied] == [2]
    finally:
        device.close()


def test_bad_slot_number_fails_without_a_move(dispenser: SimulatedDispenser) -> None:
    result = dispenser.release(99)
    assert result.outcome is ReleaseOutcome.FAILED and result.code == "DISPENSER_BAD_SLOT"


def test_corrupted_replies_are_asked_again(dispenser: SimulatedDispenser) -> None:
    sim = dispenser.simulator
    sim.corrupt_next = 1
    readings = dispenser.read_slots()
    assert sum(r.occupied for r in readings) == 4


def test_silent_device_fails_the_release_before_anything_moves(
    dispenser: SimulatedDispenser,
) -> None:
    dispenser.simulator.silent = True
    result = dispenser.release(1)
    assert result.outcome is ReleaseOutcome.FAILED and result.code == "DEVICE_TIMEOUT"
    assert dispenser.simulator.occupied()[0]


def test_link_lost_during_the_wait_is_uncertain(dispenser: SimulatedDispenser) -> None:
    sim = dispenser.simulator
    thread, results = release_in_thread(dispenser, 1)
    wait(sim, lambda s: s.card_at_gate)
    sim.unplug()
    thread.join(15)
    assert results[0].outcome is ReleaseOutcome.UNCERTAIN


def test_unplug_is_reported_and_the_driver_reconnects(dispenser: SimulatedDispenser) -> None:
    with status_changes(dispenser) as events:
        dispenser.simulator.unplug()
        assert _eventually(lambda: dispenser.status.state is DeviceState.OFFLINE)
        dispenser.simulator.replug()
        assert _eventually(lambda: dispenser.status.usable)
    assert any(e.status.code == "DEVICE_LOST" for e in events)


def test_only_one_release_at_a_time(dispenser: SimulatedDispenser) -> None:
    sim = dispenser.simulator
    thread, results = release_in_thread(dispenser, 1)
    wait(sim, lambda s: s.card_at_gate)
    second = dispenser.release(3)
    assert second.outcome is ReleaseOutcome.FAILED and second.code == "DISPENSER_BUSY"
    sim.take_card()
    thread.join(10)
    assert results[0].outcome is ReleaseOutcome.TAKEN


@pytest.mark.parametrize("level", [HealthLevel.INTERNAL, HealthLevel.EXTERNAL])
def test_health_checks_pass_when_loaded(dispenser: SimulatedDispenser, level: HealthLevel) -> None:
    result = dispenser.health_check(level)
    assert result.passed, result


def _eventually(predicate: Callable[[], bool], timeout: float = 10.0) -> bool:
    done = threading.Event()
    deadline = 0.0
    while deadline < timeout:
        if predicate():
            return True
        done.wait(0.05)
        deadline += 0.05
    return predicate()
