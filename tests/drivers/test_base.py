"""The common device model: status events only on change, health levels, failures."""

from __future__ import annotations

import itertools
import threading

import pytest

from drivers.base import (
    Actor,
    Device,
    DeviceEvent,
    DeviceState,
    DeviceStatus,
    DeviceTimeout,
    DriverSettings,
    HealthLevel,
    StatusChanged,
)


class Settings(DriverSettings):
    answer: bool = True


class Probe(Device):
    kind = "probe"
    Settings = Settings

    def _open(self) -> None:
        self._set_status(DeviceStatus.online())

    def _close(self) -> None:
        pass

    def _check_external(self) -> tuple[bool, str, str]:
        if not self.settings.answer:
            raise DeviceTimeout("no answer in 1 s")
        return True, "answered", "OK"


def test_status_events_only_on_change() -> None:
    dev = Probe()
    events: list[DeviceEvent] = []
    dev.add_listener(events.append)
    dev.open()
    dev._set_status(DeviceStatus.online())  # same again: no event
    paper = DeviceStatus(DeviceState.PAPER_OUT, "PRINTER_PAPER_OUT", "add paper", Actor.STAFF)
    dev._set_status(paper)
    dev.close()
    assert [e.status.state for e in events if isinstance(e, StatusChanged)] == [
        DeviceState.ONLINE,
        DeviceState.PAPER_OUT,
        DeviceState.CLOSED,
    ]
    assert events[1] == StatusChanged(DeviceStatus.online(), paper)


def test_a_failing_listener_does_not_stop_the_others() -> None:
    dev = Probe()
    seen: list[DeviceEvent] = []

    def bad(_: DeviceEvent) -> None:
        raise RuntimeError("bug")

    dev.add_listener(bad)
    dev.add_listener(seen.append)
    dev.open()
    assert len(seen) == 1


def test_usable_states() -> None:
    assert DeviceStatus(DeviceState.PAPER_LOW).usable
    assert DeviceStatus(DeviceState.CARD_PRESENT).usable
    for state in (
        DeviceState.PAPER_OUT,
        DeviceState.COVER_OPEN,
        DeviceState.OFFLINE,
        DeviceState.ERROR,
        DeviceState.CLOSED,
    ):
        assert not DeviceStatus(state).usable


def test_health_levels_and_typed_errors() -> None:
    dev = Probe(Settings(answer=False))
    assert not dev.health_check(HealthLevel.INTERNAL).passed  # closed
    dev.open()
    internal = dev.health_check(HealthLevel.INTERNAL)
    assert internal.passed and internal.level is HealthLevel.INTERNAL
    external = dev.health_check(HealthLevel.EXTERNAL)
    assert not external.passed and external.code == "DEVICE_TIMEOUT"
    assert "no answer" in external.text


def test_settings_reject_unknown_keys() -> None:
    with pytest.raises(ValueError):
        Settings.model_validate({"answr": True})


def test_status_is_consistent_under_concurrent_updates() -> None:
    dev = Probe()
    events: list[DeviceEvent] = []
    dev.add_listener(events.append)
    states = [DeviceState.ONLINE, DeviceState.BUSY]

    def flip(i: int) -> None:
        for n in range(200):
            dev._set_status(DeviceStatus(states[(n + i) % 2]))

    threads = [threading.Thread(target=flip, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    changes = [e for e in events if isinstance(e, StatusChanged)]
    for a, b in itertools.pairwise(changes):
        assert a.status == b.previous  # a chain: no change lost or duplicated
    assert changes[-1].status == dev.status


def test_describe_holds_no_more_than_status_and_identity() -> None:
    dev = Probe()
    dev.open()
    assert dev.describe() == {
        "kind": "probe",
        "driver": "Probe",
        "state": "online",
        "code": "OK",
        "detail": "",
        "actor": "none",
        "usable": True,
        "model": "",
        "serial": "",
        "firmware": "",
    }
