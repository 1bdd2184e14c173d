"""What the simulator tests share: scenarios, a link to a pty, the output of a standalone one."""

from __future__ import annotations

import argparse
import io
import os
import stat
import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any, Protocol

import pydantic
import pytest

from drivers.serial_link import SerialLink
from kiosk.cli import simulate as simulate_cli


class Standalone(Protocol):
    address: str

    def close(self) -> None: ...


def assert_scenarios(
    expected: set[str],
    scenarios: Mapping[str, str],
    start_standalone: Callable[[str], Any],
    settings: Callable[..., Any],
) -> None:
    """The simulator offers at least ``expected``; its settings and its standalone start
    refuse a scenario it lacks."""
    assert expected <= set(scenarios)
    assert_unknown_scenario_refused(start_standalone, settings)


def assert_unknown_scenario_refused(
    start_standalone: Callable[[str], Any], settings: Callable[..., Any]
) -> None:
    """A scenario the simulator lacks is refused by its settings and by its standalone start."""
    with pytest.raises(pydantic.ValidationError):
        settings(scenario="nope")
    with pytest.raises(ValueError, match="unknown scenario"):
        start_standalone("nope")


@contextmanager
def opened_link(address: str) -> Iterator[SerialLink]:
    """A serial link opened on ``address``; closed after."""
    link = SerialLink(address)
    link.open()
    try:
        yield link
    finally:
        link.close()


@contextmanager
def standalone_link(standalone: Standalone) -> Iterator[SerialLink]:
    """A link opened on a standalone simulator's pty (a character device); both closed after."""
    try:
        assert stat.S_ISCHR(os.stat(standalone.address).st_mode)
        with opened_link(standalone.address) as link:
            yield link
    finally:
        standalone.close()


class Lines(io.StringIO):
    """stdout stand-in for a standalone simulator: ``line`` is set once a line is complete."""

    def __init__(self) -> None:
        super().__init__()
        self.line = threading.Event()

    def write(self, text: str) -> int:
        n = super().write(text)
        if "\n" in text:
            self.line.set()
        return n


def simulate_cli_args(*argv: str) -> argparse.Namespace:
    """``kiosk simulate *argv`` parsed."""
    parser = argparse.ArgumentParser(prog="kiosk")
    simulate_cli.register(parser.add_subparsers(dest="command", required=True))
    return parser.parse_args(["simulate", *argv])


@contextmanager
def simulating(
    monkeypatch: pytest.MonkeyPatch, *argv: str, stdin: io.TextIOBase | None = None
) -> Iterator[str]:
    """``kiosk simulate *argv`` running on a thread; yields the address it prints first.

    Stopped after; it must have exited 0.
    """
    out = Lines()
    monkeypatch.setattr("sys.stdout", out)
    monkeypatch.setattr("sys.stdin", stdin if stdin is not None else io.StringIO(""))
    args = simulate_cli_args(*argv)
    stop = threading.Event()
    rc: list[int] = []
    thread = threading.Thread(target=lambda: rc.append(simulate_cli.simulate_command(args, stop)))
    thread.start()
    try:
        assert out.line.wait(10)
        yield out.getvalue().splitlines()[0]
    finally:
        stop.set()
        thread.join(10)
    assert rc == [0]
