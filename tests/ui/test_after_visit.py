"""After the visit: a card left on the reader, and reprinting the last slip from home."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from drivers.base import DeviceState
from drivers.printer.document import PrintOutcome, PrintResult, Slip
from kiosk.app import KioskCore
from kiosk.config import load_config
from kiosk.session import EndReason
from ui.app import application, configure_font
from ui.main_window import KioskWindow


@pytest.fixture
def window(qtbot: QtBot) -> Iterator[KioskWindow]:
    core = KioskCore(load_config(), start_queue=False)
    core.start()
    configure_font(application())
    win = KioskWindow(core)
    qtbot.addWidget(win)
    win.resize(1920, 1080)
    win.show()
    yield win
    win.allow_close = True
    win.close()
    core.stop()


def test_card_left_on_the_reader_is_reminded_until_taken(window: KioskWindow, qtbot: QtBot) -> None:
    reader = window.core.devices.get("idcard")
    window.open_service("service_guide")
    reader.set_state(DeviceState.CARD_PRESENT, "CARD_PRESENT")
    assert not window.home.notice.isVisible()  # during the visit: not a reminder
    window.end_session(EndReason.COMPLETED)
    assert window.home.notice.text() == "请取走读卡区上的身份证"
    assert window.voice.last_text == "请取走您的身份证，不要遗落在读卡区。"
    reader.set_state(DeviceState.ONLINE, "OK")
    qtbot.waitUntil(lambda: not window.home.notice.isVisible(), timeout=5000)


def test_reprint_button_lives_for_the_reprint_window(window: KioskWindow, qtbot: QtBot) -> None:
    printed: list[Slip] = []
    printer = window.core.devices.get("printer")
    printer.print_slip = lambda slip: printed.append(slip) or PrintOutcome(PrintResult.PRINTED)
    assert not window.home.reprint_button.isVisible()
    slip = Slip().text("受理编号：202611220000000001").cut()
    window.core.last_slip.remember(slip)
    window.check_idle()
    assert window.home.reprint_button.isVisible()
    window.home.reprint_button.click()
    qtbot.waitUntil(lambda: window.home.notice.text() == "已重新打印，请取走凭条。", timeout=5000)
    assert printed == [slip]
    window.core.last_slip.forget()  # the window has passed
    window.check_idle()
    assert not window.home.reprint_button.isVisible()


def test_reprint_with_the_printer_down_says_so(window: KioskWindow) -> None:
    window.core.last_slip.remember(Slip().text("x").cut())
    window.core.devices.get("printer").set_state(DeviceState.PAPER_OUT)
    window.check_idle()
    window.home.reprint_button.click()
    assert window.home.notice.text() == "打印机暂时无法打印，请联系工作人员。"
