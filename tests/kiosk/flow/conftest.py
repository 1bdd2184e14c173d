from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from drivers.camera.on_simulator import SimulatedCamera, SimulatedCameraSettings
from drivers.idcard.on_simulator import SimulatedSamReader
from kiosk.cases.index import CaseIndex
from kiosk.config.schema import KioskConfig, load_config
from kiosk.flow.engine import FlowEnv, inline_executor
from kiosk.visit.idle import IdleTracker
from kiosk.visit.session import EndReason, SessionManager
from offline_queue.outbox import Outbox
from offline_queue.sim import PlatformSimulator
from tests.kiosk.flow.helpers import Loop
from tests.offline_queue.helpers import TOKEN


@pytest.fixture
def config() -> KioskConfig:
    return load_config()


@pytest.fixture
def env(config: KioskConfig, outbox: Outbox) -> FlowEnv:
    return FlowEnv(
        config=config,
        idle=IdleTracker(60, 30),
        outbox=outbox,
        run_async=inline_executor,
    )


@pytest.fixture
def sessions() -> Iterator[SessionManager]:
    manager = SessionManager()
    yield manager
    manager.end(EndReason.SHUTDOWN)


@pytest.fixture
def loop() -> Iterator[Loop]:
    lp = Loop()
    yield lp
    lp.close()


@pytest.fixture
def sam() -> Iterator[SimulatedSamReader]:
    """The real SAM driver, on its simulator on a pty."""
    device = SimulatedSamReader(SimulatedSamReader.Settings())
    device.open()
    yield device
    device.close()


@pytest.fixture
def camera() -> Iterator[SimulatedCamera]:
    device = SimulatedCamera(SimulatedCameraSettings(transport="direct", scenario="person"))
    device.open()
    yield device
    device.close()


@pytest.fixture
def sim(tmp_path: Path) -> Iterator[PlatformSimulator]:
    """The platform simulator on a loopback port; its token is ``TOKEN``."""
    with PlatformSimulator(tmp_path / "platform.db", token=TOKEN) as platform:
        yield platform


@pytest.fixture
def index(tmp_path: Path) -> Iterator[CaseIndex]:
    idx = CaseIndex.open(tmp_path / "index")
    yield idx
    idx.close()
