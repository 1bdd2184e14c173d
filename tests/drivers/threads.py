"""A check that a test stopped the threads it started."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def no_leftover_threads(prefixes: tuple[str, ...]) -> Iterator[None]:
    """Fails when a thread named with one of ``prefixes`` started inside still runs after."""
    before = set(threading.enumerate())
    yield
    left = [
        t.name
        for t in threading.enumerate()
        if t not in before and t.is_alive() and t.name.startswith(prefixes)
    ]
    assert not left, f"threads left running: {left}"
