"""The heartbeat to the platform: the newest snapshot wins.

One background thread and one pending slot. Every ``heartbeat_s`` the thread
builds a fresh body and puts it in the slot, replacing whatever was there: an
older body that could not be sent is dropped, never queued behind a newer one.
A platform outage therefore grows nothing (one body at most waits) and the
first success after it sends only the newest. ``poke()`` asks for a fresh
heartbeat now (a citizen asked for help: operations should know before the
next tick). Nothing of it goes through the offline queue.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any

log = logging.getLogger(__name__)

Body = dict[str, Any]
#: After a failed send, try again this soon (never later than the next tick).
RETRY_S = 10.0


class HeartbeatSender:
    def __init__(
        self,
        build: Callable[[], Body],
        send: Callable[[Body], None],
        interval_s: float,
        *,
        retry_s: float = RETRY_S,
        clock: Callable[[], float] = time.monotonic,
        wall_clock: Callable[[], float] = time.time,
    ) -> None:
        self._build = build
        self._send = send
        self.interval_s = interval_s
        self.retry_s = min(retry_s, interval_s)
        self._clock = clock
        self._wall = wall_clock
        self._cond = threading.Condition()
        self._slot: Body | None = None
        self._next_tick = clock()  # the first heartbeat goes out at start
        self._retry_at = 0.0
        self._stopping = False
        self._thread: threading.Thread | None = None
        self.last_success: float | None = None
        """Wall-clock time of the last heartbeat the platform took."""
        self.sent = 0
        self.failed = 0

    # ------------------------------------------------------------ control

    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="heartbeat", daemon=True)
            self._thread.start()

    def stop(self, timeout: float = 15.0) -> None:
        """Stop after the send in progress (bounded by the client's own deadline)."""
        with self._cond:
            self._stopping = True
            self._cond.notify_all()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    def offer(self, body: Body) -> None:
        """Put ``body`` in the slot, dropping an older one that waits there."""
        with self._cond:
            self._slot = body
            self._retry_at = 0.0
            self._cond.notify_all()

    def poke(self) -> None:
        """Build and send a fresh heartbeat now rather than at the next tick."""
        with self._cond:
            self._next_tick = self._clock()
            self._cond.notify_all()

    @property
    def pending(self) -> int:
        """Bodies waiting to be sent: 0 or 1, whatever happened to the platform."""
        with self._cond:
            return 0 if self._slot is None else 1

    # ------------------------------------------------------------ one step

    def pump(self) -> float:
        """Build if a tick is due, send what waits if due; returns seconds until the next step.

        The thread calls this in a loop; tests call it directly.
        """
        now = self._clock()
        with self._cond:
            tick_due = now >= self._next_tick
            if tick_due:
                self._next_tick = now + self.interval_s
        if tick_due:
            try:
                self.offer(self._build())
            except Exception:
                log.exception("heartbeat snapshot failed")
        with self._cond:
            body = self._slot if self._slot is not None and now >= self._retry_at else None
        if body is not None:
            self._try_send(body)
        with self._cond:
            return self._wait_locked()

    def _wait_locked(self) -> float:
        wake = self._next_tick
        if self._slot is not None:
            wake = min(wake, self._retry_at)
        return max(0.0, wake - self._clock())

    def _try_send(self, body: Body) -> None:
        try:
            self._send(body)
        except Exception as exc:
            self.failed += 1
            log.info("heartbeat not taken", extra={"error": type(exc).__name__})
            with self._cond:
                if self._slot is body:  # a newer body replaces it; this one is not retried
                    self._retry_at = self._clock() + self.retry_s
            return
        self.sent += 1
        self.last_success = self._wall()
        with self._cond:
            if self._slot is body:
                self._slot = None

    def _run(self) -> None:
        while True:
            with self._cond:
                if self._stopping:
                    return
            self.pump()
            with self._cond:  # decided under the lock: a poke or offer is never missed
                if self._stopping:
                    return
                wait = self._wait_locked()
                if wait > 0:
                    self._cond.wait(wait)
