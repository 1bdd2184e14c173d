"""The kiosk core on a clock that stands still, for the visit tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from kiosk.app import KioskCore
from kiosk.cases.receipts import LastSlip
from kiosk.config.schema import load_config
from kiosk.visit.idle import IdleTracker
from kiosk.visit.slip_reminder import SlipReminder
from tests.fakes import Clock


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def core(clock: Clock) -> Iterator[KioskCore]:
    """The kiosk core with fake devices, no queue; what times a visit runs on ``clock``."""
    core = KioskCore(load_config(), start_queue=False)
    t = core.config.timeouts
    core.idle = IdleTracker(t.idle_s, t.prompt_s, clock=clock)
    core.last_slip = core.flow_services.last_slip = LastSlip(clock=clock)
    core.slip_reminder = core.flow_services.slip_reminder = SlipReminder(clock=clock)
    core.start()
    yield core
    core.stop()
