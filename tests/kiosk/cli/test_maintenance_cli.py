"""`kiosk pin-hash`, `kiosk maintenance audit`, and `kiosk config check` refusing a plain PIN."""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
from pathlib import Path

import pytest

from kiosk.cli import config_cmd, maintenance, pin_hash
from kiosk.maintenance.audit import FILE_NAME, AuditTrail
from kiosk.maintenance.pins import verify_pin
from tests.fakes import Clock
from tests.sites import write_site


def parse(module: object, *argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="kiosk")
    sub = parser.add_subparsers(dest="command", required=True)
    module.register(sub)  # type: ignore[attr-defined]
    return parser.parse_args(argv)


class Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_pin_hash_from_a_pipe_prints_one_line_to_paste(capsys: pytest.CaptureFixture[str]) -> None:
    args = parse(pin_hash, "pin-hash", "--technician", "07")
    assert pin_hash.pin_hash_command(args, io.StringIO("204817\n")) == 0
    out, err = capsys.readouterr()
    key, value = out.strip().split(" = ")
    assert key == '"07"' and verify_pin("204817", json.loads(value))
    assert "204817" not in out + err


def test_pin_hash_at_a_terminal_reads_twice_without_echo(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    answers = iter(["204817", "204871"])
    monkeypatch.setattr(pin_hash.getpass, "getpass", lambda prompt: next(answers))
    assert pin_hash.pin_hash_command(parse(pin_hash, "pin-hash"), Tty()) == 2
    assert "differ" in capsys.readouterr().err


@pytest.mark.parametrize("pin", ["12345", "111111", "123456", "654321", "abcdef", ""])
def test_pin_hash_refuses_short_and_trivial_pins(
    pin: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert pin_hash.pin_hash_command(parse(pin_hash, "pin-hash"), io.StringIO(pin + "\n")) == 2
    out, err = capsys.readouterr()
    assert out == "" and "refused" in err


def test_config_check_refuses_a_plain_pin_without_repeating_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = write_site(tmp_path, '[maintenance.technicians]\n"07" = "204817"\n"12" = 730592\n')
    assert config_cmd.check_command(parse(config_cmd, "config", "check", str(site))) == 2
    err = capsys.readouterr().err
    assert "maintenance.technicians" in err and "not a PIN hash" in err
    assert "204817" not in err and "730592" not in err


def test_audit_lists_the_local_trail_since_a_time(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KIOSK_DATA_DIR", str(tmp_path))
    clock = Clock(dt.datetime(2026, 12, 1, 9).astimezone().timestamp())
    trail = AuditTrail(tmp_path, "K1", lambda: None, clock)
    trail.record("pin", "wrong")
    clock.now += 86_400
    trail.record("pin", "ok", "07")
    trail.record("enter", "ok", "07")
    with (tmp_path / FILE_NAME).open("a") as fh:
        fh.write('{"at": "2026-12-02T10:0')  # a line torn by a power cut
    args = parse(maintenance, "maintenance", "audit", "--since", "2026-12-02", "--json")
    assert maintenance.audit_command(args) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [(r["action"], r["outcome"], r["technician"]) for r in rows] == [
        ("pin", "ok", "07"),
        ("enter", "ok", "07"),
    ]
    assert maintenance.audit_command(parse(maintenance, "maintenance", "audit")) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 3 and "wrong" in lines[0]


def test_audit_refuses_a_since_it_cannot_read(capsys: pytest.CaptureFixture[str]) -> None:
    args = parse(maintenance, "maintenance", "audit", "--since", "last tuesday")
    assert maintenance.audit_command(args) == 2
    assert "--since" in capsys.readouterr().err


def test_an_age_counts_back_from_now() -> None:
    now = dt.datetime(2026, 12, 3, 12).astimezone()
    assert maintenance.parse_since("24h", now) == now - dt.timedelta(days=1)
    assert maintenance.parse_since("90m", now) == now - dt.timedelta(minutes=90)
