"""``kiosk simulate dispenser`` and ``kiosk devices test dispenser``."""

from __future__ import annotations

import pytest

from drivers.dispenser import protocol as p
from drivers.dispenser.on_simulator import SCENARIOS, start_standalone
from drivers.dispenser.settings import SimulatedDispenserSettings
from drivers.serial_link import SerialLink
from kiosk.__main__ import main
from tests.drivers.simulators import assert_scenarios, opened_link, simulating, standalone_link

FAULTS = {"jam", "empty_slot", "gate_blocked", "not_taken", "taken_late", "bin_full"}


def test_scenarios_cover_every_fault() -> None:
    assert_scenarios(
        FAULTS | {"loaded", "empty"}, SCENARIOS, start_standalone, SimulatedDispenserSettings
    )


def test_simulate_list_names_the_scenarios(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["simulate", "dispenser", "--list"]) == 0
    out = capsys.readouterr().out
    assert all(name in out for name in FAULTS)


def test_standalone_answers_the_protocol_on_its_pty() -> None:
    with standalone_link(start_standalone("gate_blocked")) as link:
        link.write(p.encode_command(p.Cmd.STATUS, p.PM_WITH_SLOTS))
        items = _read_items(link, 2)
        assert items[0] is p.Control.ACK
        assert isinstance(items[1], p.Frame)
        status = p.decode_reply(items[1]).status
        assert status is not None and status.gate_card and status.occupied[0]


def test_simulate_prints_its_pty_first(monkeypatch: pytest.MonkeyPatch) -> None:
    with (
        simulating(monkeypatch, "dispenser", "--scenario", "jam") as address,
        opened_link(address) as link,
    ):
        link.write(p.encode_command(p.Cmd.VERSION))
        items = _read_items(link, 2)
        assert isinstance(items[1], p.Frame)
        assert b"SIM-K720" in p.decode_reply(items[1]).extra


def test_devices_test_dispenser_passes_on_the_default_config(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["devices", "test", "dispenser", "--settle", "5"]) == 0
    assert "dispenser: PASS [OK]" in capsys.readouterr().out


def _read_items(link: SerialLink, n: int) -> list[p.Frame | p.Control | p.BadFrame]:
    parser = p.FrameParser()
    items: list[p.Frame | p.Control | p.BadFrame] = []
    for _ in range(100):
        items += parser.feed(link.read_some(0.1))
        if len(items) >= n:
            break
    return items
