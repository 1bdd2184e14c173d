"""Identity steps against the real SAM driver speaking to the simulator on a pty."""

from __future__ import annotations

import pytest

from drivers.base import StatusChanged
from drivers.idcard import idnumber
from drivers.idcard.on_simulator import SimulatedSamReader
from kiosk.flow.devices import FlowDevices
from kiosk.flow.engine import Flow, FlowEnv
from kiosk.visit.session import EndReason, SessionManager
from tests.kiosk.flow.helpers import Pump, card_present, make_flow, service


@pytest.fixture
def renewal(env: FlowEnv, sam: SimulatedSamReader, sessions: SessionManager) -> tuple[Flow, Pump]:
    env.devices = FlowDevices({"idcard": sam})
    pump = Pump(sam, "idcard")
    flow = make_flow(env, sessions, "id_card_renewal", "read_id_card", "confirm")
    flow.start()
    return flow, pump


def test_card_placed_is_read_into_the_case(
    renewal: tuple[Flow, Pump], sam: SimulatedSamReader
) -> None:
    flow, pump = renewal
    assert flow.current.kind == "read_id_card"
    sam.simulator.place_card()
    pump.until(flow, lambda: flow.current.kind != "read_id_card")
    card = flow.session.data["card"]
    pii = flow.session.data["case.pii"]
    assert pii["id_number"] == card.id_number and idnumber.is_valid(card.id_number)
    assert card.id_number not in repr(card)  # masked in repr
    assert flow.session.data["case.payload"]["card_read"] is True
    assert not flow.env.idle.paused  # the read is over


def test_card_already_on_the_reader_is_read_at_once(env: FlowEnv, sam: SimulatedSamReader) -> None:
    present = card_present(sam)
    pump = Pump(sam, "idcard")
    sam.simulator.place_card()
    assert present.wait(5)
    env.devices = FlowDevices({"idcard": sam})
    sessions = SessionManager()
    flow = Flow(
        service(env, "id_card_renewal", "read_id_card", "confirm"), sessions.start("x"), env
    )
    flow.start()
    pump.until(flow, lambda: flow.current.kind != "read_id_card")
    assert "card" in flow.session.data
    card = flow.session.data["card"]
    sessions.end(EndReason.COMPLETED)
    assert card.wiped and card.id_number == ""


def test_read_failure_shows_a_problem_and_retry_reads_again(
    renewal: tuple[Flow, Pump], sam: SimulatedSamReader
) -> None:
    flow, pump = renewal
    sam.simulator.fail_next_reads(10)
    sam.simulator.place_card()
    step = flow.current
    pump.until(flow, lambda: step.error is not None)
    assert step.error.code == "CARD_READ_FAILED"
    assert not flow.env.idle.paused  # a failed read does not hold the idle timer
    sam.simulator.fail_next_reads(0)
    step.retry()
    pump.until(flow, lambda: flow.current is not step)
    assert "card" in flow.session.data


def test_a_failed_read_stays_shown_while_the_unreadable_card_lies_there(
    renewal: tuple[Flow, Pump], sam: SimulatedSamReader
) -> None:
    flow, pump = renewal
    sam.simulator.fail_next_reads(sam.settings.read_attempts)
    sam.simulator.place_card()
    step = flow.current
    # Take every event up to the reader's "card present but unreadable" status.
    while True:
        name, event = pump.events.get(timeout=10)
        flow.on_device_event(name, event)
        if isinstance(event, StatusChanged) and event.status.code == "CARD_UNREADABLE":
            break
    assert step.error is not None and step.error.code == "CARD_READ_FAILED"
    assert not step.busy and not flow.env.idle.paused


def test_card_lifted_mid_read_asks_for_it_back(
    renewal: tuple[Flow, Pump], sam: SimulatedSamReader
) -> None:
    flow, pump = renewal
    step = flow.current
    sam.simulator.remove_card_during_next_read()
    sam.simulator.place_card()
    pump.until(flow, lambda: step.busy)  # reading: the idle timer waits
    assert flow.env.idle.paused
    pump.until(flow, lambda: step.error is not None)
    assert step.error.code == "CARD_REMOVED" and not step.busy and not flow.env.idle.paused
    sam.simulator.place_card()
    pump.until(flow, lambda: flow.current is not step)
    assert "card" in flow.session.data


def test_lost_card_number_entry_checks_the_check_digit(env: FlowEnv) -> None:
    sessions = SessionManager()
    flow = Flow(
        service(env, "id_card_reissue", "id_number_entry", "confirm"), sessions.start("x"), env
    )
    flow.start()
    step = flow.current
    assert step.kind == "id_number_entry"
    good = idnumber.make("11010519491231002")
    step.set_number(good[:10])
    assert step.problem == "INCOMPLETE"
    bad = good[:17] + ("0" if good[17] != "0" else "1")
    step.set_number(bad)
    assert step.problem == "CHECK_DIGIT"
    step.confirm()
    assert flow.current is step  # not accepted
    step.set_number(good.lower())
    assert step.problem is None and step.masked == good[:4] + "*" * 10 + good[-4:]
    step.confirm()
    confirm = flow.current
    assert confirm.kind == "confirm"
    assert confirm.masked_id_number == good[:4] + "*" * 10 + good[-4:]
    assert confirm.fee_fen == 4000
    assert flow.session.data["case.pii"]["id_number"] == good


@pytest.mark.parametrize(
    ("name", "valid"),
    [
        ("张三", True),
        ("欧阳·娜娜", True),
        ("𠈌明", True),
        ("JOHN SMITH", True),
        ("", False),
        ("·张三", False),
        ("张三·", False),
        ("张三1", False),
        ("张 三", False),
    ],
)
def test_name_entry_accepts_names_as_on_cards(env: FlowEnv, name: str, valid: bool) -> None:
    flow = Flow(
        service(env, "id_card_reissue", "name_entry", "confirm"), SessionManager().start("x"), env
    )
    flow.start()
    step = flow.current
    step.set_name(name)
    assert step.valid is valid
    step.confirm()
    if valid:
        assert flow.session.data["case.pii"]["name"] == name.strip()
        assert flow.current.name == name.strip()  # the citizen checks their own name in full
    else:
        assert flow.current is step
