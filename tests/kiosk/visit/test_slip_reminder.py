"""When the home screen asks for the slip: time-based, or what the printer's outlet sensor says."""

from __future__ import annotations

from types import SimpleNamespace

from kiosk.visit.slip_reminder import SlipReminder, outlet_sensor
from tests.fakes import Clock


def reminder(clock: Clock) -> SlipReminder:
    return SlipReminder(recent_s=120, show_s=30, clock=clock)


def test_a_visit_ending_soon_after_printing_is_reminded_for_a_bounded_time() -> None:
    clock = Clock(1000.0)
    r = reminder(clock)
    r.printed()
    clock.now += 40  # the rating after the slip
    assert r.visit_ended()
    clock.now += 29
    assert r.active()
    clock.now += 1
    assert not r.active()
    assert not r.active()  # stays over


def test_no_slip_or_an_old_slip_is_not_reminded() -> None:
    clock = Clock(1000.0)
    r = reminder(clock)
    assert not r.visit_ended()  # nothing printed in this visit
    r.printed()
    clock.now += 121
    assert not r.visit_ended()  # long ago: probably taken, and the guess would not be honest
    assert not r.active()


def test_one_reminder_per_slip() -> None:
    clock = Clock(1000.0)
    r = reminder(clock)
    r.printed()
    assert r.visit_ended()
    r.dismiss()  # the next visit began
    assert not r.active()
    assert not r.visit_ended()  # that visit printed nothing


def test_a_printer_that_knows_its_outlet_decides() -> None:
    clock = Clock(1000.0)
    r = reminder(clock)
    empty, waiting = SimpleNamespace(slip_in_outlet=False), SimpleNamespace(slip_in_outlet=True)
    r.printed()
    assert not r.visit_ended(empty)  # taken: nothing to claim
    r.printed()
    clock.now += 500
    assert r.visit_ended(waiting)  # still there however long ago it printed
    assert r.active(waiting)
    assert not r.active(empty)  # taken now: the reminder ends at once
    r.printed()
    assert r.visit_ended(waiting)
    clock.now += 30
    assert not r.active(waiting)  # bounded even when the slip stays


def test_outlet_sensor_accepts_only_a_clear_answer() -> None:
    assert outlet_sensor(None) is None
    assert outlet_sensor(object()) is None  # the escpos driver has no presenter query
    assert outlet_sensor(SimpleNamespace(slip_in_outlet=True)) is True
    assert outlet_sensor(SimpleNamespace(slip_in_outlet="yes")) is None
