"""The timed part of a simulator scenario (cards placed, codes scanned, cables pulled).

Each ``on_simulator`` driver runs its scenario's loops on daemon threads that
stop together when the driver closes; the unplug/replug cycle is the same for
every kind of device.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Protocol

#: The unplug_replug scenario: plugged in this long, then unplugged this long.
PLUGGED_S = 4.0
UNPLUGGED_S = 2.0


class Pluggable(Protocol):
    def unplug(self) -> None: ...

    def replug(self) -> None: ...


class ScenarioThreads:
    """Loops of one scenario; :meth:`wait` is their sleep and says when to end."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []

    def spawn(self, target: Callable[[], None]) -> None:
        if not self._threads:
            self._stop.clear()  # started again after a stop
        thread = threading.Thread(target=target, name=self.name, daemon=True)
        thread.start()
        self._threads.append(thread)

    def wait(self, seconds: float) -> bool:
        """Sleep up to ``seconds``; True when the loops must end."""
        return self._stop.wait(seconds)

    def stop(self) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout=5)
        self._threads.clear()

    def unplug_replug(self, device: Pluggable) -> None:
        """Pull the device's cable every few seconds and plug it back, until stopped."""

        def cycle() -> None:
            while not self.wait(PLUGGED_S):
                device.unplug()
                if self.wait(UNPLUGGED_S):
                    return
                device.replug()

        self.spawn(cycle)
