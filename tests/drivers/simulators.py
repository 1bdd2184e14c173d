"""What the simulator tests of the serial kinds share: refused scenarios, a link to a pty."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, Protocol

import pydantic
import pytest

from drivers.serial_link import SerialLink


class Standalone(Protocol):
    address: str

    def close(self) -> None: ...


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
