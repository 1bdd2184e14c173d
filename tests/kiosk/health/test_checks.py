"""Scheduled external checks: every check_every_s, in the quiet window, never during a visit."""

from __future__ import annotations

from datetime import datetime, time
from typing import Any

import pytest

from drivers.base import Device, DeviceStatus
from kiosk.config.health import HealthSettings
from kiosk.health.checks import DeviceChecks, in_window
from kiosk.health.device_tracker import DeviceTracker
from tests.fakes import Clock, FakeDevice


class Counted(FakeDevice):
    kind = "printer"

    def __init__(self) -> None:
        super().__init__()
        self._set_status(DeviceStatus.online())
        self.external = 0

    def _check_external(self) -> tuple[bool, str, str]:
        self.external += 1
        return True, "status query answered", "OK"


class Scene:
    def __init__(self, window: str = "02:00-05:00", every: float = 3600) -> None:
        self.devices: dict[str, Device] = {"printer": Counted(), "receipt2": Counted()}
        self.clock = Clock(0.0)
        self.local = datetime(2026, 12, 3, 3, 0)
        self.visit: Any = None
        self.tracker = DeviceTracker(self.devices, self.clock)
        self.checks = DeviceChecks(
            lambda: self.devices, self.tracker, lambda: self.visit is not None,
            HealthSettings(quiet_window=window, check_every_s=every),
            local_now=lambda: self.local, clock=self.clock,
        )  # fmt: skip

    def external_runs(self) -> int:
        return sum(d.external for d in self.devices.values())  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("window", "at", "inside"),
    [
        ("02:00-05:00", time(2, 0), True),
        ("02:00-05:00", time(4, 59), True),
        ("02:00-05:00", time(5, 0), False),
        ("02:00-05:00", time(12, 0), False),
        ("22:00-04:00", time(23, 30), True),
        ("22:00-04:00", time(3, 0), True),
        ("22:00-04:00", time(12, 0), False),
        ("", time(12, 0), True),
    ],
)
def test_quiet_window(window: str, at: time, inside: bool) -> None:
    parsed = HealthSettings(quiet_window=window).window()
    assert in_window(parsed, datetime.combine(datetime(2026, 12, 3).date(), at)) is inside


def test_not_right_after_start_then_every_interval_inside_the_window() -> None:
    scene = Scene()
    assert scene.checks.run_due() == 0  # the first round waits one interval
    scene.clock.now += 3600
    assert scene.checks.run_due() == 2 and scene.external_runs() == 2
    scene.clock.now += 60
    assert scene.checks.run_due() == 0  # not due again yet
    scene.clock.now += 3600
    scene.local = datetime(2026, 12, 3, 14, 0)  # outside the quiet window
    assert scene.checks.run_due() == 0
    scene.local = datetime(2026, 12, 4, 2, 30)
    assert scene.checks.run_due() == 2 and scene.external_runs() == 4
    checks = scene.tracker.checks("printer")
    assert checks["external"].passed and checks["internal"].passed  # both levels recorded


def test_never_while_a_visit_is_in_progress() -> None:
    scene = Scene(window="")
    scene.clock.now += 3600
    scene.visit = object()
    assert scene.checks.run_due() == 0 and scene.external_runs() == 0
    assert "internal" in scene.tracker.checks("printer")  # no I/O: these still run
    scene.visit = None
    assert scene.checks.run_due() == 2


def test_a_visit_starting_midway_stops_the_round_and_it_is_taken_up_later() -> None:
    scene = Scene(window="")
    first = scene.devices["printer"]
    assert isinstance(first, Counted)
    original = first._check_external

    def check_then_citizen_arrives() -> tuple[bool, str, str]:
        scene.visit = object()
        return original()

    first._check_external = check_then_citizen_arrives  # type: ignore[method-assign]
    scene.clock.now += 3600
    assert scene.checks.run_due() == 1  # the second device waits
    first._check_external = original  # type: ignore[method-assign]
    scene.visit = None
    assert scene.checks.run_due() == 2  # the round is still due: it runs whole


def test_on_request_by_name_or_kind() -> None:
    scene = Scene()
    assert [n for n, _ in scene.checks.run("receipt2")] == ["receipt2"]
    assert [n for n, _ in scene.checks.run("printer")] == ["printer", "receipt2"]
    assert scene.checks.run("camera") == []


def test_the_thread_stops_and_is_joined() -> None:
    scene = Scene()
    scene.checks.start()
    scene.checks.stop()
    assert scene.checks._thread is None
