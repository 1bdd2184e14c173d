"""A kiosk core on fake devices with two technicians, a maintenance mode and its screen."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TypeVar

import pytest

from drivers.base import Device
from kiosk.app import KioskCore
from kiosk.config.schema import KioskConfig, load_config
from kiosk.flow.engine import inline_executor
from kiosk.maintenance.audit import AuditRecord, read_audit
from kiosk.maintenance.events import MaintenanceEvent
from kiosk.maintenance.mode import MaintenanceMode
from kiosk.maintenance.pins import MIN_N, hash_pin
from kiosk.visit.controller import VisitController
from offline_queue.outbox import Outbox
from tests.fakes import Clock

PIN = "204817"
OTHER_PIN = "730592"
TECH, OTHER = "07", "12"
BADGE = "MNT-07"

_HASHES: dict[str, str] = {}


def technicians() -> dict[str, str]:
    """Hashes at the lowest cost the configuration accepts (made once: they are slow on purpose)."""
    if not _HASHES:
        _HASHES[TECH] = hash_pin(PIN, n=MIN_N)
        _HASHES[OTHER] = hash_pin(OTHER_PIN, n=MIN_N)
    return dict(_HASHES)


def with_technicians(config: KioskConfig, **maintenance: object) -> KioskConfig:
    m = config.maintenance.model_copy(update={"technicians": technicians(), **maintenance})
    return config.model_copy(update={"maintenance": m})


@dataclass
class Screen:
    """Stands in for the maintenance screens: records what it is told."""

    events: list[object] = field(default_factory=list)

    def __call__(self, event: MaintenanceEvent) -> None:
        self.events.append(event)

    def of(self, kind: type) -> list[object]:
        return [e for e in self.events if isinstance(e, kind)]


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def wall() -> Clock:
    return Clock()


@pytest.fixture
def core(outbox: Outbox) -> Iterator[KioskCore]:
    core = KioskCore(with_technicians(load_config()), start_queue=False)
    core.start()
    core.outbox = outbox  # audit records go through a real queue
    yield core
    core.outbox = None
    core.stop()


@pytest.fixture
def visit(core: KioskCore, clock: Clock) -> VisitController:
    return VisitController(core, inline_executor, clock=clock)


@pytest.fixture
def screen() -> Screen:
    return Screen()


@pytest.fixture
def mode(core: KioskCore, visit: VisitController, clock: Clock, wall: Clock, screen: Screen):
    m = MaintenanceMode(core, visit, inline_executor, clock=clock, wall_clock=wall)
    m.add_listener(screen)
    return m


def audit_rows(core: KioskCore) -> list[AuditRecord]:
    return read_audit(core.config.kiosk.resolved_data_dir())


D = TypeVar("D", bound=Device)


def install(core: KioskCore, device: D) -> D:
    """``device`` opened and put in the kiosk under its kind (before the one configured)."""
    device.open()
    core.devices.devices[device.kind] = device
    return device


def enter(mode: MaintenanceMode) -> None:
    mode.open_pin_pad("", via="gesture")
    assert mode.submit_pin(TECH, PIN).outcome.value == "ok"
    assert mode.in_session
