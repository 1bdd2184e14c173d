"""The audit decorator: one line before the command, naming the real operator."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from kiosk.__main__ import main
from kiosk.cli.audit import audited, operator


def test_operator_is_the_sudo_caller(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SUDO_USER", "bob")
    assert operator() == "bob"
    monkeypatch.delenv("SUDO_USER")
    assert operator()  # the terminal's login or the account; never empty


def test_no_audit_line_no_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ran: list[bool] = []

    @audited("queue retry")
    def command(args: argparse.Namespace) -> int:
        ran.append(True)
        return 0

    blocker = tmp_path / "file"
    blocker.write_text("")  # the data directory would have to be inside a file
    assert command(argparse.Namespace(data_dir=blocker / "data")) == 2
    assert not ran and "cannot write the audit log" in capsys.readouterr().err


def test_a_state_changing_queue_command_is_audited(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SUDO_USER", "carol")
    data = tmp_path / "data"
    main(["queue", "retry", "--all", "--data-dir", str(data)])
    main(["queue", "status", "--data-dir", str(data)])  # shows counts only: not audited
    lines = [json.loads(x) for x in (data / "audit.log").read_text().splitlines()]
    assert [(e["operator"], e["command"]) for e in lines] == [("carol", "queue retry")]
