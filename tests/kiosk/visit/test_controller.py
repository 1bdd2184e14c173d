"""The visit's lifecycle without a window: a fake clock, fake devices, events recorded."""

from __future__ import annotations

import datetime as dt

import pytest

from drivers.base import DeviceState
from drivers.printer.document import PrintOutcome, PrintResult, Slip
from kiosk.app import KioskCore
from kiosk.flow.engine import Flow, FlowOutcome, Step, inline_executor
from kiosk.visit import events as ev
from kiosk.visit.controller import HELP_REST_S, VisitController, VisitState
from kiosk.visit.session import EndReason
from tests.fakes import Clock, FakeDevice


class Form(Step):
    kind = "form"


class Pay(Step):
    kind = "pay"
    can_go_back = False  # the fee is taken once this step is done


class Thanks(Step):
    kind = "thanks"


#: A paid service's shape: a form, the payment, a last page.
PAID = {"form": Form, "pay": Pay, "thanks": Thanks}


class Screen:
    """Stands in for the window: records what it is told."""

    def __init__(self) -> None:
        self.events: list[ev.VisitEvent] = []

    def __call__(self, event: ev.VisitEvent) -> None:
        self.events.append(event)

    def of(self, kind: type) -> list[ev.VisitEvent]:
        return [e for e in self.events if isinstance(e, kind)]

    def kinds(self) -> list[type]:
        return [type(e) for e in self.events]


@pytest.fixture
def screen() -> Screen:
    return Screen()


def controller_for(core: KioskCore, screen: Screen, clock: Clock, **kw: object) -> VisitController:
    visit = VisitController(core, inline_executor, clock=clock, **kw)  # type: ignore[arg-type]
    visit.add_listener(screen)
    core.devices.add_listener(visit.device_event)  # fake devices report on this thread
    return visit


@pytest.fixture
def visit(core: KioskCore, screen: Screen, clock: Clock) -> VisitController:
    return controller_for(core, screen, clock)


def paid_visit(core: KioskCore, screen: Screen, clock: Clock) -> VisitController:
    """A controller whose service_guide runs the form, pay, thanks steps."""
    services = [
        s.model_copy(update={"steps": list(PAID)}) if s.id == "service_guide" else s
        for s in core.config.services
    ]
    core.config = core.config.model_copy(update={"services": services})
    return controller_for(core, screen, clock, kinds=PAID)


def fake(core: KioskCore, name: str) -> FakeDevice:
    device = core.devices.get(name)
    assert isinstance(device, FakeDevice)
    return device


def printer_into(core: KioskCore, printed: list[Slip]) -> None:
    """The printer prints every slip, into ``printed``."""

    def print_slip(slip: Slip) -> PrintOutcome:
        printed.append(slip)
        return PrintOutcome(PrintResult.PRINTED)

    fake(core, "printer").print_slip = print_slip  # type: ignore[attr-defined]


def a_slip() -> Slip:
    return Slip().text("受理编号：202611220000000001").cut()


# ---- starting and ending


def test_a_visit_starts_its_flow_and_speaks_its_steps(
    visit: VisitController, core: KioskCore, screen: Screen
) -> None:
    assert visit.start_visit("service_guide")
    flow = visit.flow
    assert flow is not None and flow.current is not None
    assert core.sessions.current is flow.session
    assert screen.of(ev.ShowFlow) == [ev.ShowFlow(flow)]
    assert screen.of(ev.Say)[-1] == ev.Say(flow.current.prompt_key)


def test_a_service_that_cannot_be_used_does_not_start(
    visit: VisitController, core: KioskCore, screen: Screen
) -> None:
    fake(core, "printer").set_state(DeviceState.PAPER_OUT)
    assert screen.of(ev.Availability)  # the device event redrew the tiles
    assert not visit.start_visit("id_card_renewal")
    assert core.sessions.current is None and visit.flow is None
    assert not screen.of(ev.ShowFlow)


def test_a_step_kind_this_build_lacks_shows_the_guide(
    core: KioskCore, screen: Screen, clock: Clock
) -> None:
    visit = controller_for(core, screen, clock, kinds={})
    assert visit.start_visit("complaint")
    assert visit.flow is None and core.sessions.current is not None
    (guide,) = screen.of(ev.ShowGuide)
    assert isinstance(guide, ev.ShowGuide) and guide.service.id == "complaint"
    assert guide.where == core.config.kiosk.hall_address


def test_end_runs_in_order_and_wipes_the_visit(
    visit: VisitController, core: KioskCore, screen: Screen
) -> None:
    visit.start_visit("service_guide")
    visit.language_chosen("en")
    visit.set_large_type(True)
    flow, session = visit.flow, core.sessions.current
    assert flow is not None and session is not None
    photo = bytearray(b"face")
    session.data["photo"] = photo
    seen_at_flow_end: list[int] = []
    # A step's end listener (a refund, say) still sees the visit's data.
    flow.add_end_listener(lambda f, o: seen_at_flow_end.append(len(f.session.data)))
    screen.events.clear()

    visit.end_visit(EndReason.CANCELLED)

    assert seen_at_flow_end == [1]
    assert flow.outcome is FlowOutcome.CANCELLED and session.ended is EndReason.CANCELLED
    assert len(session.data) == 0 and photo == bytearray(4)  # zeroed in place
    assert core.sessions.current is None and visit.flow is None
    assert screen.kinds() == [
        ev.HideIdlePrompt,
        ev.ShowHome,
        ev.SetLanguage,
        ev.TextSize,
        ev.Availability,
        ev.VisitEnded,
    ]
    assert screen.of(ev.SetLanguage) == [ev.SetLanguage(core.config.ui.language)]
    assert screen.of(ev.TextSize) == [ev.TextSize(False)]
    assert screen.of(ev.VisitEnded) == [ev.VisitEnded(EndReason.CANCELLED)]
    assert visit.at_rest() and core.idle.idle_s == core.config.timeouts.idle_s


def test_a_flow_that_completes_ends_the_visit(
    core: KioskCore, screen: Screen, clock: Clock
) -> None:
    visit = paid_visit(core, screen, clock)
    visit.start_visit("service_guide")
    flow = visit.flow
    assert flow is not None
    for _ in PAID:
        assert flow.current is not None
        flow.current.complete()
    assert screen.of(ev.VisitEnded) == [ev.VisitEnded(EndReason.COMPLETED)]
    assert core.sessions.current is None and visit.flow is None


def test_a_visit_started_during_another_ends_that_one_first(
    visit: VisitController, core: KioskCore, screen: Screen
) -> None:
    visit.start_visit("service_guide")
    first = visit.flow
    assert first is not None
    visit.start_visit("complaint")
    assert first.outcome is FlowOutcome.CANCELLED and first.session.ended is EndReason.CANCELLED
    assert visit.flow is not None and visit.flow.session is core.sessions.current
    assert screen.of(ev.VisitEnded) == [ev.VisitEnded(EndReason.CANCELLED)]


# ---- inactivity


def test_idle_prompt_counts_down_then_expiry_ends_the_visit(
    visit: VisitController, core: KioskCore, screen: Screen, clock: Clock
) -> None:
    visit.start_visit("service_guide")
    flow, session = visit.flow, core.sessions.current
    assert flow is not None and session is not None
    clock.now += core.idle.idle_s - 1
    visit.tick()
    assert not screen.of(ev.IdlePrompt)
    clock.now += 2
    visit.tick()
    assert screen.of(ev.IdlePrompt)[-1] == ev.IdlePrompt(core.idle.prompt_s - 1)
    clock.now += 10
    visit.tick()
    assert screen.of(ev.IdlePrompt)[-1] == ev.IdlePrompt(core.idle.prompt_s - 11)
    assert screen.of(ev.Say).count(ev.Say("idle")) == 1  # asked aloud once
    clock.now += core.idle.prompt_s
    visit.tick()
    assert screen.of(ev.VisitEnded) == [ev.VisitEnded(EndReason.TIMEOUT)]
    assert flow.outcome is FlowOutcome.TIMEOUT and session.ended is EndReason.TIMEOUT
    assert screen.kinds()[-1] is ev.VisitEnded


def test_more_time_keeps_the_visit(
    visit: VisitController, core: KioskCore, screen: Screen, clock: Clock
) -> None:
    visit.start_visit("service_guide")
    session = core.sessions.current
    clock.now += core.idle.idle_s + 5
    visit.tick()
    assert screen.of(ev.IdlePrompt)
    visit.more_time()
    assert screen.events[-1] == ev.HideIdlePrompt()
    screen.events.clear()
    clock.now += core.idle.idle_s - 1  # a whole idle time again from the answer
    visit.tick()
    assert not screen.of(ev.IdlePrompt) and core.sessions.current is session


def test_large_type_lengthens_the_idle_budget(
    visit: VisitController, core: KioskCore, screen: Screen, clock: Clock
) -> None:
    t = core.config.timeouts
    visit.set_large_type(True)
    visit.set_large_type(True)  # no change: nothing to redraw
    assert screen.of(ev.TextSize) == [ev.TextSize(True)]
    assert (core.idle.idle_s, core.idle.prompt_s) == core.idle_budget(True)
    visit.start_visit("service_guide")
    visit.set_large_type(True)
    clock.now += t.idle_s + 1
    visit.tick()
    assert not screen.of(ev.IdlePrompt)
    clock.now += t.idle_s * t.large_type_time_factor - t.idle_s
    visit.tick()
    assert screen.of(ev.IdlePrompt)


def test_at_rest_nothing_times_out_and_choices_left_behind_reset_quietly(
    visit: VisitController, core: KioskCore, screen: Screen, clock: Clock
) -> None:
    clock.now += 10_000
    visit.tick()
    assert screen.events == []  # at rest: no prompt, nothing ends
    visit.language_chosen("en")
    visit.set_large_type(True)
    clock.now += 1_000
    visit.tick()
    assert not screen.of(ev.IdlePrompt) and not screen.of(ev.Say)
    assert screen.of(ev.SetLanguage) == [ev.SetLanguage(core.config.ui.language)]
    assert screen.of(ev.TextSize)[-1] == ev.TextSize(False)
    assert visit.at_rest()


# ---- after the visit: card, slip, reprint


def test_card_left_reminder_starts_at_the_end_and_stops_when_taken(
    visit: VisitController, core: KioskCore, screen: Screen
) -> None:
    reader = fake(core, "idcard")
    visit.start_visit("service_guide")
    reader.set_state(DeviceState.CARD_PRESENT, "CARD_PRESENT")
    assert not screen.of(ev.Reminders)  # during the visit the card is in use
    visit.end_visit(EndReason.COMPLETED)
    assert screen.of(ev.Reminders) == [ev.Reminders(card=True, slip=False)]
    assert screen.of(ev.Say)[-1] == ev.Say("card_left")
    reader.set_state(DeviceState.ONLINE, "OK")
    assert screen.of(ev.Reminders)[-1] == ev.Reminders(card=False, slip=False)


def test_slip_reminder_is_said_once_and_bounded(
    visit: VisitController, core: KioskCore, screen: Screen, clock: Clock
) -> None:
    visit.start_visit("service_guide")
    core.slip_reminder.printed()
    clock.now += 20
    visit.end_visit(EndReason.COMPLETED)
    assert screen.of(ev.Reminders) == [ev.Reminders(card=False, slip=True)]
    assert screen.of(ev.Say)[-1] == ev.Say("slip_left")
    visit.tick()
    assert screen.of(ev.Reminders) == [ev.Reminders(card=False, slip=True)]
    clock.now += core.slip_reminder.show_s
    visit.tick()
    assert screen.of(ev.Reminders)[-1] == ev.Reminders(card=False, slip=False)
    assert screen.of(ev.Say).count(ev.Say("slip_left")) == 1


def test_the_next_visit_ends_the_slip_reminder(
    visit: VisitController, core: KioskCore, screen: Screen
) -> None:
    visit.start_visit("service_guide")
    core.slip_reminder.printed()
    visit.end_visit(EndReason.COMPLETED)
    visit.start_visit("service_guide")
    assert screen.of(ev.Reminders)[-1] == ev.Reminders(card=False, slip=False)


def test_reprint_from_home_prints_the_last_slip(
    visit: VisitController, core: KioskCore, screen: Screen, clock: Clock
) -> None:
    printed: list[Slip] = []
    printer_into(core, printed)
    slip = a_slip()
    core.last_slip.remember(slip)
    visit.tick()
    assert screen.of(ev.ReprintAvailable) == [ev.ReprintAvailable(True)]
    visit.reprint()
    assert printed == [slip]
    assert screen.of(ev.Notice) == [ev.Notice("reprinting"), ev.Notice("reprinted")]
    clock.now += 15
    visit.tick()
    assert screen.events[-1] == ev.Reminders(card=False, slip=False)  # the notice is gone
    clock.now += core.last_slip.window_s
    visit.tick()
    assert screen.of(ev.ReprintAvailable)[-1] == ev.ReprintAvailable(False)


def test_reprint_with_the_printer_down_says_so(
    visit: VisitController, core: KioskCore, screen: Screen
) -> None:
    core.last_slip.remember(a_slip())
    fake(core, "printer").set_state(DeviceState.PAPER_OUT)
    visit.reprint()
    assert screen.of(ev.Notice) == [ev.Notice("printer_down")]


def test_the_next_visit_cannot_reprint_the_last_citizens_slip(
    visit: VisitController, core: KioskCore, screen: Screen
) -> None:
    printed: list[Slip] = []
    printer_into(core, printed)
    visit.start_visit("service_guide")  # visit A prints its slip
    core.last_slip.remember(a_slip())
    visit.end_visit(EndReason.COMPLETED)
    assert screen.of(ev.ReprintAvailable)[-1] == ev.ReprintAvailable(True)  # A's, at home

    visit.start_visit("service_guide")  # visit B
    assert screen.of(ev.ReprintAvailable)[-1] == ev.ReprintAvailable(False)
    assert core.last_slip.get() is None
    visit.end_visit(EndReason.COMPLETED)
    visit.tick()
    assert screen.of(ev.ReprintAvailable)[-1] == ev.ReprintAvailable(False)
    visit.reprint()
    assert printed == [] and not screen.of(ev.Notice)

    visit.start_visit("service_guide")  # visit C prints its own: that one is offered
    slip = a_slip()
    core.last_slip.remember(slip)
    visit.end_visit(EndReason.COMPLETED)
    visit.reprint()
    assert printed == [slip]


# ---- help and state


def test_help_is_requested_then_the_button_rests(
    core: KioskCore, screen: Screen, clock: Clock
) -> None:
    staffed = dt.datetime(2026, 12, 3, 10, 0)  # a Thursday morning: staff are in the hall
    visit = controller_for(core, screen, clock, wall_clock=lambda: staffed)
    visit.start_visit("service_guide")
    visit.request_help()
    assert screen.of(ev.HelpCalled) == [ev.HelpCalled(True)] and screen.of(ev.Say)[-1] == ev.Say(
        "help"
    )
    clock.now += HELP_REST_S - 1
    visit.tick()
    assert screen.of(ev.HelpCalled) == [ev.HelpCalled(True)]
    clock.now += 1
    visit.tick()
    assert screen.of(ev.HelpCalled)[-1] == ev.HelpCalled(False)


def test_state_says_when_the_visit_may_be_interrupted(
    core: KioskCore, screen: Screen, clock: Clock
) -> None:
    visit = paid_visit(core, screen, clock)
    assert visit.state() == VisitState(False, "", "", True)
    visit.start_visit("service_guide")
    flow = visit.flow
    assert isinstance(flow, Flow) and flow.current is not None
    assert visit.state() == VisitState(True, "service_guide", "form", True)
    flow.current.complete()
    assert visit.state() == VisitState(True, "service_guide", "pay", True)  # not paid yet
    flow.current.complete()  # paid: past the point of no return
    assert visit.state() == VisitState(True, "service_guide", "thanks", False)
    flow.current.complete()  # the flow ends, and with it the visit
    assert visit.state() == VisitState(False, "", "", True)
