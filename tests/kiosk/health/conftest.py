from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.app import KioskCore
from kiosk.config.schema import KioskConfig, load_config
from tests.fakes import FakeDevice
from tests.sites import DEMO_PLATFORM, write_site


def config_with(tmp_path: Path, health: str) -> KioskConfig:
    site = write_site(tmp_path, f"{DEMO_PLATFORM}[health]\n{health}\n")
    return load_config(site)


@pytest.fixture
def core(tmp_path: Path) -> Iterator[KioskCore]:
    """The core on fake devices, the queue and the platform simulator, health on a free port."""
    kiosk = KioskCore(config_with(tmp_path, 'listen = "127.0.0.1:0"'))
    kiosk.start()
    yield kiosk
    kiosk.stop()


def fake(core: KioskCore, name: str) -> FakeDevice:
    device = core.devices.get(name)
    assert isinstance(device, FakeDevice)
    return device
