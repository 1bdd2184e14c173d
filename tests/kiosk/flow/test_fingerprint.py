"""Fingerprint capture against the simulated reader."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from drivers.fingerprint.on_simulator import SimulatedFingerprintReader
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
        quiet.simulator.place_finger()
        quiet.simulator.place_finger()
        step.capture_next()
        assert flow.current.kind == "confirm"
    finally:
        quiet.close()
