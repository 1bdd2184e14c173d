"""A thread-safe list of callbacks: devices and their manager tell several listeners."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, Generic, TypeVar

L = TypeVar("L", bound=Callable[..., Any])


class Listeners(Generic[L]):
    """Added and removed from any thread; called from a copy, outside the lock, so a
    listener may add or remove listeners itself.
    """

    def __init__(self) -> None:
        self._items: list[L] = []
        self._lock = threading.Lock()

    def add(self, listener: L) -> None:
        with self._lock:
            self._items.append(listener)

    def remove(self, listener: L) -> None:
        """Remove ``listener``; one never added is ignored."""
        with self._lock:
            if listener in self._items:
                self._items.remove(listener)

    def snapshot(self) -> list[L]:
        with self._lock:
            return list(self._items)
