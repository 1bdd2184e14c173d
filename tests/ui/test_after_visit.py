"""After the visit: a card left on the reader, a slip left in the outlet, reprinting from home."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from drivers.base import DeviceState
from drivers.printer.document import PrintOutcome, PrintResult, Slip
from kiosk.app import KioskCore
from kiosk.config.schema import load_config
from kiosk.visit.session import EndReason
from kiosk.visit.slip_reminder import SlipReminder
from tests.fakes import Clock
from tests.windows import begin, kiosk_window
from ui.main_window import KioskWindow
from ui.steps.printing import PrintSlipPage


@pytest.fixture
def window(qtbot: QtBot) -> Iterator[KioskWindow]:
    core = KioskCore(load_config(), start_queue=False)
    with kiosk_window(qtbot, core) as win:
        yield win


def test_card_left_on_the_reader_is_reminded_until_taken(window: KioskWindow, qtbot: QtBot) -> None:
    reader = window.core.devices.get("idcard")
    begin(window, "service_guide")
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


def test_the_next_visit_does_not_inherit_the_reprint(window: KioskWindow) -> None:
    begin(window, "service_guide")  # visit A prints its slip
    window.core.last_slip.remember(Slip().text("受理编号：202611220000000001").cut())
    window.end_session(EndReason.COMPLETED)
    assert window.home.reprint_button.isVisible()  # A's, at home
    begin(window, "service_guide")  # visit B printed nothing
    window.end_session(EndReason.COMPLETED)
    window.check_idle()
    assert not window.home.reprint_button.isVisible()
    assert window.core.last_slip.get() is None


def test_reprint_with_the_printer_down_says_so(window: KioskWindow) -> None:
    window.core.last_slip.remember(Slip().text("x").cut())
    window.core.devices.get("printer").set_state(DeviceState.PAPER_OUT)
    window.check_idle()
    window.home.reprint_button.click()
    assert window.home.notice.text() == "打印机暂时无法打印，请联系工作人员。"


def print_a_slip(window: KioskWindow, qtbot: QtBot) -> tuple[Clock, list[str]]:
    """A visit up to a printed slip (rating, then the slip) on a printer that always prints."""
    clock = Clock(1000.0)
    reminder = SlipReminder(clock=clock)
    window.core.slip_reminder = window.core.flow_services.slip_reminder = reminder
    printer = window.core.devices.get("printer")
    printer.print_slip = lambda slip: PrintOutcome(PrintResult.PRINTED)
    spoken: list[str] = []
    window.voice.spoken.connect(spoken.append)
    services = [
        s.model_copy(update={"steps": ["rating", "print_slip"]}) if s.id == "complaint" else s
        for s in window.core.config.services
    ]
    window.core.config = window.core.config.model_copy(update={"services": services})
    begin(window, "complaint")
    window.core.sessions.current.data["application_no"] = "202611220000000001"
    window.flow_host.current_page.skip_button.click()
    page = window.flow_host.current_page
    assert isinstance(page, PrintSlipPage)
    qtbot.waitUntil(lambda: page.status.text() == "请取走出纸口的凭条", timeout=5000)
    return clock, spoken


def test_printed_slip_is_asked_for_on_the_page_and_after_the_visit(
    window: KioskWindow, qtbot: QtBot
) -> None:
    clock, spoken = print_a_slip(window, qtbot)
    assert spoken[-1] == "凭条已经打印好了，请取走出纸口的凭条，妥善保管。"
    window.language.set("en")  # a redraw does not say it again
    assert spoken.count("凭条已经打印好了，请取走出纸口的凭条，妥善保管。") == 1
    clock.now += 20
    window.flow_host.current_page.next_button.click()  # the visit ends
    assert window.core.sessions.current is None
    assert window.home.notice.isVisible()
    assert window.home.notice.text() == "请取走出纸口的凭条"
    assert spoken[-1] == "请取走出纸口的凭条。"
    window.check_idle()
    assert spoken.count("请取走出纸口的凭条。") == 1  # said once
    clock.now += 30  # bounded: gone after its time
    qtbot.waitUntil(lambda: not window.home.notice.isVisible(), timeout=5000)


def test_a_visit_ending_long_after_the_slip_printed_is_not_reminded(
    window: KioskWindow, qtbot: QtBot
) -> None:
    clock, spoken = print_a_slip(window, qtbot)
    clock.now += 600
    window.end_session(EndReason.TIMEOUT)
    assert not window.home.notice.isVisible()
    assert "请取走出纸口的凭条。" not in spoken


def test_a_printer_that_sees_its_outlet_ends_the_reminder_when_taken(
    window: KioskWindow, qtbot: QtBot
) -> None:
    clock, _spoken = print_a_slip(window, qtbot)
    printer = window.core.devices.get("printer")
    printer.slip_in_outlet = True
    clock.now += 600  # long after printing, but the printer says it is still there
    window.end_session(EndReason.TIMEOUT)
    assert window.home.notice.text() == "请取走出纸口的凭条"
    printer.slip_in_outlet = False  # taken
    qtbot.waitUntil(lambda: not window.home.notice.isVisible(), timeout=5000)


def test_card_and_slip_left_are_both_asked_for(window: KioskWindow, qtbot: QtBot) -> None:
    _clock, spoken = print_a_slip(window, qtbot)
    reader = window.core.devices.get("idcard")
    reader.set_state(DeviceState.CARD_PRESENT, "CARD_PRESENT")
    window.end_session(EndReason.CANCELLED)
    assert window.home.notice.text() == "请取走读卡区上的身份证\n请取走出纸口的凭条"
    assert spoken[-1] == "请取走读卡区上的身份证和出纸口的凭条。"
    reader.set_state(DeviceState.ONLINE, "OK")  # the card is taken: the slip line stays
    qtbot.waitUntil(lambda: window.home.notice.text() == "请取走出纸口的凭条", timeout=5000)
    begin(window, "service_guide")  # the next citizen does not inherit it
    qtbot.waitUntil(lambda: window.home.notice.text() == "", timeout=5000)
