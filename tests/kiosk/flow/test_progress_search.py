"""办理进度查询 by the ID card: every application of the person from the platform, newest
first, with this kiosk's cases not uploaded yet; this kiosk's alone when offline."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

import pytest

from drivers.base import DeviceStatus
from drivers.idcard.events import CardRead
from drivers.idcard.profiles import PROFILES
from drivers.idcard.text import decode_text_block
from kiosk.cases.index import CaseIndex
from kiosk.flow.devices import FlowDevices
from kiosk.flow.engine import Flow, FlowEnv
from kiosk.flow.progress import CardLookup
from kiosk.visit.session import SessionManager
from offline_queue import PlatformClient, PlatformSettings
from offline_queue.sim import PlatformSimulator, demo_data
from tests.offline_queue.helpers import TOKEN


class Reader:
    status = DeviceStatus.online()

    def request_read(self) -> None:
        pass


@pytest.fixture
def penv(env: FlowEnv, sim: PlatformSimulator, index: CaseIndex) -> Iterator[FlowEnv]:
    env.platform = PlatformClient(sim.url, "KIOSK-T", TOKEN, PlatformSettings())
    env.devices = FlowDevices({"idcard": Reader()})
    env.services.case_index = index
    yield env
    env.platform.close()


def zhang_card() -> object:
    card = decode_text_block(PROFILES["zhang_san"].text_block())
    return dataclasses.replace(card, id_number=demo_data.ZHANG.id_number)


def progress(env: FlowEnv, sessions: SessionManager) -> Flow:
    flow = Flow(env.config.service("progress_query"), sessions.start("progress_query"), env)
    flow.start()
    flow.current.begin()
    return flow


def test_every_application_of_the_card_newest_first_with_unsent_ones(
    penv: FlowEnv, index: CaseIndex, sessions: SessionManager
) -> None:
    index.record(demo_data.ZHANG.id_number, "202612031200000009", "id_card_renewal")
    flow = progress(penv, sessions)
    step = flow.current
    card = zhang_card()
    flow.on_device_event("idcard", CardRead(card))
    assert step.lookup is CardLookup.CHOOSE and step.everywhere
    assert [m.application_no for m in step.matches] == [
        "202612031200000009",  # filed here just now, not on the platform yet
        demo_data.COMPLAINT_ZHANG,
        demo_data.READY_ZHANG,
        demo_data.COLLECTED_ZHANG,
    ]
    assert [m.status for m in step.matches] == [None, "ready", "ready", "collected"]
    assert card.wiped  # the number and name served the search only
    step.choose(demo_data.READY_ZHANG)
    shown = flow.current
    assert shown.kind == "show_progress" and shown.service_id == "id_card_reissue"
    assert shown.next_step == "collect"
    assert [e.status for e in shown.timeline] == ["received", "processing", "ready"]


def test_offline_the_kiosks_own_cases_are_listed(
    penv: FlowEnv, index: CaseIndex, sessions: SessionManager, sim: PlatformSimulator
) -> None:
    index.record(demo_data.ZHANG.id_number, "202612031200000009", "id_card_renewal")
    sim.stop(keep_store=True)
    flow = progress(penv, sessions)
    identify = flow.current
    flow.on_device_event("idcard", CardRead(zhang_card()))
    assert not identify.everywhere  # this kiosk's own list
    assert flow.current.kind == "show_progress"  # the one case here: straight to it
    assert flow.current.number == "202612031200000009"


def test_nobody_on_record_is_told_so(penv: FlowEnv, sessions: SessionManager) -> None:
    flow = progress(penv, sessions)
    step = flow.current
    flow.on_device_event("idcard", CardRead(decode_text_block(PROFILES["zhang_san"].text_block())))
    assert step.lookup is CardLookup.NONE and step.everywhere
