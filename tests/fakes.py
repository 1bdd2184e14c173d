"""In-process fake driver for tests of the kiosk core and UI (not a simulator)."""

from __future__ import annotations

from typing import ClassVar

from drivers import registry
from drivers.base import Actor, Device, DeviceState, DeviceStatus, DriverSettings


class FakeSettings(DriverSettings):
    fail_open: bool = False
    port: str = "/dev/null"


class FakeDevice(Device):
    kind = "fake"
    Settings = FakeSettings
    instances: ClassVar[list[FakeDevice]] = []

    def _open(self) -> None:
        FakeDevice.instances.append(self)
        if self.settings.fail_open:
            raise OSError("port not found")
        self._set_status(DeviceStatus.online())

    def _close(self) -> None:
        pass

    def _check_external(self) -> tuple[bool, str, str]:
        return self.status.usable, "fake external check", self.status.code

    def set_state(self, state: DeviceState, code: str = "FAKE", actor: Actor = Actor.STAFF) -> None:
        self._set_status(DeviceStatus(state, code, f"fake {state}", actor))


FAKE_DRIVERS = (
    "sam-sim",
    "camera-sim",
    "scanner-sim",
    "escpos-sim",
    "fingerprint-sim",
    "payment-sim",
)


def install_fake_drivers() -> None:
    """Register the fake under every default driver name, shadowing the real ones."""
    for name in FAKE_DRIVERS:
        registry.register(name, FakeDevice)


def remove_fake_drivers() -> None:
    for name in FAKE_DRIVERS:
        registry.unregister(name)
    FakeDevice.instances.clear()
