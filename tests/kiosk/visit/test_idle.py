"""Inactivity policy, driven by a fake clock."""

from __future__ import annotations

import pytest

from kiosk.visit.idle import IdlePhase, IdleTracker
from tests.fakes import Clock


@pytest.fixture
def clock() -> Clock:
    return Clock(1000.0)


def test_prompt_then_expiry(clock: Clock) -> None:
    idle = IdleTracker(60, 30, clock)
    clock.now += 59.9
    assert idle.poll() is IdlePhase.ACTIVE
    clock.now += 0.2
    assert idle.poll() is IdlePhase.PROMPTING
    assert idle.prompt_seconds_left() == pytest.approx(29.9)
    clock.now += 29.8
    assert idle.poll() is IdlePhase.PROMPTING
    clock.now += 0.2
    assert idle.poll() is IdlePhase.EXPIRED


def test_prompt_counts_from_idle_deadline_even_if_polled_late(clock: Clock) -> None:
    idle = IdleTracker(60, 30, clock)
    clock.now += 95  # first poll long after both deadlines
    assert idle.poll() is IdlePhase.EXPIRED


def test_activity_answers_the_prompt(clock: Clock) -> None:
    idle = IdleTracker(60, 30, clock)
    clock.now += 70
    assert idle.poll() is IdlePhase.PROMPTING
    idle.touch()
    assert idle.poll() is IdlePhase.ACTIVE
    clock.now += 59
    assert idle.poll() is IdlePhase.ACTIVE


def test_can_extend_more_than_ten_times(clock: Clock) -> None:
    idle = IdleTracker(60, 30, clock)
    for _ in range(12):
        clock.now += 75
        assert idle.poll() is IdlePhase.PROMPTING
        idle.touch()
    assert idle.poll() is IdlePhase.ACTIVE


def test_pause_covers_device_waits_and_nests(clock: Clock) -> None:
    idle = IdleTracker(60, 30, clock)
    idle.pause()
    idle.pause()
    clock.now += 500
    assert idle.poll() is IdlePhase.ACTIVE
    idle.resume()
    clock.now += 500
    assert idle.poll() is IdlePhase.ACTIVE
    idle.resume()  # resuming counts as activity
    clock.now += 59
    assert idle.poll() is IdlePhase.ACTIVE
    clock.now += 2
    assert idle.poll() is IdlePhase.PROMPTING


def test_prompt_shorter_than_20s_is_refused(clock: Clock) -> None:
    with pytest.raises(ValueError, match="20 s"):
        IdleTracker(60, 19, clock)
    idle = IdleTracker(60, 20, clock)
    with pytest.raises(ValueError):
        idle.set_budget(60, 10)
