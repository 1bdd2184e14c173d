from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.app import KioskCore
from kiosk.config.schema import KioskConfig, load_config
from tests.fakes import FakeDevice
from tests.sites import DEMO_PLATFORM


def config_with(tmp_path: Path, health: str) -> KioskConfig:
    site = tmp_path / "site.toml"
    site.write_text(f"{DEMO_PLATFORM}[health]\n{health}\n", encoding="utf-8")
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
