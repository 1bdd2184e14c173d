"""The control socket: 0600 in the data directory, one kiosk at a time, bounded requests."""

from __future__ import annotations

import json
import socket
import stat
from pathlib import Path

import pytest

from kiosk.health.control import ControlInUse, ControlServer, KioskNotRunning, ask


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "control.sock"


def test_only_the_owner_may_connect_and_requests_are_answered(path: Path) -> None:
    server = ControlServer(path, {"echo": lambda r: {"got": r.get("x")}}).start()
    try:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert ask(path, {"op": "echo", "x": 1}) == {"ok": True, "got": 1}
        assert ask(path, {"op": "nope"}) == {"ok": False, "error": "unknown request"}
        with socket.socket(socket.AF_UNIX) as s:  # garbage and an unended line: no crash
            s.connect(str(path))
            s.sendall(b"\x00" * 10_000)
        assert ask(path, {"op": "ping"}) == {"ok": True}
    finally:
        server.stop()
    assert not path.exists()
    with pytest.raises(KioskNotRunning):
        ask(path, {"op": "ping"})


def test_a_stale_socket_is_replaced_and_a_live_one_is_not(path: Path) -> None:
    with socket.socket(socket.AF_UNIX) as dead:
        dead.bind(str(path))  # left behind by a kiosk that died
    first = ControlServer(path, {}).start()
    try:
        with pytest.raises(ControlInUse):
            ControlServer(path, {}).start()
        assert ask(path, {"op": "ping"}) == {"ok": True}
    finally:
        first.stop()


def test_an_oversized_request_gets_no_answer(path: Path) -> None:
    server = ControlServer(path, {"echo": lambda r: {}}).start()
    try:
        with socket.socket(socket.AF_UNIX) as s:
            s.settimeout(10)
            s.connect(str(path))
            s.sendall(json.dumps({"op": "echo", "pad": "x" * 10_000}).encode() + b"\n")
            assert s.recv(100) == b""
    finally:
        server.stop()
