"""In-process fake driver for tests of the kiosk core and UI (not a simulator)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
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


class FakeCardReader(FakeDevice):
    """The fake with an ID card reader's shape (``IdCardReader``): a read asked for is counted."""

    reads = 0

    def request_read(self) -> None:
        self.reads += 1


FAKE_DRIVERS = (
    "sam-sim",
    "camera-sim",
    "scanner-sim",
    "escpos-sim",
    "fingerprint-sim",
    "payment-sim",
    "ipp-sim",
)


def install_fake_drivers() -> None:
    """Register the fake under every default driver name, shadowing the real ones."""
    for name in FAKE_DRIVERS:
        registry.register(name, FakeCardReader if name == "sam-sim" else FakeDevice)


def remove_fake_drivers() -> None:
    for name in FAKE_DRIVERS:
        registry.unregister(name)
    FakeDevice.instances.clear()


@contextmanager
def fake_drivers_installed() -> Iterator[None]:
    """The fakes shadow the default drivers inside the block (the fixture of kiosk and UI tests)."""
    install_fake_drivers()
    try:
        yield
    finally:
        remove_fake_drivers()


class Clock:
    """A wall clock that stands still until a test moves ``now``."""

    def __init__(self, now: float = 1_800_000_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds
