"""Inactivity policy: when to ask "还需要更多时间吗?" and when to end the session.

Pure logic with an injectable clock, so it is tested without Qt or waiting;
the UI polls it from a timer.
"""

from __future__ import annotations

import enum
import time
from collections.abc import Callable


class IdlePhase(enum.StrEnum):
    ACTIVE = "active"
    PROMPTING = "prompting"  # the "need more time?" prompt is showing
    EXPIRED = "expired"  # no answer: end the session


class IdleTracker:
    """Tracks the last activity; pausing covers device waits (card read, print)."""

    def __init__(
        self, idle_s: float, prompt_s: float, clock: Callable[[], float] = time.monotonic
    ) -> None:
        if prompt_s < 20:
            raise ValueError("prompt_s must be at least 20 s (WCAG 2.2.1)")
        self._clock = clock
        self.idle_s = idle_s
        self.prompt_s = prompt_s
        self._last = clock()
        self._paused = 0
        self._prompt_started: float | None = None

    def set_budget(self, idle_s: float, prompt_s: float) -> None:
        if prompt_s < 20:
            raise ValueError("prompt_s must be at least 20 s (WCAG 2.2.1)")
        self.idle_s, self.prompt_s = idle_s, prompt_s

    def touch(self) -> None:
        """The citizen did something: any prompt is answered."""
        self._last = self._clock()
        self._prompt_started = None

    def pause(self) -> None:
        """A device operation is in progress; nests."""
        self._paused += 1

    def resume(self) -> None:
        self._paused = max(0, self._paused - 1)
        if not self._paused:
            self.touch()

    @property
    def paused(self) -> bool:
        return self._paused > 0

    def poll(self) -> IdlePhase:
        now = self._clock()
        if self._paused:
            return IdlePhase.ACTIVE
        if self._prompt_started is None:
            if now - self._last < self.idle_s:
                return IdlePhase.ACTIVE
            self._prompt_started = self._last + self.idle_s
        if now - self._prompt_started < self.prompt_s:
            return IdlePhase.PROMPTING
        return IdlePhase.EXPIRED

    def prompt_seconds_left(self) -> float:
        if self._prompt_started is None:
            return self.prompt_s
        return max(0.0, self.prompt_s - (self._clock() - self._prompt_started))
