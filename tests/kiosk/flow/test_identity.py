"""Identity steps against the real SAM driver speaking to the simulator on a pty."""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from drivers.base import DeviceState, StatusChanged
from drivers.idcard import idnumber
from drivers.idcard.on_simulator import SimulatedSamReader
from kiosk.config.schema import Service
from kiosk.flow.devices import FlowDevices
from kiosk.flow.engine import Flow, FlowEnv
from kiosk.visit.session import EndReason, SessionManager


def service(env: FlowEnv, base: str, *steps: str) -> Service:
    """The catalogue service ``base`` cut down to ``steps`` (the rest is tested elsewhere)."""
    return env.config.service(base).model_copy(update={"steps": list(steps)})


class Pump:
    """Driver events arrive on the driver's thread; the flow takes them on this one."""

    def __init__(self, device: Any, name: str) -> None:
        self.events: queue.Queue[tuple[str, Any]] = queue.Queue()
        device.add_listener(lambda ev: self.events.put((name, ev)))

    def until(self, flow: Flow, done: Callable[[], bool], timeout: float = 10.0) -> None:
        deadline = time.monotonic() + timeout
        while not done():
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError("condition not reached")
            try:
                name, event = self.events.get(timeout=min(remaining, 0.1))
            except queue.Empty:
                continue
            flow.on_device_event(name, event)


@pytest.fixture
def reader() -> Iterator[SimulatedSamReader]:
    device = SimulatedSamReader(SimulatedSamReader.Settings())
    device.open()
    yield device
    device.close()


@pytest.fixture
def renewal(env: FlowEnv, reader: SimulatedSamReader) -> Iterator[tuple[Flow, Pump]]:
    env.devices = FlowDevices({"idcard": reader})
    sessions = SessionManager()
    session = sessions.start("id_card_renewal")
    pump = Pump(reader, "idcard")
    flow = Flow(service(env, "id_card_renewal", "read_id_card", "confirm"), session, env)
    flow.start()
    yield flow, pump
    sessions.end(EndReason.SHUTDOWN)


def test_card_placed_is_read_into_the_case(
    renewal: tuple[Flow, Pump], reader: SimulatedSamReader
) -> None:
    flow, pump = renewal
    assert flow.current.kind == "read_id_card"
    reader.simulator.place_card()
    pump.until(flow, lambda: flow.current.kind != "read_id_card")
    card = flow.session.data["card"]
    pii = flow.session.data["case.pii"]
    assert pii["id_number"] == card.id_number and idnumber.is_valid(card.id_number)
    assert card.id_number not in repr(card)  # masked in repr
    assert flow.session.data["case.payload"]["card_read"] is True
    assert not flow.env.idle.paused  # the read is over


def test_card_already_on_the_reader_is_read_at_once(
    env: FlowEnv, reader: SimulatedSamReader
) -> None:
    present = threading.Event()
    reader.add_listener(
        lambda ev: (
            isinstance(ev, StatusChanged)
            and ev.status.state is DeviceState.CARD_PRESENT
            and present.set()
        )
    )
    pump = Pump(reader, "idcard")
    reader.simulator.place_card()
    assert present.wait(5)
    env.devices = FlowDevices({"idcard": reader})
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
    renewal: tuple[Flow, Pump], reader: SimulatedSamReader
) -> None:
    flow, pump = renewal
    reader.simulator.fail_next_reads(10)
    reader.simulator.place_card()
    step = flow.current
    pump.until(flow, lambda: step.error is not None)
    assert step.error.code == "CARD_READ_FAILED"
    assert not flow.env.idle.paused  # a failed read does not hold the idle timer
    reader.simulator.fail_next_reads(0)
    step.retry()
    pump.until(flow, lambda: flow.current is not step)
    assert "card" in flow.session.data


def test_a_failed_read_stays_shown_while_the_unreadable_card_lies_there(
    renewal: tuple[Flow, Pump], reader: SimulatedSamReader
) -> None:
    flow, pump = renewal
    reader.simulator.fail_next_reads(reader.settings.read_attempts)
    reader.simulator.place_card()
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
    renewal: tuple[Flow, Pump], reader: SimulatedSamReader
) -> None:
    flow, pump = renewal
    step = flow.current
    reader.simulator.remove_card_during_next_read()
    reader.simulator.place_card()
    pump.until(flow, lambda: step.busy)  # reading: the idle timer waits
    assert flow.env.idle.paused
    pump.until(flow, lambda: step.error is not None)
    assert step.error.code == "CARD_REMOVED" and not step.busy and not flow.env.idle.paused
    reader.simulator.place_card()
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
