"""A thread-safe list of callbacks: devices and their manager tell several listeners."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, Generic, TypeVar

L = TypeVar("L", bound=Callable[..., Any])


class Listeners(Generic[L]):
    """Added and removed from any thread. Copy on write: a caller iterates a snapshot
    outside the lock, so a listener may add or remove listeners itself.
    """

    def __init__(self) -> None:
        self._items: tuple[L, ...] = ()
        self._lock = threading.Lock()

    def add(self, listener: L) -> None:
        with self._lock:
            self._items = (*self._items, listener)

    def remove(self, listener: L) -> None:
        """Remove ``listener`` once; one never added is ignored."""
        with self._lock:
            items = list(self._items)
            if listener in items:
                items.remove(listener)
                self._items = tuple(items)

    def snapshot(self) -> tuple[L, ...]:
        return self._items
