"""The hidden gesture and badges: only the configured gesture and real badges open the pad."""

from __future__ import annotations

import pytest

from kiosk.config.maintenance import GestureSettings
from kiosk.config.schema import load_config
from kiosk.maintenance.access import TapGesture, badge_technician
from tests.fakes import Clock
from tests.kiosk.maintenance.conftest import with_technicians


def test_five_corner_taps_within_three_seconds_complete_the_gesture() -> None:
    clock = Clock()
    gesture = TapGesture(GestureSettings(), clock)
    results = []
    for _ in range(5):
        results.append(gesture.tap(True))
        clock.now += 0.5
    assert results == [False, False, False, False, True]


def test_slow_taps_or_a_tap_elsewhere_start_over() -> None:
    clock = Clock()
    gesture = TapGesture(GestureSettings(), clock)
    for _ in range(4):
        assert not gesture.tap(True)
        clock.now += 1.0  # five taps take 4 s: too slow
    assert not gesture.tap(True)
    for _ in range(4):
        gesture.tap(True)
    assert not gesture.tap(False)  # a tap on the page
    assert not gesture.tap(True)


@pytest.mark.parametrize(
    ("code", "tech"),
    [
        ("MNT-07", "07"),
        ("MNT-12", "12"),
        ("MNT-99", None),  # badge-shaped, but nobody's
        ("MNT-07 ", None),
        ("mnt-07", None),
        ("MNT-07-MNT-07", None),
        ("202611220000000001", None),  # a slip code
        ("MNT-" + "0" * 500, None),
    ],
)
def test_only_a_configured_technician_s_badge_is_a_badge(code: str, tech: str | None) -> None:
    settings = with_technicians(load_config()).maintenance
    assert badge_technician(code, settings) == tech
