"""The ``kiosk`` command line: every sub-command is listed, and loaded only when run."""

from __future__ import annotations

import pytest

from kiosk.__main__ import _command_of, build_parser, main
from kiosk.cli import COMMANDS
from tests.fresh_interpreter import modules_after


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_each_command_registers_under_its_listed_name(command: str) -> None:
    parser = build_parser(command)
    with pytest.raises(SystemExit) as exit_:
        parser.parse_args([command, "--help"])
    assert exit_.value.code == 0


def test_help_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    for command, (_, help_text) in COMMANDS.items():
        assert command in out and help_text in out


@pytest.mark.parametrize(
    ("argv", "command"),
    [
        (["--log-level", "ERROR", "config", "check"], "config"),
        (["queue", "status"], "queue"),
        (["--help"], None),
        ([], None),
    ],
)
def test_the_command_is_found_past_global_options(argv: list[str], command: str | None) -> None:
    assert _command_of(argv) == command


def test_run_does_not_load_the_technicians_tools() -> None:
    # Start-up cost: the queue and simulator commands stay out of ``kiosk run``'s parser.
    loaded = modules_after("from kiosk.__main__ import build_parser; build_parser('run')")
    tools = ["kiosk.cli.queue", "kiosk.cli.simulate", "kiosk.cli.platform_sim", "kiosk.cli.devices"]
    assert [m for m in tools if m in loaded] == []
