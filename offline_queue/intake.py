"""Whether the queue can take new cases, and if not, why (stable UPPER_SNAKE codes).

Codes, most severe first (the reported one is the most severe active):

    CLOSED          the outbox was closed
    DB_CORRUPT      the database is damaged (with ``on_corrupt = "refuse"``, or found at run time)
    DB_UNAVAILABLE  the database cannot be opened (permissions, not a queue file)
    KEY_MISSING     no key file, and undelivered rows need the old key: restore it
    KEY_UNREADABLE  the key file is malformed or unreadable
    DISK_FULL       a write failed for lack of space
    DB_LOCKED       another process held the database longer than ``lock_wait_s``
    WRITE_FAILED    a write failed for another I/O reason
    WAL_CEILING     the WAL is above its ceiling and a checkpoint could not shrink it
    DISK_LOW        less than ``min_free_bytes`` left: cases already started still commit
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass

log = logging.getLogger(__name__)

SEVERITY = (
    "CLOSED",
    "DB_CORRUPT",
    "DB_UNAVAILABLE",
    "KEY_MISSING",
    "KEY_UNREADABLE",
    "DISK_FULL",
    "DB_LOCKED",
    "WRITE_FAILED",
    "WAL_CEILING",
    "DISK_LOW",
)


@dataclass(frozen=True)
class Availability:
    """``accepting`` is False while any problem is active; ``code`` names the worst one."""

    accepting: bool
    code: str = "OK"
    detail: str = ""


class AvailabilityTracker:
    """Thread-safe set of active problems; listeners hear every change of the reported state."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._problems: dict[str, str] = {}
        self._current = Availability(True)
        self._listeners: list[Callable[[Availability], None]] = []

    def add_listener(self, callback: Callable[[Availability], None]) -> None:
        self._listeners.append(callback)

    @property
    def current(self) -> Availability:
        return self._current

    def has(self, code: str) -> bool:
        return code in self._problems

    def set(self, code: str, detail: str = "") -> None:
        with self._lock:
            self._problems[code] = detail
        self._publish()

    def clear(self, *codes: str) -> None:
        with self._lock:
            if not any(c in self._problems for c in codes):
                return
            for c in codes:
                self._problems.pop(c, None)
        self._publish()

    def _publish(self) -> None:
        with self._lock:
            worst = min(self._problems, key=_rank, default=None)
            new = (
                Availability(True)
                if worst is None
                else Availability(False, worst, self._problems[worst])
            )
            changed = new != self._current
            self._current = new
        if changed:
            if new.accepting:
                log.info("queue accepting again")
            elif new.code == "CLOSED":
                log.info("queue closed")
            else:
                log.warning("queue not accepting: %s %s", new.code, new.detail)
            for cb in list(self._listeners):
                try:
                    cb(new)
                except Exception:
                    log.exception("availability listener failed")


def _rank(code: str) -> int:
    return SEVERITY.index(code) if code in SEVERITY else len(SEVERITY)
