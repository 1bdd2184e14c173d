"""Fixtures shared by the driver tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from drivers.serial_link import PtyPort


@pytest.fixture
def pty() -> Iterator[PtyPort]:
    """A pseudo-terminal standing in for a serial device; it can be unplugged and plugged."""
    port = PtyPort("ttyTEST")
    yield port
    port.close()
