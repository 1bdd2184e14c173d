"""Calling staff says what happens (or that nobody comes at night); leaving items is prompted."""

from __future__ import annotations

import datetime as dt

from drivers.base import DeviceState
from kiosk.app import KioskCore
from kiosk.config.schema import Text, load_config
from kiosk.flow.engine import inline_executor
from kiosk.visit.after_visit import TAKE_PROMPT_S
from kiosk.visit.controller import VisitController
from kiosk.visit.events import HelpCalled, HelpDialog, Reminders, Say, TakeItems, VisitEvent
from kiosk.visit.help import help_answer, staffed_at
from kiosk.visit.session import EndReason
from tests.fakes import Clock, FakeDevice

THURSDAY_10AM = dt.datetime(2026, 12, 3, 10, 0)
THURSDAY_2AM = dt.datetime(2026, 12, 3, 2, 0)
SATURDAY_10AM = dt.datetime(2026, 12, 5, 10, 0)


def controller(
    core: KioskCore, clock: Clock, events: list[VisitEvent], now: dt.datetime = THURSDAY_10AM
) -> VisitController:
    visit = VisitController(core, inline_executor, clock=clock, wall_clock=lambda: now)
    visit.add_listener(events.append)
    core.devices.add_listener(visit.device_event)
    return visit


def of(events: list[VisitEvent], kind: type) -> list[VisitEvent]:
    return [e for e in events if isinstance(e, kind)]


# ---- help


def test_staffed_hours_follow_the_configuration() -> None:
    kiosk = load_config().kiosk  # weekdays 9:00-17:00
    assert staffed_at(kiosk, THURSDAY_10AM)
    assert not staffed_at(kiosk, THURSDAY_2AM)
    assert not staffed_at(kiosk, SATURDAY_10AM)
    assert not staffed_at(kiosk, THURSDAY_10AM.replace(hour=17))  # closing time is closed
    always = kiosk.model_copy(
        update={
            "staffed_days": [1, 2, 3, 4, 5, 6, 7],
            "staffed_from": dt.time(0, 0),
            "staffed_until": dt.time(23, 59, 59),
        }
    )
    assert staffed_at(always, SATURDAY_10AM)


def test_help_by_day_says_staff_come_and_how_soon(core: KioskCore, clock: Clock) -> None:
    events: list[VisitEvent] = []
    visit = controller(core, clock, events, THURSDAY_10AM)
    visit.request_help()
    [dialog] = of(events, HelpDialog)
    answer = dialog.answer
    assert answer.on_site and answer.wait_min == core.config.kiosk.staff_wait_min
    assert answer.phone == "12345" and answer.video is None
    assert of(events, HelpCalled) == [HelpCalled(True)]
    assert of(events, Say)[-1] == Say("help")


def test_help_at_night_says_nobody_is_on_site_and_names_the_alternatives(
    core: KioskCore, clock: Clock
) -> None:
    video = Text(zh="请使用右侧的视频求助电话", en="Use the video help phone on the right")
    kiosk = core.config.kiosk.model_copy(update={"video_help": video})
    core.config = core.config.model_copy(update={"kiosk": kiosk})
    events: list[VisitEvent] = []
    visit = controller(core, clock, events, THURSDAY_2AM)
    visit.start_visit("service_guide")
    visit.request_help()
    [dialog] = of(events, HelpDialog)
    assert not dialog.answer.on_site
    assert dialog.answer.phone == "12345" and dialog.answer.video == video
    assert (dialog.answer.staffed_from, dialog.answer.staffed_until) == (
        dt.time(9, 0),
        dt.time(17, 0),
    )
    assert of(events, Say)[-1] == Say("help_after_hours")  # never "staff are on their way"


def test_help_answer_says_whether_the_request_was_recorded() -> None:
    kiosk = load_config().kiosk
    assert help_answer(kiosk, THURSDAY_2AM, recorded=False).recorded is False
    assert help_answer(kiosk, THURSDAY_2AM, recorded=True).recorded is True


# ---- the card and the slip left behind


def fake(core: KioskCore, name: str) -> FakeDevice:
    device = core.devices.get(name)
    assert isinstance(device, FakeDevice)
    return device


def card_on_the_reader(
    core: KioskCore, clock: Clock
) -> tuple[VisitController, FakeDevice, list[VisitEvent]]:
    """A visit under way with the citizen's card on the reader; the events it sends."""
    events: list[VisitEvent] = []
    visit = controller(core, clock, events)
    reader = fake(core, "idcard")
    visit.start_visit("service_guide")
    reader.set_state(DeviceState.CARD_PRESENT, "CARD_PRESENT")
    return visit, reader, events


def test_a_card_left_on_the_reader_brings_the_full_screen_prompt_until_taken(
    core: KioskCore, clock: Clock
) -> None:
    visit, reader, events = card_on_the_reader(core, clock)
    assert not of(events, TakeItems)  # in use during the visit
    visit.end_visit(EndReason.COMPLETED)
    assert of(events, TakeItems) == [TakeItems(card=True, slip=False)]
    assert Say("card_left") in events  # spoken too
    reader.set_state(DeviceState.ONLINE, "OK")  # taken
    assert of(events, TakeItems)[-1] == TakeItems(card=False, slip=False)
    assert of(events, Reminders)[-1] == Reminders(card=False, slip=False)


def test_the_prompt_is_bounded_and_leaves_the_home_line_asking(
    core: KioskCore, clock: Clock
) -> None:
    visit, _, events = card_on_the_reader(core, clock)
    core.slip_reminder.printed()
    visit.end_visit(EndReason.TIMEOUT)  # walked off: the prompt too
    assert of(events, TakeItems) == [TakeItems(card=True, slip=True)]
    clock.now += TAKE_PROMPT_S - 1
    visit.tick()
    assert len(of(events, TakeItems)) == 1
    clock.now += 1
    visit.tick()
    assert of(events, TakeItems)[-1] == TakeItems(card=False, slip=False)
    assert of(events, Reminders)[-1].card  # the home screen still asks for the card


def test_taken_on_the_prompt_or_a_new_visit_puts_it_away(core: KioskCore, clock: Clock) -> None:
    events: list[VisitEvent] = []
    visit = controller(core, clock, events)
    visit.start_visit("service_guide")
    core.slip_reminder.printed()
    visit.end_visit(EndReason.COMPLETED)
    assert of(events, TakeItems) == [TakeItems(card=False, slip=True)]
    visit.items_taken()  # "已取走"
    assert of(events, TakeItems)[-1] == TakeItems(card=False, slip=False)
    visit.start_visit("service_guide")
    visit.end_visit(EndReason.COMPLETED)  # nothing printed this time: no prompt
    assert len(of(events, TakeItems)) == 2
