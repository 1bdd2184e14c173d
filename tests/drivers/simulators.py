"""What the simulator tests share: scenarios, a link to a pty, the output of a standalone one."""

from __future__ import annotations

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
def standalone_link(standalone: Standalone) -> Iterator[SerialLink]:
    """A link opened on a standalone simulator's pty (a character device); both closed after."""
    try:
        assert stat.S_ISCHR(os.stat(standalone.address).st_mode)
        link = SerialLink(standalone.address)
        link.open()
        try:
            yield link
        finally:
            link.close()
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
