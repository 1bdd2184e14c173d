"""Driver lookup through the kiosk.drivers entry-point group."""

from __future__ import annotations

from importlib.metadata import entry_points

import pytest

from drivers import registry
from drivers.base import Device
from tests.fresh_interpreter import modules_after


def test_project_drivers_are_registered_as_entry_points() -> None:
    names = {ep.name for ep in entry_points(group=registry.ENTRY_POINT_GROUP)}
    for kind_sim in (
        "sam-sim",
        "scanner-sim",
        "camera-sim",
        "escpos-sim",
        "fingerprint-sim",
        "payment-sim",
        "ipp-sim",
    ):
        assert kind_sim in names


def test_every_registered_driver_loads_as_a_device() -> None:
    for name in registry.names():
        cls = registry.load(name)
        assert issubclass(cls, Device), name


def test_unknown_driver() -> None:
    with pytest.raises(registry.UnknownDriverError) as info:
        registry.load("no-such-driver")
    assert "no-such-driver" in str(info.value)
    assert "sam-sim" in info.value.known


class Local(Device):
    """A driver registered in-process, not through an entry point."""

    def _open(self) -> None: ...
    def _close(self) -> None: ...
    def _check_external(self) -> tuple[bool, str, str]:
        return True, "", "OK"


def test_in_process_registration_shadows_and_unregisters() -> None:
    registry.register("local-test", Local)
    try:
        assert registry.load("local-test") is Local
        assert "local-test" in registry.names()
    finally:
        registry.unregister("local-test")
    with pytest.raises(registry.UnknownDriverError):
        registry.load("local-test")
    with pytest.raises(TypeError):
        registry.register("bad", object)  # type: ignore[arg-type]


def test_every_project_driver_declares_its_settings_apart() -> None:
    declared = {ep.name for ep in entry_points(group=registry.SETTINGS_GROUP)}
    assert declared == {ep.name for ep in entry_points(group=registry.ENTRY_POINT_GROUP)}


@pytest.mark.parametrize("name", registry.names())
def test_declared_settings_are_the_drivers_own(name: str) -> None:
    assert registry.load_settings(name) is registry.load(name).Settings


def test_settings_of_unknown_or_in_process_drivers() -> None:
    with pytest.raises(registry.UnknownDriverError):
        registry.load_settings("no-such-driver")
    registry.register("local-settings", Local)
    try:
        assert registry.load_settings("local-settings") is Local.Settings
    finally:
        registry.unregister("local-settings")


def test_validating_the_default_configuration_loads_no_driver() -> None:
    # Start-up: the settings modules are enough; drivers, simulators, numpy and
    # OpenCV are loaded behind the painted home screen.
    loaded = modules_after("from kiosk.config.schema import load_config; load_config()")
    heavy = {"numpy", "cv2", "httpx", "escpos"}
    drivers = (".on_simulator", ".sam", ".simulator", ".escpos_printer")
    assert sorted(m for m in loaded if m in heavy or m.endswith(drivers)) == []
