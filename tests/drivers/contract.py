"""What the per-kind contract tests share: the device under test and its status changes."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

import pytest

from drivers.base import Device, DeviceEvent, DeviceState, HealthLevel, HealthResult, StatusChanged

D = TypeVar("D", bound=Device)


def device_under_test(
    request: pytest.FixtureRequest,
    option: str,
    real: Callable[[str], D],
    simulated: Callable[[], D],
) -> Iterator[D]:
    """Body of a contract fixture: the real device ``option`` names, else the simulated one;
    closed after the test.
    """
    spec = request.config.getoption(option)
    device = real(spec) if spec else simulated()
    yield device
    device.close()


@contextmanager
def status_changes(device: Device) -> Iterator[list[StatusChanged]]:
    """The status changes ``device`` reports while the block runs, in order."""
    events: list[StatusChanged] = []

    def keep(event: DeviceEvent) -> None:
        if isinstance(event, StatusChanged):
            events.append(event)

    device.add_listener(keep)
    try:
        yield events
    finally:
        device.remove_listener(keep)


def assert_changes_only(events: list[StatusChanged]) -> None:
    """What a device reported over an open and a close: changes only, ending closed."""
    assert events and events[-1].status.state is DeviceState.CLOSED
    assert all(e.previous != e.status for e in events)


def passed_health_checks(device: Device) -> list[HealthResult]:
    """The internal, then the external health check of ``device``; each must pass."""
    results = []
    for level in (HealthLevel.INTERNAL, HealthLevel.EXTERNAL):
        result = device.health_check(level)
        assert result.passed, result
        results.append(result)
    return results


def assert_reopens_after_closing_twice(device: Device) -> None:
    """Closing an open device twice leaves it closed (``NOT_OPEN``); it opens usable again."""
    device.open()
    device.close()
    device.close()
    assert device.status.code == "NOT_OPEN"
    device.open()
    assert device.status.usable
