"""Fingerprint capture against the simulated reader."""

from __future__ import annotations

import base64
from collections.abc import Iterator
from typing import Any

import pytest

from drivers.fingerprint.model import Capture, Template, same_finger
from drivers.fingerprint.on_simulator import SimulatedFingerprintReader
from drivers.fingerprint.simulator import FINGER_A, FINGER_A_LEFT
from kiosk.flow.devices import FlowDevices
from kiosk.flow.engine import Flow, FlowEnv
from kiosk.visit.session import EndReason, SessionManager


@pytest.fixture
def reader() -> Iterator[SimulatedFingerprintReader]:
    device = SimulatedFingerprintReader(SimulatedFingerprintReader.Settings())
    device.open()
    yield device
    device.close()


def run(env: FlowEnv, reader: SimulatedFingerprintReader) -> tuple[Flow, SessionManager]:
    env.devices = FlowDevices({"fingerprint": reader})
    sessions = SessionManager()
    service = env.config.service("id_card_renewal").model_copy(
        update={"steps": ["fingerprint", "confirm"]}
    )
    flow = Flow(service, sessions.start(service.id), env)
    flow.start()
    return flow, sessions


def test_two_fingers_go_into_the_case_and_are_wiped_with_the_session(
    env: FlowEnv, reader: SimulatedFingerprintReader
) -> None:
    flow, sessions = run(env, reader)
    assert flow.current.kind == "confirm"
    prints = flow.session.data["case.pii"]["fingerprints"]
    assert set(prints) == {"right_index", "left_index"} and all(prints.values())
    capture = flow.session.data["fingerprint.right_index"]
    assert not env.idle.paused
    sessions.end(EndReason.COMPLETED)
    assert capture.wiped


def test_no_finger_times_out_with_a_retry(
    env: FlowEnv, reader: SimulatedFingerprintReader, monkeypatch: pytest.MonkeyPatch
) -> None:
    import kiosk.flow.fingerprint as fp

    monkeypatch.setattr(fp, "CAPTURE_TIMEOUT_S", 0.3)
    reader.close()
    quiet = SimulatedFingerprintReader(SimulatedFingerprintReader.Settings(scenario="manual"))
    quiet.open()
    try:
        flow, _ = run(env, quiet)
        step = flow.current
        assert step.kind == "fingerprint" and step.error.code == "FINGER_TIMEOUT"
        assert not env.idle.paused
        quiet.simulator.place_finger(finger=FINGER_A)
        quiet.simulator.place_finger(finger=FINGER_A_LEFT)
        step.capture_next()
        assert flow.current.kind == "confirm"
    finally:
        quiet.close()


def case_prints(flow: Flow) -> list[Template]:
    prints = flow.session.data["case.pii"]["fingerprints"]
    return [Template(base64.b64decode(p), "sim-v2") for p in prints.values()]


def test_the_case_carries_two_different_fingers(
    env: FlowEnv, reader: SimulatedFingerprintReader
) -> None:
    flow, _ = run(env, reader)
    first, second = case_prints(flow)
    assert not same_finger(first, second)


def test_the_same_finger_again_is_refused_and_the_other_one_taken(env: FlowEnv) -> None:
    reader = SimulatedFingerprintReader(
        SimulatedFingerprintReader.Settings(scenario="same_finger_twice", finger_delay_s=0.0)
    )
    reader.open()
    seen: list[tuple[str | None, bool]] = []
    taken: list[Capture] = []
    capture = reader.capture

    def capture_noted(**kwargs: Any) -> Capture:
        taken.append(capture(**kwargs))
        return taken[-1]

    reader.capture = capture_noted  # type: ignore[method-assign]
    try:
        flow, _ = run_watched(env, reader, seen)
    finally:
        reader.close()
    assert flow.current.kind == "confirm"
    assert reader.simulator.captures == 3  # right, right again (refused), left
    # the citizen was asked for the left finger again, told it was the same finger
    assert ("left_index", True) in seen
    first, second = case_prints(flow)
    assert not same_finger(first, second)
    # the refused capture was wiped at once; the two kept ones live until the session ends
    assert [c.wiped for c in taken] == [False, True, False]


def test_a_finger_placed_by_hand_twice_is_refused_until_the_other_one_comes(
    env: FlowEnv, reader: SimulatedFingerprintReader
) -> None:
    reader.close()
    quiet = SimulatedFingerprintReader(SimulatedFingerprintReader.Settings(scenario="manual"))
    quiet.open()
    try:
        for finger in (FINGER_A, FINGER_A, FINGER_A, FINGER_A_LEFT):
            quiet.simulator.place_finger(finger=finger)
        flow, _ = run(env, quiet)
        assert flow.current.kind == "confirm"
        assert quiet.simulator.pending_touches() == 0
        first, second = case_prints(flow)
        assert not same_finger(first, second)
    finally:
        quiet.close()


def run_watched(
    env: FlowEnv, reader: SimulatedFingerprintReader, seen: list[tuple[str | None, bool]]
) -> tuple[Flow, SessionManager]:
    """``run``, noting (finger asked, same-finger notice) at every change of the step."""
    env.devices = FlowDevices({"fingerprint": reader})
    sessions = SessionManager()
    service = env.config.service("id_card_renewal").model_copy(
        update={"steps": ["fingerprint", "confirm"]}
    )
    flow = Flow(service, sessions.start(service.id), env)

    def changed(step: Any) -> None:
        seen.append((step.finger, step.same_finger))

    flow.steps[0].add_listener(changed)
    flow.start()
    return flow, sessions
