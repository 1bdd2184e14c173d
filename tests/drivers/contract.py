"""What the per-kind contract tests share: the device under test and its status changes."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

import pytest

from drivers.base import Device, DeviceEvent, StatusChanged

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
