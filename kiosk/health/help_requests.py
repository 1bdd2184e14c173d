"""Citizens' help requests that no person has acknowledged yet.

A request waits until staff acknowledge it (maintenance) or until
``health.help_request_ttl_s`` has passed: by then someone has come, or the
citizen has gone, and an alert that never clears helps nobody.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable

#: More waiting requests than this are counted as this many (a citizen pressing on and on).
MAX_KEPT = 100


class HelpRequests:
    def __init__(self, ttl_s: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.ttl_s = ttl_s
        self._clock = clock
        self._lock = threading.Lock()
        self._raised: deque[float] = deque(maxlen=MAX_KEPT)
        self._total = 0

    def raised(self) -> None:
        with self._lock:
            self._raised.append(self._clock())
            self._total += 1

    def acknowledge(self) -> int:
        """Staff came: clear every waiting request; returns how many there were."""
        with self._lock:
            n = self._waiting_locked()
            self._raised.clear()
            return n

    @property
    def waiting(self) -> int:
        with self._lock:
            return self._waiting_locked()

    @property
    def total(self) -> int:
        return self._total

    def _waiting_locked(self) -> int:
        cutoff = self._clock() - self.ttl_s
        while self._raised and self._raised[0] <= cutoff:
            self._raised.popleft()
        return len(self._raised)
