"""Technician commands: ``kiosk devices read-id|test|list`` and ``kiosk simulate``."""

from __future__ import annotations

import argparse
import json
import os
import threading
from collections.abc import Iterator

import pytest

from drivers import registry
from drivers.idcard.profiles import PROFILES
from drivers.idcard.simulator import SamSimulator
from kiosk.cli import devices as devices_cli
from kiosk.cli import simulate as simulate_cli
from tests.drivers.simulators import opened_link, simulating


def parse(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="kiosk")
    sub = parser.add_subparsers(dest="command", required=True)
    devices_cli.register(sub)
    simulate_cli.register(sub)
    return parser.parse_args(argv)


@pytest.fixture
def card_sim() -> Iterator[SamSimulator]:
    sim = SamSimulator(baud=None).start()
    sim.place_card("dot_name")
    yield sim
    sim.stop()


def test_read_id_prints_masked_fields(
    card_sim: SamSimulator, capsys: pytest.CaptureFixture[str]
) -> None:
    args = parse("devices", "read-id", "--port", card_sim.address, "--wlt-decoder", "sim")
    assert args.func(args) == 0
    out = capsys.readouterr().out
    fields = PROFILES["dot_name"].fields
    assert "阿***·***" in out and "6501**********0027" in out and "维吾尔" in out
    assert fields["id_number"] not in out and fields["name"] not in out
    assert "available" in out


def test_read_id_json_unmasked_and_card_already_read(
    card_sim: SamSimulator, capsys: pytest.CaptureFixture[str]
) -> None:
    first = parse("devices", "read-id", "--port", card_sim.address)
    assert first.func(first) == 0
    capsys.readouterr()
    # The card stays on the reader; a second read still gets it (find fails, select works).
    again = parse("devices", "read-id", "--port", card_sim.address, "--json", "--unmasked")
    assert again.func(again) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["id_number"] == PROFILES["dot_name"].fields["id_number"]
    assert data["photo"].startswith("photo unavailable")
    assert "fingerprint" in data and data["fingerprint"] == "none"


def test_read_id_without_a_card_times_out(capsys: pytest.CaptureFixture[str]) -> None:
    sim = SamSimulator(baud=None).start()
    try:
        args = parse("devices", "read-id", "--port", sim.address, "--timeout", "0.3")
        assert args.func(args) == 1
    finally:
        sim.stop()
    assert "no card" in capsys.readouterr().err


def test_read_id_on_a_missing_port(capsys: pytest.CaptureFixture[str]) -> None:
    args = parse("devices", "read-id", "--port", "/nonexistent/idcard", "--timeout", "0.3")
    assert args.func(args) == 1
    assert "DEVICE_LOST" in capsys.readouterr().err


def test_read_id_reports_an_unreadable_card(
    card_sim: SamSimulator, capsys: pytest.CaptureFixture[str]
) -> None:
    card_sim.fail_next_reads(100)
    args = parse("devices", "read-id", "--port", card_sim.address)
    assert args.func(args) == 1
    assert "SAM_READ_FAILED" in capsys.readouterr().err


@pytest.fixture
def loadable_drivers() -> Iterator[None]:
    """Stand-ins for kinds whose simulators another part of the project may not ship yet."""
    from tests.fakes import FakeDevice

    added = []
    for name in ("escpos-sim", "fingerprint-sim", "payment-sim"):
        try:
            registry.load(name)
        except Exception:
            registry.register(name, FakeDevice)
            added.append(name)
    yield
    for name in added:
        registry.unregister(name)


@pytest.mark.usefixtures("loadable_drivers")
def test_devices_test_idcard(capsys: pytest.CaptureFixture[str]) -> None:
    args = parse("devices", "test", "idcard", "--json")
    assert args.func(args) == 0
    (result,) = json.loads(capsys.readouterr().out)
    assert result["device"] == "idcard" and result["passed"] and "SAM status OK" in result["text"]


@pytest.mark.usefixtures("loadable_drivers")
def test_devices_test_unknown_kind(capsys: pytest.CaptureFixture[str]) -> None:
    args = parse("devices", "test", "nosuchkind")
    assert args.func(args) == 2
    assert "no device 'nosuchkind'" in capsys.readouterr().err


@pytest.mark.usefixtures("loadable_drivers")
def test_devices_list_shows_every_configured_device(capsys: pytest.CaptureFixture[str]) -> None:
    args = parse("devices", "list", "--json")
    args.func(args)
    rows = {r["device"]: r for r in json.loads(capsys.readouterr().out)}
    assert {"idcard", "camera", "scanner"} <= set(rows)
    assert rows["idcard"]["usable"] and rows["idcard"]["model"] == "SAM ID card reader"
    assert rows["camera"]["code"] == "OK" and rows["scanner"]["code"] == "OK"


def test_simulate_idcard_prints_its_pty_first(monkeypatch: pytest.MonkeyPatch) -> None:
    with (
        simulating(monkeypatch, "idcard", "--scenario", "card") as address,
        opened_link(address) as link,
    ):
        link.write(bytes.fromhex("aaaaaa96690003200122"))
        assert link.read_exact(15, 2.0)[9] == 0x9F  # card found


def test_simulate_scanner_scans_lines_from_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    read_fd, write_fd = os.pipe()
    stdin = os.fdopen(read_fd, "r")
    try:
        with simulating(monkeypatch, "scanner", stdin=stdin) as address:
            try:
                with opened_link(address) as link:
                    os.write(write_fd, b"CODE-1\n")
                    assert link.read_exact(7, 5.0) == b"CODE-1\r"
            finally:
                os.close(write_fd)  # EOF ends the stdin reader
    finally:
        for reader in threading.enumerate():
            if reader.name == "simulate-stdin":
                reader.join(10)
        stdin.close()


def test_simulate_lists_scenarios_and_refuses_unknown_ones(
    capsys: pytest.CaptureFixture[str],
) -> None:
    args = parse("simulate", "camera", "--list")
    assert args.func(args) == 0
    assert "liveness" in capsys.readouterr().out
    args = parse("simulate", "idcard", "--scenario", "nope")
    assert args.func(args) == 2
    assert "unknown scenario" in capsys.readouterr().err


def test_simulate_names_a_missing_simulator(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    real_import = simulate_cli.importlib.import_module

    def fake_import(name: str) -> object:
        if name == "drivers.payment.on_simulator":
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
        return real_import(name)

    monkeypatch.setattr(simulate_cli.importlib, "import_module", fake_import)
    args = parse("simulate", "payment")
    assert args.func(args) == 2
    assert "no simulator for 'payment'" in capsys.readouterr().err
