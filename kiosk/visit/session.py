"""A citizen's visit: one service, its personal data, and how it ends.

Personal data gathered during a visit lives only in the session's
:class:`SessionData` and is wiped when the session ends, however it ends.
"""

from __future__ import annotations

import enum
import logging
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

log = logging.getLogger(__name__)


class EndReason(enum.StrEnum):
    COMPLETED = "completed"
    CANCELLED = "cancelled"
    TIMEOUT = "timeout"
    SHUTDOWN = "shutdown"


class SessionData:
    """Personal data of one visit; ``wipe`` zeroes mutable buffers and drops the rest.

    Python strings cannot be zeroed in place, so sensitive binary data (photos,
    fingerprint templates) should be stored as ``bytearray`` and is overwritten;
    everything else is dereferenced.
    """

    def __init__(self) -> None:
        self._items: dict[str, Any] = {}

    def __setitem__(self, key: str, value: Any) -> None:
        self._items[key] = value

    def __getitem__(self, key: str) -> Any:
        return self._items[key]

    def get(self, key: str, default: Any = None) -> Any:
        return self._items.get(key, default)

    def __contains__(self, key: object) -> bool:
        return key in self._items

    def __len__(self) -> int:
        return len(self._items)

    def __repr__(self) -> str:  # never show the values
        return f"SessionData(keys={sorted(self._items)})"

    def wipe(self) -> None:
        for value in self._items.values():
            _scrub(value)
        self._items.clear()


def _scrub(value: Any) -> None:
    if isinstance(value, bytearray):
        value[:] = bytes(len(value))
    elif hasattr(value, "wipe") and callable(value.wipe):
        value.wipe()
    elif isinstance(value, dict):
        for v in value.values():
            _scrub(v)
        value.clear()
    elif isinstance(value, list):
        for v in value:
            _scrub(v)
        value.clear()
    else:
        try:  # numpy arrays (camera frames)
            import numpy as np

            if isinstance(value, np.ndarray) and value.flags.writeable:
                value.fill(0)
        except ImportError:  # pragma: no cover - numpy is a dependency
            pass


@dataclass
class Session:
    service_id: str
    id: str = field(default_factory=lambda: str(uuid.uuid4()))
    started_at: float = field(default_factory=time.time)
    data: SessionData = field(default_factory=SessionData)
    ended: EndReason | None = None


SessionListener = Callable[[Session, EndReason], None]


class SessionManager:
    """At most one session at a time; ending one always wipes it."""

    def __init__(self) -> None:
        self._current: Session | None = None
        self._listeners: list[SessionListener] = []
        self._lock = threading.Lock()
        self.counts: dict[str, int] = {"started": 0} | {r.value: 0 for r in EndReason}

    @property
    def current(self) -> Session | None:
        return self._current

    def add_end_listener(self, listener: SessionListener) -> None:
        self._listeners.append(listener)

    def start(self, service_id: str) -> Session:
        if self._current is not None:
            self.end(EndReason.CANCELLED)
        session = Session(service_id)
        with self._lock:
            self._current = session
            self.counts["started"] += 1
        log.info("session started", extra={"service": service_id, "session": session.id})
        return session

    def end(self, reason: EndReason) -> Session | None:
        """End the current session (if any), wipe its data, tell listeners."""
        with self._lock:
            session, self._current = self._current, None
            if session is None:
                return None
            self.counts[reason.value] += 1
        session.ended = reason
        try:
            for listener in list(self._listeners):
                try:
                    listener(session, reason)
                except Exception:
                    log.exception("session end listener failed")
        finally:
            session.data.wipe()
        log.info(
            "session ended",
            extra={"service": session.service_id, "session": session.id, "reason": str(reason)},
        )
        return session
