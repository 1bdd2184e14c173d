"""办理进度查询 by ID card on the page: hint, none found, a list, failures, nothing personal."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget
from pytestqt.qtbot import QtBot

from drivers.base import DeviceState, DeviceStatus
from drivers.idcard.card import IdCard
from drivers.idcard.events import CardRead, CardReadFailed
from drivers.idcard.profiles import PROFILES
from drivers.idcard.text import decode_text_block
from kiosk.cases.index import CaseIndex
from kiosk.config.schema import load_config
from kiosk.flow.devices import FlowDevices
from kiosk.flow.engine import Flow, FlowEnv
from kiosk.flow.progress import CardLookup
from kiosk.flow.services import FlowServices
from kiosk.privacy import mask_id_number
from kiosk.visit.idle import IdleTracker
from kiosk.visit.session import EndReason, SessionManager
from tests.ui.flow_pages import shown_host
from tests.windows import begin
from ui.executor import GuiExecutor
from ui.flow_host import FlowHost
from ui.steps.progress import IdentifyApplicationPage, ShowProgressPage

PROFILE = PROFILES["zhang_san"].fields
DAY_S = 86_400.0


def card() -> IdCard:
    return decode_text_block(PROFILES["zhang_san"].text_block())


class StubReader:
    def __init__(self, state: DeviceState = DeviceState.ONLINE) -> None:
        self.status = DeviceStatus(state, "STUB")
        self.reads = 0

    def request_read(self) -> None:
        self.reads += 1


def shown_texts(widget: QWidget) -> str:
    """Every text a citizen can see on the page."""
    parts = [w.text() for w in widget.findChildren(QLabel) if w.isVisible()]
    parts += [w.text() for w in widget.findChildren(QAbstractButton) if w.isVisible()]
    return "\n".join(parts)


def assert_nothing_personal(widget: QWidget) -> None:
    text = shown_texts(widget)
    for secret in (PROFILE["id_number"], mask_id_number(PROFILE["id_number"]), PROFILE["name"]):
        assert secret not in text
    assert PROFILE["id_number"][6:14] not in text  # not even the birth date


@pytest.fixture
def index(tmp_path: Path) -> Iterator[CaseIndex]:
    idx = CaseIndex.open(tmp_path)
    yield idx
    idx.close()


class Setup:
    def __init__(self, host: FlowHost, index: CaseIndex) -> None:
        self.host = host
        self.index = index
        self.reader = StubReader()
        self.sessions = SessionManager()
        self.executor = GuiExecutor(parent=host)
        self.env = FlowEnv(
            config=load_config(),
            idle=IdleTracker(60, 30),
            devices=FlowDevices({"idcard": self.reader}),
            services=FlowServices(case_index=index),
            run_async=self.executor.run,
        )
        self.flow: Flow | None = None

    def start(self) -> Flow:
        service = self.env.config.service("progress_query")
        self.flow = Flow(service, self.sessions.start(service.id), self.env)
        self.host.run(self.flow, "zh")
        self.flow.current.begin()  # past the start page
        return self.flow

    def close(self) -> None:
        self.sessions.end(EndReason.SHUTDOWN)
        self.executor.shutdown()


@pytest.fixture
def setup(qtbot: QtBot, index: CaseIndex) -> Iterator[Setup]:
    host = shown_host(qtbot)
    s = Setup(host, index)
    yield s
    s.close()


def test_the_card_is_offered_only_with_a_working_reader(setup: Setup) -> None:
    setup.start()
    page = setup.host.current_page
    assert isinstance(page, IdentifyApplicationPage)
    assert page.card_hint.isVisible()
    assert page.card_hint.text() == "也可以把身份证放在读卡区，查询您办理的全部业务。"
    assert page.keypad.isVisible() and not page.choices.isVisible()
    setup.reader.status = DeviceStatus(DeviceState.OFFLINE, "DEVICE_LOST")
    page.step.changed()
    assert not page.card_hint.isVisible()
    assert page.instruction.isVisible()  # the slip's code always works


def test_no_application_here_is_said_plainly(setup: Setup, qtbot: QtBot) -> None:
    flow = setup.start()
    page = setup.host.current_page
    flow.on_device_event("idcard", CardRead(card()))
    qtbot.waitUntil(lambda: page.step.lookup is CardLookup.NONE, timeout=5000)
    assert page.card_status.text() == (
        "本机没有查到这张身份证办理的业务。\n"
        "在其他地方办理的业务，请扫描凭条上的二维码，或到大厅窗口查询。"
    )
    assert not setup.host.error_banner.isVisible()  # an answer, not a fault
    assert page.keypad.isVisible()
    assert_nothing_personal(setup.host)


def test_several_applications_listed_newest_first_then_chosen(setup: Setup, qtbot: QtBot) -> None:
    now = time.time()
    number = PROFILE["id_number"]
    setup.index.record(number, "202611220001000001", "id_card_renewal", now - 40 * DAY_S)
    setup.index.record(number, "202611220001000002", "social_insurance_proof", now - 2 * DAY_S)
    flow = setup.start()
    page = setup.host.current_page
    flow.on_device_event("idcard", CardRead(card()))
    qtbot.waitUntil(lambda: page.choices.isVisible(), timeout=5000)
    assert list(page.choices.buttons) == ["202611220001000002", "202611220001000001"]
    newest = page.choices.buttons["202611220001000002"].text()
    assert newest.startswith("社保缴费证明打印　")
    assert time.strftime("%Y-%m-%d", time.localtime(now - 2 * DAY_S)) in newest
    assert newest.endswith(" 提交")
    assert page.choose_label.text() == "本机查到您办理的以下业务，请选择要查询的一项："
    assert not page.keypad.isVisible() and not page.search_button.isVisible()
    assert_nothing_personal(setup.host)

    page.choices.buttons["202611220001000001"].click()
    result = setup.host.current_page
    assert isinstance(result, ShowProgressPage)
    assert result.number.text() == "受理编号：2026 1122 0001 0000 01"
    qtbot.waitUntil(lambda: result.done_button.isEnabled(), timeout=5000)
    assert_nothing_personal(setup.host)

    setup.host.back_button.click()
    assert setup.host.current_page is page and page.choices.isVisible()
    page.other_button.click()
    assert page.keypad.isVisible() and not page.choices.isVisible()
    assert page.card_hint.isVisible()


def test_the_list_is_forgotten_when_the_visit_ends(setup: Setup, qtbot: QtBot) -> None:
    for no in ("202611220001000001", "202611220001000002"):
        setup.index.record(PROFILE["id_number"], no, "id_card_renewal")
    flow = setup.start()
    page = setup.host.current_page
    flow.on_device_event("idcard", CardRead(card()))
    qtbot.waitUntil(lambda: page.choices.isVisible(), timeout=5000)
    flow.timeout()
    assert page.choices.buttons == {}


def test_failed_read_offers_a_retry(setup: Setup) -> None:
    flow = setup.start()
    page = setup.host.current_page
    assert not page.retry_card_button.isVisible()
    flow.on_device_event("idcard", CardReadFailed("READ_FAILED", "bad data"))
    assert page.retry_card_button.isVisible()
    assert page.problem.text() == "没有读出身份证，请把证件放平后点“重新读取”。"
    setup.reader.status = DeviceStatus(DeviceState.CARD_PRESENT, "CARD_UNREADABLE")
    page.retry_card_button.click()
    assert setup.reader.reads == 1
    assert page.card_status.text() == "正在读取身份证，请不要移动……"
    assert not page.retry_card_button.isVisible()


def test_lookup_unavailable_sends_the_citizen_to_the_slip(setup: Setup, qtbot: QtBot) -> None:
    setup.index.close()
    flow = setup.start()
    page = setup.host.current_page
    flow.on_device_event("idcard", CardRead(card()))
    qtbot.waitUntil(lambda: page.step.lookup is CardLookup.UNAVAILABLE, timeout=5000)
    assert page.card_status.text() == (
        "本机暂时无法按身份证查询，请扫描凭条上的二维码，或输入受理编号。"
    )
    assert page.keypad.isVisible()


def test_english_list(setup: Setup, qtbot: QtBot) -> None:
    setup.index.record(PROFILE["id_number"], "202611220001000001", "id_card_renewal")
    setup.index.record(PROFILE["id_number"], "202611220001000002", "id_card_reissue")
    flow = setup.start()
    setup.host.set_language("en")
    page = setup.host.current_page
    flow.on_device_event("idcard", CardRead(card()))
    qtbot.waitUntil(lambda: page.choices.isVisible(), timeout=5000)
    text = page.choices.buttons["202611220001000001"].text()
    assert text.startswith("Renew an ID card")


def test_through_the_window_with_the_kiosks_own_index(qtbot: QtBot) -> None:
    from kiosk.app import KioskCore
    from ui.app import application, configure_font
    from ui.main_window import KioskWindow

    core = KioskCore(load_config())
    core.start()
    configure_font(application())
    window = KioskWindow(core)
    qtbot.addWidget(window)
    window.resize(1920, 1080)
    window.show()
    try:
        index = core.flow_services.case_index
        index.record(PROFILE["id_number"], "202611220001000007", "id_card_renewal")
        begin(window, "progress_query")
        page = window.flow_host.current_page
        assert isinstance(page, IdentifyApplicationPage) and page.card_hint.isVisible()
        the_card = card()
        core.devices.get("idcard")._emit(CardRead(the_card))  # as the driver reports it
        host = window.flow_host
        qtbot.waitUntil(lambda: isinstance(host.current_page, ShowProgressPage), timeout=10_000)
        result = host.current_page
        assert result.number.text() == "受理编号：2026 1122 0001 0000 07"
        assert the_card.wiped
        assert_nothing_personal(window)
    finally:
        window.allow_close = True
        window.close()
        core.stop()
    assert core.flow_services.case_index is None
    with pytest.raises(Exception, match="closed"):
        index.lookup(PROFILE["id_number"])
