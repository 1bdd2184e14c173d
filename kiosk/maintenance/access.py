"""The way in: the hidden gesture, a technician's badge, and the PIN behind both.

Nothing here hints that a way in exists: a code that is not a badge of a
configured technician is an ordinary scan, and a wrong technician id fails
exactly like a wrong PIN (and costs the same hash).
"""

from __future__ import annotations

import enum
import re
import time
from collections.abc import Callable
from dataclasses import dataclass

from kiosk.config.maintenance import GestureSettings, MaintenanceSettings
from kiosk.maintenance.audit import AuditTrail
from kiosk.maintenance.lockout import Lockout
from kiosk.maintenance.pins import hash_pin, verify_pin

#: Longest entry the pad takes (id or PIN); more is key mashing, refused unchecked.
MAX_ENTRY = 12


class TapGesture:
    """``taps`` taps in the corner within ``window_s``; any tap elsewhere starts over."""

    def __init__(
        self, settings: GestureSettings, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.settings = settings
        self._clock = clock
        self._taps: list[float] = []

    def tap(self, in_corner: bool) -> bool:
        """One tap; True when it completes the gesture (which then starts over)."""
        if not in_corner:
            self._taps.clear()
            return False
        now = self._clock()
        self._taps = [t for t in self._taps if now - t <= self.settings.window_s] + [now]
        if len(self._taps) >= self.settings.taps:
            self._taps.clear()
            return True
        return False


def badge_technician(code: str, settings: MaintenanceSettings) -> str | None:
    """The technician whose badge ``code`` is, or None (then it is an ordinary scan)."""
    if len(code) > 64:
        return None
    match = re.fullmatch(settings.badge_pattern, code)
    tech = match.group("id") if match is not None else None
    return tech if tech is not None and tech in settings.technicians else None


class Outcome(enum.StrEnum):
    OK = "ok"
    WRONG = "wrong"  # wrong id or PIN; the pad may now be locked
    LOCKED = "locked"  # refused unchecked: the pad is locked


@dataclass(frozen=True, slots=True)
class Attempt:
    outcome: Outcome
    technician: str  # the known technician, "" for an unknown id
    locked_for_s: float = 0.0


class PinCheck:
    """Checks one PIN attempt against the lockout and audits it (one record per attempt)."""

    def __init__(self, settings: MaintenanceSettings, lockout: Lockout, audit: AuditTrail) -> None:
        self.settings = settings
        self.lockout = lockout
        self.audit = audit
        self._decoy: str | None = None

    def attempt(self, technician: str, pin: str, via: str) -> Attempt:
        known = technician if technician in self.settings.technicians else ""
        left = self.lockout.seconds_left()
        if left > 0:
            self.audit.record("pin", "refused_locked", known, f"via {via}")
            return Attempt(Outcome.LOCKED, known, left)
        encoded = self.settings.technicians.get(technician) or self._decoy_hash()
        sane = 0 < len(pin) <= MAX_ENTRY and 0 < len(technician) <= MAX_ENTRY
        if sane and verify_pin(pin, encoded) and known:
            self.lockout.succeeded()
            self.audit.record("pin", "ok", known, f"via {via}")
            return Attempt(Outcome.OK, known)
        lock_s = self.lockout.failed()
        detail = f"via {via}" + ("" if known else ", unknown technician id")
        if lock_s:
            detail += f", pad locked {lock_s:.0f} s"
        self.audit.record("pin", "wrong_locked" if lock_s else "wrong", known, detail)
        return Attempt(Outcome.WRONG, known, lock_s)

    def _decoy_hash(self) -> str:
        # An unknown id costs a hash like a known one: the time taken tells nothing.
        if self._decoy is None:
            self._decoy = hash_pin("908172")
        return self._decoy
