"""A card the last visit left on the reader is never read into the next one.

Against the real SAM driver speaking to the simulator on a pty.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from drivers.base import Actor, DeviceState, DeviceStatus, StatusChanged
from drivers.idcard.events import CardRemoved
from drivers.idcard.on_simulator import SimulatedSamReader
from kiosk.flow.devices import FlowDevices
from kiosk.flow.engine import Flow, FlowEnv
from kiosk.visit.left_card import LEFT_BEHIND, LeftCardGuard
from kiosk.visit.session import EndReason, SessionManager
from tests.kiosk.flow.helpers import Pump, card_present, service


class Reader:
    def __init__(self, state: DeviceState) -> None:
        self.status = DeviceStatus(state, state.name, "", Actor.NONE)


def changed_to(state: DeviceState) -> StatusChanged:
    return StatusChanged(Reader(DeviceState.CARD_PRESENT).status, Reader(state).status)


def test_guard_marks_a_card_left_at_the_end_and_forgets_it_once_taken() -> None:
    devices = {"idcard": Reader(DeviceState.CARD_PRESENT)}
    guard = LeftCardGuard(devices)
    assert not guard.left_behind
    guard.session_ended()
    assert guard.left_behind
    # The reader dropping out cannot tell whether the card went: still the last visit's.
    guard.device_event("idcard", changed_to(DeviceState.OFFLINE))
    assert guard.left_behind
    guard.device_event("scanner", CardRemoved())
    assert guard.left_behind
    guard.device_event("idcard", CardRemoved())
    assert not guard.left_behind


def test_guard_forgets_when_the_reader_reports_no_card() -> None:
    guard = LeftCardGuard({"idcard": Reader(DeviceState.CARD_PRESENT)})
    guard.session_ended()
    guard.device_event("idcard", changed_to(DeviceState.ONLINE))
    assert not guard.left_behind


def test_a_visit_ending_without_a_card_leaves_nothing_behind() -> None:
    guard = LeftCardGuard({"idcard": Reader(DeviceState.ONLINE)})
    guard.session_ended()
    assert not guard.left_behind
    LeftCardGuard({}).session_ended()  # no reader configured


@pytest.fixture
def kiosk(env: FlowEnv, sam: SimulatedSamReader) -> Iterator[tuple[SessionManager, Pump]]:
    """The reader, the guard wired as the kiosk core wires it, and a card left behind."""
    devices = {"idcard": sam}
    env.devices = FlowDevices(devices)
    guard = LeftCardGuard(devices)
    env.services.left_card = guard
    sessions = SessionManager()
    sessions.add_end_listener(guard.session_ended)
    sam.add_listener(lambda ev: guard.device_event("idcard", ev))
    present = card_present(sam)
    pump = Pump(sam, "idcard")
    sessions.start("id_card_renewal")
    sam.simulator.place_card()
    assert present.wait(5)
    sessions.end(EndReason.COMPLETED)  # the citizen walks off without the card
    assert guard.left_behind
    yield sessions, pump
    sessions.end(EndReason.SHUTDOWN)


@pytest.mark.parametrize(
    ("base", "step"),
    [("id_card_renewal", "read_id_card"), ("progress_query", "identify_application")],
)
def test_next_visit_asks_for_the_left_card_to_go_and_reads_only_the_new_one(
    env: FlowEnv,
    sam: SimulatedSamReader,
    kiosk: tuple[SessionManager, Pump],
    base: str,
    step: str,
) -> None:
    sessions, pump = kiosk
    flow = Flow(service(env, base, step, "rating"), sessions.start(base), env)
    flow.start()
    assert flow.current.kind == step
    assert flow.current.error is not None and flow.current.error.code == LEFT_BEHIND
    assert not flow.current.busy  # nothing is being read
    assert "card" not in flow.session.data and "query.card" not in flow.session.data

    sam.simulator.remove_card()
    pump.until(flow, lambda: flow.current.error is None)
    sam.simulator.place_card()
    if step == "read_id_card":
        pump.until(flow, lambda: flow.current.kind == "rating")
        assert flow.session.data["card"].id_number
    else:
        pump.until(flow, lambda: "query.card" in flow.session.data)


def test_retry_does_not_read_the_left_card_either(
    env: FlowEnv, kiosk: tuple[SessionManager, Pump]
) -> None:
    sessions, _ = kiosk
    flow = Flow(service(env, "id_card_renewal", "read_id_card", "rating"), sessions.start("x"), env)
    flow.start()
    flow.current.retry()
    assert flow.current.error is not None and flow.current.error.code == LEFT_BEHIND
    assert "card" not in flow.session.data
