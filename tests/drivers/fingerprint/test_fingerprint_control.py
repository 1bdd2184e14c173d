"""Driving the fingerprint simulator from outside: control socket, standalone, kiosk simulate."""

from __future__ import annotations

import argparse
import io
import os
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from drivers.base import StatusChanged
from drivers.fingerprint import on_simulator as fp_sim
from drivers.fingerprint.model import CaptureRetry, RetryReason
from drivers.fingerprint.on_simulator import SimulatedFingerprintReader
from drivers.fingerprint.simulator import FINGER_A, FingerprintSimulator, send_command
from kiosk.cli.simulate import simulate_command
from tests.drivers.fingerprint.fp_helpers import Background, Recorder

MakeReader = Callable[..., tuple[SimulatedFingerprintReader, Recorder]]


def test_control_socket_places_fingers_and_unplugs(make_reader: MakeReader, tmp_path: Path) -> None:
    path = str(tmp_path / "fp.sock")
    reader, rec = make_reader(control_socket=path)
    call = Background(lambda: reader.capture(timeout_s=10))
    assert reader.simulator.wait_for_reader(5)
    assert send_command(path, "RETRY 1") == "OK"
    assert send_command(path, f"SCAN {FINGER_A}") == "OK"
    capture = call.join()
    assert capture.retries == 1
    assert rec.of(CaptureRetry)[0].reason is RetryReason.TOO_SHORT
    reader.simulator.place_finger(finger=FINGER_A)
    assert reader.verify(capture.template, timeout_s=5).matched
    assert send_command(path, "UNPLUG") == "OK"
    rec.wait_status("DEVICE_LOST")
    assert send_command(path, "PLUG") == "OK"
    rec.wait(StatusChanged, lambda e: e.status.code == "OK" and e.previous.code == "DEVICE_LOST")
    reader.close()
    assert not os.path.exists(path)


def test_control_commands_refuse_nonsense() -> None:
    sim = FingerprintSimulator()
    assert sim.command("DANCE").startswith("ERROR")
    assert sim.command("").startswith("ERROR")
    assert sim.command("RETRY x").startswith("ERROR")
    assert sim.command("SCAN").startswith("ERROR")  # no finger named
    assert sim.command("POOR someone") == "OK"
    assert sim.pending_touches() == 1


def test_standalone_simulator_serves_its_control_socket() -> None:
    standalone = fp_sim.start_standalone("manual")
    try:
        assert os.path.exists(standalone.address)
        assert send_command(standalone.address, "UNPLUG") == "OK"
        assert not standalone.simulator.plugged
        standalone.scan("PLUG")
        assert standalone.simulator.plugged
    finally:
        standalone.close()
    assert not os.path.exists(standalone.address)
    with pytest.raises(ValueError):
        fp_sim.start_standalone("no-such-scenario")


def test_kiosk_simulate_fingerprint_prints_the_socket_first(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))  # typed commands: none
    stop = threading.Event()
    stop.set()  # serve, print, then stop at once
    args = argparse.Namespace(kind="fingerprint", scenario="no_finger", list=False, config=None)
    assert simulate_command(args, stop) == 0
    first = capsys.readouterr().out.splitlines()[0]
    assert first.endswith("control.sock")
    args = argparse.Namespace(kind="fingerprint", scenario=None, list=True, config=None)
    assert simulate_command(args) == 0
    listed = capsys.readouterr().out
    assert all(name in listed for name in fp_sim.SCENARIOS)
