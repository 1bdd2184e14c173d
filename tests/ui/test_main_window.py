"""The citizen window, driven through its widgets on the offscreen platform."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from drivers.base import DeviceState
from drivers.idcard.card import CardType, IdCard
from drivers.idcard.events import CardRead
from kiosk.app import KioskCore
from kiosk.config.schema import load_config
from kiosk.visit.session import EndReason
from tests.fakes import Clock, FakeDevice
from tests.windows import begin, kiosk_window
from ui.app import application, configure_font
from ui.main_window import KioskWindow


@pytest.fixture
def clock() -> Clock:
    return Clock(0.0)


@pytest.fixture
def window(qtbot: QtBot, clock: Clock) -> Iterator[KioskWindow]:
    core = KioskCore(load_config())
    core.idle._clock = clock  # drive the idle policy without waiting
    core.idle.touch()
    with kiosk_window(qtbot, core) as win:
        qtbot.waitExposed(win)
        yield win


def test_home_lists_every_service_as_a_large_tile(window: KioskWindow) -> None:
    home = window.home
    assert list(home.tiles) == [s.id for s in window.core.config.services]
    assert home.tiles["id_card_reissue"].name_label.text() == "身份证补领"
    min_px = window.theme.mm(15)
    for tile in home.tiles.values():
        if tile.isVisible():
            assert tile.width() >= min_px and tile.height() >= min_px
    assert window.top_bar.language_button.height() >= min_px
    assert window.top_bar.large_type_button.height() >= min_px


def test_language_switches_at_run_time_through_qt_translations(
    window: KioskWindow, qtbot: QtBot
) -> None:
    with qtbot.waitSignal(window.language.changed, timeout=2000):
        window.top_bar.language_button.click()
    assert window.language.current == "en"
    assert window.home.heading.text() == "Choose a service"  # from kiosk_en.qm
    assert window.home.tiles["id_card_reissue"].name_label.text() == "Replace a lost ID card"
    assert window.top_bar.language_button.text() == "中文"
    assert window.top_bar.large_type_button.text() == "Large type"
    window.top_bar.language_button.click()
    assert window.home.heading.text() == "请选择要办理的事项"


def test_large_type_mode(window: KioskWindow) -> None:
    normal_font = window.home.heading.font().pixelSize()
    window.top_bar.large_type_button.click()
    assert window.large_type
    window.home.heading.ensurePolished()
    assert window.home.heading.font().pixelSize() > normal_font
    assert (window.home.columns, window.home.rows) == (2, 2)
    # Pages of four services; the page buttons reach the rest.
    assert window.home.page_count == -(-len(window.core.config.services) // 4) > 1
    assert window.home.next_button.isVisible()
    window.home.next_button.click()
    assert window.home.page == 1
    assert window.home.tiles["complaint"].isVisible()
    assert not window.home.tiles["id_card_reissue"].isVisible()


def test_close_requests_are_ignored(window: KioskWindow) -> None:
    window.close()
    assert window.isVisible()


def test_service_with_a_device_down_is_disabled_with_the_reason(
    window: KioskWindow, qtbot: QtBot
) -> None:
    printer = window.core.devices.get("printer")
    assert isinstance(printer, FakeDevice)
    tile = window.home.tiles["id_card_renewal"]  # it prints the slip
    assert tile.isEnabled()
    # Drivers report from their own threads; the bridge brings it to the GUI thread.
    worker = threading.Thread(target=printer.set_state, args=(DeviceState.PAPER_OUT,))
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: not tile.isEnabled(), timeout=2000)
    # Why, and what to do instead.
    assert tile.reason_label.text() == ("暂停办理：凭条打印机缺纸\n请到人工窗口办理")
    assert window.home.tiles["service_guide"].isEnabled()
    begin(window, "id_card_renewal")
    assert window.core.sessions.current is None  # a disabled service cannot start
    printer.set_state(DeviceState.ONLINE)
    qtbot.waitUntil(tile.isEnabled, timeout=2000)


def test_idle_prompt_then_session_ends_and_is_wiped(
    window: KioskWindow, clock: Clock, qtbot: QtBot
) -> None:
    window.language.set("en")
    window.home.tiles["service_guide"].click()
    session = window.core.sessions.current
    assert session is not None and window.stack.currentWidget() is window.flow_host
    session.data["photo"] = bytearray(b"face")
    clock.now += 61
    window.check_idle()
    assert window.idle_prompt.isVisible()
    assert window.idle_prompt.question.text() == "Do you need more time?"
    assert int(window.idle_prompt.countdown.text()) >= 20
    clock.now += 31
    with qtbot.waitSignal(window.session_ended, timeout=2000) as ended:
        window.check_idle()
    assert ended.args == [EndReason.TIMEOUT.value]
    assert window.core.sessions.current is None and len(session.data) == 0
    assert window.stack.currentWidget() is window.home
    assert not window.idle_prompt.isVisible()
    assert window.language.current == "zh"  # the next citizen starts fresh


def test_more_time_keeps_the_session(window: KioskWindow, clock: Clock) -> None:
    begin(window, "service_guide")
    session = window.core.sessions.current
    clock.now += 70
    window.check_idle()
    assert window.idle_prompt.isVisible()
    window.idle_prompt.more_button.click()
    assert not window.idle_prompt.isVisible()
    clock.now += 50
    window.check_idle()
    assert window.core.sessions.current is session


def test_large_type_doubles_the_idle_budget(window: KioskWindow, clock: Clock) -> None:
    window.set_large_type(True)
    begin(window, "service_guide")
    clock.now += 100
    window.check_idle()
    assert not window.idle_prompt.isVisible()
    clock.now += 21
    window.check_idle()
    assert window.idle_prompt.isVisible()


def test_choices_left_at_home_reset_quietly(window: KioskWindow, clock: Clock) -> None:
    window.language.set("en")
    window.set_large_type(True)
    clock.now += 200
    window.check_idle()
    assert not window.idle_prompt.isVisible()
    assert window.language.current == "zh" and not window.large_type


def test_cancel_button_ends_the_session(window: KioskWindow) -> None:
    begin(window, "service_guide")
    session = window.core.sessions.current
    window.flow_host.cancel_button.click()
    assert session is not None and session.ended is EndReason.CANCELLED
    assert window.stack.currentWidget() is window.home


@pytest.mark.parametrize("flags_at_build", [True, False])
def test_fullscreen_kiosk_is_frameless_and_on_top(qtbot: QtBot, flags_at_build: bool) -> None:
    core = KioskCore(load_config())
    configure_font(application())
    win = KioskWindow(core, kiosk_flags=flags_at_build)
    qtbot.addWidget(win)
    try:
        win.show_kiosk(fullscreen=True)
        flags = win.windowFlags()
        assert flags & KioskWindow.KIOSK_FLAGS == KioskWindow.KIOSK_FLAGS
        assert win.isFullScreen()
    finally:
        win.allow_close = True
        win.close()


def test_a_card_read_at_home_is_wiped_at_once(window: KioskWindow) -> None:
    card = IdCard(
        card_type=CardType.RESIDENT,
        name="张三",
        gender_code="1",
        gender="男",
        birth_date=None,
        id_number="11010519491231002X",
        valid_from=None,
        valid_to=None,
        photo_wlt=bytearray(b"wlt"),
    )
    assert window.flow is None
    window._on_device_event("idcard", CardRead(card))  # placed at the home screen
    assert card.wiped and card.id_number == "" and card.name == "" and not card.photo_wlt
