"""In and out of service: never a visit dropped, back only when the kiosk could serve."""

from __future__ import annotations

from drivers.base import DeviceState
from kiosk.app import KioskCore
from kiosk.flow.engine import inline_executor
from kiosk.maintenance import events as ev
from kiosk.maintenance.mode import MaintenanceMode, Mode
from kiosk.visit.controller import VisitController
from kiosk.visit.events import ShowHome
from tests.fakes import Clock, FakeDevice
from tests.kiosk.maintenance.conftest import PIN, TECH, Screen, audit_rows, enter


def test_no_visit_enters_at_once_and_citizens_see_out_of_service(
    mode: MaintenanceMode, screen: Screen
) -> None:
    assert mode.mode is Mode.SERVING
    enter(mode)
    assert mode.mode is Mode.MAINTENANCE
    assert screen.of(ev.ShowOutOfService) == [ev.ShowOutOfService(visit_ended=False)]
    assert screen.of(ev.ShowConsole) == [ev.ShowConsole(TECH)]
    assert [(r.action, r.outcome, r.technician) for r in audit_rows(mode.core)] == [
        ("pin", "ok", TECH),
        ("enter", "ok", TECH),
    ]


def test_a_visit_before_its_point_of_no_return_is_ended_and_the_citizen_told(
    mode: MaintenanceMode, visit: VisitController, screen: Screen
) -> None:
    home: list[object] = []
    visit.add_listener(lambda e: home.append(e) if isinstance(e, ShowHome) else None)
    assert visit.start_visit("service_guide")
    assert visit.state().in_progress and visit.state().interruptible
    enter(mode)
    assert not visit.state().in_progress  # ended, its data wiped
    assert home  # the citizen screen went home under the out-of-service screen
    assert screen.of(ev.ShowOutOfService) == [ev.ShowOutOfService(visit_ended=True)]


def set_printer(core: KioskCore, state: DeviceState, code: str) -> None:
    """Put the fake printer in ``state``, as its own check would find it."""
    printer = core.devices.get("printer")
    assert isinstance(printer, FakeDevice)
    printer.set_state(state, code)


def test_the_session_ends_after_ten_minutes_without_input(
    mode: MaintenanceMode, clock: Clock, screen: Screen
) -> None:
    enter(mode)
    clock.now += 599
    mode.tick()
    assert mode.in_session
    mode.touched()
    clock.now += 599
    mode.tick()
    assert mode.in_session
    clock.now += 1
    mode.tick()
    assert not mode.in_session and mode.mode is Mode.SERVING  # the fakes pass their checks
    assert [r.action for r in audit_rows(mode.core)][-2:] == ["session", "return_to_service"]


def test_leaving_with_a_device_that_fails_its_check_stays_out_and_says_why(
    core: KioskCore, mode: MaintenanceMode, screen: Screen
) -> None:
    enter(mode)
    set_printer(core, DeviceState.ERROR, "DEVICE_ERROR")
    saved, core.outbox = core.outbox, None  # the queue is down: no case could be taken
    core.start_queue = True
    try:
        mode.leave()
    finally:
        core.outbox, core.start_queue = saved, False
    assert mode.mode is Mode.OUT_OF_SERVICE and not mode.in_session
    shown = screen.of(ev.ShowOutOfService)[-1]
    assert isinstance(shown, ev.ShowOutOfService)
    assert shown.problems == ("printer: internal check DEVICE_ERROR", "queue: QUEUE_NOT_STARTED")
    refused = audit_rows(core)[-1]
    assert (refused.action, refused.outcome) == ("return_to_service", "refused")


def test_one_device_down_still_serves_what_does_not_need_it(
    core: KioskCore, mode: MaintenanceMode, screen: Screen
) -> None:
    enter(mode)
    set_printer(core, DeviceState.PAPER_OUT, "PRINTER_PAPER_OUT")
    mode.leave()
    assert mode.mode is Mode.SERVING
    assert mode.last_readiness is not None
    assert mode.last_readiness.failed_devices == {"printer"}


def test_kept_out_of_service_on_purpose_survives_a_restart(
    core: KioskCore, mode: MaintenanceMode, visit: VisitController, screen: Screen
) -> None:
    enter(mode)
    mode.set_out_of_service(True, "printer")
    mode.leave()
    assert mode.mode is Mode.OUT_OF_SERVICE
    again = MaintenanceMode(core, visit, inline_executor)
    assert again.mode is Mode.OUT_OF_SERVICE
    assert again.current_screen() == ev.ShowOutOfService(message="printer")
    enter(again)
    again.set_out_of_service(False)
    again.leave()
    assert again.mode is Mode.SERVING


def test_the_mode_is_a_plain_read_only_property(mode: MaintenanceMode) -> None:
    assert str(mode.mode) == "serving"
    enter(mode)
    assert str(mode.mode) == "maintenance"
    assert not hasattr(type(mode).mode, "fset") or type(mode).mode.fset is None


def test_a_second_pin_while_in_session_does_not_open_the_pad(
    mode: MaintenanceMode, screen: Screen
) -> None:
    enter(mode)
    assert not mode.open_pin_pad("", via="gesture")
    assert mode.submit_pin(TECH, PIN).outcome.value == "ok"  # no second entry
    assert len(screen.of(ev.ShowConsole)) == 1
