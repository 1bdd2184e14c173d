"""办理进度查询 by placing the ID card: this kiosk's own applications, honestly."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any

import pytest

from drivers.base import DeviceState, DeviceStatus, StatusChanged
from drivers.idcard.card import IdCard
from drivers.idcard.events import CardRead, CardReadFailed, CardRemoved
from drivers.idcard.on_simulator import SimulatedSamReader
from drivers.idcard.profiles import PROFILES
from drivers.idcard.text import decode_text_block
from drivers.scanner.model import CodeScanned, ScanResult
from kiosk.cases.index import CaseIndex
from kiosk.flow.devices import FlowDevices
from kiosk.flow.engine import Flow, FlowEnv
from kiosk.flow.progress import CARD_KEY, CardLookup, IdentifyApplication
from kiosk.visit.session import EndReason, SessionManager
from tests.kiosk.flow.helpers import Pump, make_flow

DAY_S = 86_400.0


def card(profile: str = "zhang_san") -> IdCard:
    """A freshly read synthetic card, as the driver hands it over."""
    return decode_text_block(PROFILES[profile].text_block())


ZHANG = PROFILES["zhang_san"].fields["id_number"]
LI = PROFILES["long_term"].fields["id_number"]


class StubReader:
    """Just what the step asks of a reader: its status, and a read on request."""

    def __init__(self, state: DeviceState = DeviceState.ONLINE) -> None:
        self.status = DeviceStatus(state, "STUB", "", DeviceStatus.online().actor)
        self.reads = 0

    def request_read(self) -> None:
        self.reads += 1


@pytest.fixture
def reader() -> StubReader:
    return StubReader()


@pytest.fixture
def card_env(env: FlowEnv, index: CaseIndex, reader: StubReader) -> FlowEnv:
    env.services.case_index = index
    env.devices = FlowDevices({"idcard": reader})
    return env


def progress(env: FlowEnv, sessions: SessionManager) -> Flow:
    flow = Flow(env.config.service("progress_query"), sessions.start("progress_query"), env)
    flow.start()
    flow.current.begin()  # past the start page
    return flow


def test_one_case_here_goes_straight_to_its_progress(
    card_env: FlowEnv, index: CaseIndex, sessions: SessionManager
) -> None:
    index.record(ZHANG, "202611220001000001", "id_card_renewal")
    index.record(LI, "202611220001000002", "id_card_renewal")
    flow = progress(card_env, sessions)
    assert flow.current.card_reader_ready
    the_card = card()
    flow.on_device_event("idcard", CardRead(the_card))
    assert flow.current.kind == "show_progress"
    assert flow.current.number == "202611220001000001"
    assert the_card.wiped and the_card.id_number == ""  # only the lookup needed it
    assert not card_env.idle.paused
    late = card("long_term")
    flow.on_device_event("idcard", CardRead(late))  # placed while the progress shows
    assert late.wiped and flow.current.number == "202611220001000001"


def test_several_cases_are_listed_newest_first_and_back_keeps_the_list(
    card_env: FlowEnv, index: CaseIndex, sessions: SessionManager, reader: StubReader
) -> None:
    now = time.time()
    index.record(ZHANG, "202611220001000001", "id_card_renewal", now - 30 * DAY_S)
    index.record(ZHANG, "202611220001000002", "social_insurance_proof", now - DAY_S)
    index.record(ZHANG, "202611220001000003", "id_card_reissue", now - 90 * DAY_S)
    flow = progress(card_env, sessions)
    step = flow.current
    flow.on_device_event("idcard", CardRead(card()))
    assert flow.current is step and step.lookup is CardLookup.CHOOSE
    assert [m.application_no for m in step.matches] == [
        "202611220001000002",
        "202611220001000001",
        "202611220001000003",
    ]
    assert step.matches[0].service_id == "social_insurance_proof"
    step.choose("209900000000000000")  # not on the list: nothing happens
    assert flow.current is step
    step.choose("202611220001000001")
    assert flow.current.kind == "show_progress"
    assert flow.current.number == "202611220001000001"
    reader.status = DeviceStatus(DeviceState.CARD_PRESENT, "CARD_PRESENT")
    assert flow.back()
    assert flow.current is step and step.lookup is CardLookup.CHOOSE
    assert reader.reads == 0  # the card read in this visit is not read again
    sessions.end(EndReason.TIMEOUT)
    assert step.matches == []  # whose applications they were goes with the visit


def test_leaving_the_list_for_the_keypad(
    card_env: FlowEnv, index: CaseIndex, sessions: SessionManager
) -> None:
    index.record(ZHANG, "202611220001000001", "id_card_renewal")
    index.record(ZHANG, "202611220001000002", "id_card_renewal")
    flow = progress(card_env, sessions)
    step = flow.current
    flow.on_device_event("idcard", CardRead(card()))
    assert step.lookup is CardLookup.CHOOSE
    step.dismiss_matches()
    assert step.lookup is CardLookup.IDLE and step.matches == []
    step.choose("202611220001000001")  # the list is gone: nothing to choose from
    assert flow.current is step


def test_no_case_here_says_so_and_the_slip_code_still_works(
    card_env: FlowEnv, index: CaseIndex, sessions: SessionManager
) -> None:
    index.record(LI, "202611220001000002", "id_card_renewal")
    flow = progress(card_env, sessions)
    step = flow.current
    flow.on_device_event("idcard", CardRead(card()))
    assert flow.current is step and step.lookup is CardLookup.NONE
    assert step.error is None  # not a fault: an honest answer
    flow.on_device_event("scanner", CodeScanned(ScanResult("202611220000000001", b"")))
    assert flow.current.kind == "show_progress"
    assert flow.current.number == "202611220000000001"


def test_without_an_index_card_lookup_is_unavailable(
    env: FlowEnv, sessions: SessionManager, reader: StubReader
) -> None:
    env.devices = FlowDevices({"idcard": reader})
    flow = progress(env, sessions)
    the_card = card()
    flow.on_device_event("idcard", CardRead(the_card))
    assert flow.current.lookup is CardLookup.UNAVAILABLE
    assert the_card.wiped and not env.idle.paused


def test_a_failing_index_is_unavailable_and_logs_no_number(
    card_env: FlowEnv, index: CaseIndex, sessions: SessionManager, caplog: pytest.LogCaptureFixture
) -> None:
    index.close()
    caplog.set_level(logging.DEBUG)
    flow = progress(card_env, sessions)
    flow.on_device_event("idcard", CardRead(card()))
    assert flow.current.lookup is CardLookup.UNAVAILABLE
    assert not card_env.idle.paused
    assert any("lookup failed" in r.getMessage() for r in caplog.records)
    assert not any(ZHANG in str(r.__dict__) for r in caplog.records)


def test_no_reader_means_no_card_offer(env: FlowEnv, sessions: SessionManager) -> None:
    flow = progress(env, sessions)
    assert not flow.current.card_reader_ready
    env.devices = FlowDevices({"idcard": StubReader(DeviceState.OFFLINE)})
    assert not flow.current.card_reader_ready


def test_read_failure_then_retry(
    card_env: FlowEnv, index: CaseIndex, sessions: SessionManager, reader: StubReader
) -> None:
    index.record(ZHANG, "202611220001000001", "id_card_renewal")
    flow = progress(card_env, sessions)
    step = flow.current
    reading = DeviceStatus(DeviceState.BUSY, "READING")
    flow.on_device_event("idcard", StatusChanged(previous=DeviceStatus.online(), status=reading))
    assert step.lookup is CardLookup.READING and card_env.idle.paused
    flow.on_device_event("idcard", CardReadFailed("READ_FAILED", "bad data"))
    assert step.error.code == "CARD_READ_FAILED" and not card_env.idle.paused
    assert step.lookup is CardLookup.IDLE
    reader.status = DeviceStatus(DeviceState.CARD_PRESENT, "CARD_UNREADABLE")
    step.retry_card()
    assert reader.reads == 1 and step.error is None and card_env.idle.paused
    flow.on_device_event("idcard", CardRead(card()))
    assert flow.current.kind == "show_progress"


def test_card_taken_away_mid_read(card_env: FlowEnv, sessions: SessionManager) -> None:
    flow = progress(card_env, sessions)
    step = flow.current
    reading = DeviceStatus(DeviceState.BUSY, "READING")
    flow.on_device_event("idcard", StatusChanged(previous=DeviceStatus.online(), status=reading))
    flow.on_device_event("idcard", CardRemoved())
    assert step.error.code == "CARD_REMOVED" and not card_env.idle.paused
    # A read that ends with no card and no event (driver gave up quietly) releases too.
    flow.on_device_event("idcard", StatusChanged(previous=DeviceStatus.online(), status=reading))
    assert card_env.idle.paused
    flow.on_device_event("idcard", StatusChanged(previous=reading, status=DeviceStatus.online()))
    assert step.lookup is CardLookup.IDLE and not card_env.idle.paused


def test_card_already_on_the_reader_is_read_on_entry(
    card_env: FlowEnv, sessions: SessionManager, reader: StubReader
) -> None:
    reader.status = DeviceStatus(DeviceState.CARD_PRESENT, "CARD_PRESENT")
    flow = progress(card_env, sessions)
    assert reader.reads == 1 and flow.current.lookup is CardLookup.READING


def test_the_card_is_wiped_when_the_session_ends(
    card_env: FlowEnv, sessions: SessionManager, monkeypatch: pytest.MonkeyPatch
) -> None:
    flow = progress(card_env, sessions)
    wiped: list[IdCard] = []
    original = IdCard.wipe

    def spy(self: IdCard) -> None:
        wiped.append(self)
        original(self)

    monkeypatch.setattr(IdCard, "wipe", spy)
    the_card = card()
    flow.on_device_event("idcard", CardRead(the_card))
    assert flow.session.data[CARD_KEY] is the_card
    sessions.end(EndReason.CANCELLED)
    assert wiped.count(the_card) == 2  # after the lookup, and again at the session's end
    assert CARD_KEY not in flow.session.data and the_card.name == ""


class Deferred:
    """An executor that runs work only when the test says so."""

    def __init__(self) -> None:
        self.pending: list[tuple[Callable[[], Any], Callable[[Future[Any]], None]]] = []

    def __call__(self, fn: Callable[[], Any], done: Callable[[Future[Any]], None]) -> None:
        self.pending.append((fn, done))

    def run_all(self) -> None:
        while self.pending:
            fn, done = self.pending.pop(0)
            future: Future[Any] = Future()
            future.set_result(fn())
            done(future)


def test_a_late_lookup_answer_is_dropped(
    card_env: FlowEnv, index: CaseIndex, sessions: SessionManager
) -> None:
    index.record(ZHANG, "202611220001000001", "id_card_renewal")
    deferred = Deferred()
    card_env.run_async = deferred
    flow = progress(card_env, sessions)
    step = flow.current
    flow.on_device_event("idcard", CardRead(card()))
    assert step.lookup is CardLookup.READING and card_env.idle.paused
    step.set_typed("202611220000000009")
    step.accept_typed()  # the citizen scanned or typed a slip's code meanwhile
    deferred.run_all()
    assert flow.current.kind == "show_progress"
    assert flow.session.data["query.application_no"] == "202611220000000009"
    assert step.lookup is CardLookup.IDLE


def test_a_second_card_overtakes_the_first(
    card_env: FlowEnv, index: CaseIndex, sessions: SessionManager
) -> None:
    index.record(LI, "202611220001000002", "id_card_renewal")
    deferred = Deferred()
    card_env.run_async = deferred
    flow = progress(card_env, sessions)
    flow.on_device_event("idcard", CardRead(card("zhang_san")))
    flow.on_device_event("idcard", CardRead(card("long_term")))
    deferred.run_all()
    assert flow.current.kind == "show_progress"
    assert flow.current.number == "202611220001000002"


# ---------------------------------------------------------------- the submit side


def submit_only(env: FlowEnv, sessions: SessionManager, service_id: str, pii: dict) -> Flow:
    """A service cut down to its submit step, with the applicant already known."""
    service = env.config.service(service_id).model_copy(update={"steps": ["submit"]})
    session = sessions.start(service_id)
    session.data["case.pii"] = dict(pii)
    flow = Flow(service, session, env)
    flow.start()
    return flow


def test_submit_indexes_the_durable_case_under_the_number(
    card_env: FlowEnv, index: CaseIndex, sessions: SessionManager
) -> None:
    flow = submit_only(card_env, sessions, "id_card_reissue", {"id_number": ZHANG, "name": "张三"})
    assert flow.outcome is not None and "case_id" in flow.session.data
    number = flow.session.data.get("application_no")
    found = index.lookup(ZHANG)
    assert [(c.application_no, c.service_id) for c in found] == [(number, "id_card_reissue")]
    row = card_env.outbox.find_case(number)
    assert row and row[0].id == flow.session.data["case_id"]  # the case itself is durable


def test_submit_without_an_id_number_indexes_nothing(
    card_env: FlowEnv, index: CaseIndex, sessions: SessionManager
) -> None:
    flow = submit_only(card_env, sessions, "complaint", {"phone": "13900000000"})
    assert "case_id" in flow.session.data
    assert len(index) == 0


def test_a_broken_index_never_fails_the_case(
    card_env: FlowEnv, index: CaseIndex, sessions: SessionManager, caplog: pytest.LogCaptureFixture
) -> None:
    index.close()
    caplog.set_level(logging.DEBUG)
    flow = submit_only(card_env, sessions, "id_card_reissue", {"id_number": ZHANG})
    assert "case_id" in flow.session.data and flow.outcome is not None
    assert any(r.getMessage() == "case not indexed" for r in caplog.records)
    assert not any(ZHANG in str(r.__dict__) for r in caplog.records)


def test_a_case_that_is_not_durable_is_not_indexed(
    card_env: FlowEnv, index: CaseIndex, sessions: SessionManager
) -> None:
    card_env.outbox.close()  # the queue refuses: nothing is stored, nothing indexed
    flow = submit_only(card_env, sessions, "id_card_reissue", {"id_number": ZHANG})
    assert flow.current.kind == "submit" and flow.current.error is not None
    assert len(index) == 0


# ------------------------------------------- end to end on the SAM reader simulator


def test_renewal_then_progress_by_the_same_card(
    env: FlowEnv, index: CaseIndex, sam: SimulatedSamReader, sessions: SessionManager
) -> None:
    env.services.case_index = index
    env.devices = FlowDevices({"idcard": sam})
    pump = Pump(sam, "idcard")
    flow = make_flow(env, sessions, "id_card_renewal", "read_id_card", "submit")
    flow.start()
    sam.simulator.place_card()
    pump.until(flow, lambda: flow.outcome is not None)
    number = flow.session.data["application_no"]
    sessions.end(EndReason.COMPLETED)

    sam.simulator.remove_card()
    pump.until(flow, lambda: sam.status.state is not DeviceState.CARD_PRESENT)
    query = progress(env, sessions)
    assert isinstance(query.current, IdentifyApplication)
    sam.simulator.place_card()
    pump.until(query, lambda: query.current.kind == "show_progress")
    assert query.current.number == number
    assert query.session.data[CARD_KEY].wiped
    assert not env.idle.paused
