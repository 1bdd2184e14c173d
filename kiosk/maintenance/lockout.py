"""Wrong PINs lock the pad, on disk, so a restart or a power cut does not lift the lock.

After ``failures`` wrong PINs in a row the pad locks for ``first_lock_s``; each
further wrong PIN (tried once the lock has run out) locks it twice as long as the
last, up to ``max_lock_s``. A right PIN clears it. No PIN is checked while the
pad is locked, so a flood of guesses neither counts nor costs a hash.

The state is a small JSON file (mode 0600) replaced atomically. Wall-clock time
is kept, since a monotonic clock restarts with the machine; a clock set back
cannot stretch a lock past ``max_lock_s``. An unreadable file fails closed: the
pad is locked as after the first lockout.
"""

from __future__ import annotations

import json
import logging
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from kiosk.config.maintenance import LockoutSettings

log = logging.getLogger(__name__)

FILE_NAME = "maintenance-lockout.json"


@dataclass(frozen=True, slots=True)
class LockState:
    failures: int = 0  # wrong PINs in a row
    locked_until: float = 0.0  # epoch seconds


def write_private(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` atomically; the file is readable by its owner only."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.write(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(tmp, path)
    dir_fd = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(dir_fd)  # the rename itself survives a power cut
    finally:
        os.close(dir_fd)


class Lockout:
    def __init__(
        self, data_dir: Path, settings: LockoutSettings, clock: Callable[[], float] = time.time
    ) -> None:
        self.path = data_dir / FILE_NAME
        self.settings = settings
        self._clock = clock
        self._state = self._load()

    @property
    def state(self) -> LockState:
        return self._state

    def seconds_left(self) -> float:
        """How long the pad stays locked (0: a PIN may be tried)."""
        left = self._state.locked_until - self._clock()
        return max(0.0, min(left, self.settings.max_lock_s))

    def failed(self) -> float:
        """Count a wrong PIN; returns the lock it starts in seconds (0: none yet)."""
        failures = self._state.failures + 1
        lock_s = 0.0
        beyond = failures - self.settings.failures
        if beyond >= 0:
            lock_s = min(
                self.settings.first_lock_s * 2 ** min(beyond, 32), self.settings.max_lock_s
            )
        self._save(LockState(failures, self._clock() + lock_s if lock_s else 0.0))
        return lock_s

    def succeeded(self) -> None:
        if self._state != LockState():
            self._save(LockState())

    def _save(self, state: LockState) -> None:
        self._state = state
        doc = {"failures": state.failures, "locked_until": state.locked_until}
        try:
            write_private(self.path, json.dumps(doc).encode())
        except OSError as exc:
            # Still enforced in memory for as long as this process runs.
            log.error("lockout state not saved", extra={"error": type(exc).__name__})

    def _load(self) -> LockState:
        try:
            doc = json.loads(self.path.read_bytes())
            failures, until = doc["failures"], doc["locked_until"]
            if not (isinstance(failures, int) and isinstance(until, int | float) and failures >= 0):
                raise ValueError("bad fields")
            return LockState(failures, float(until))
        except FileNotFoundError:
            return LockState()
        except (OSError, ValueError, KeyError, TypeError) as exc:
            log.warning("lockout state unreadable: locking", extra={"error": type(exc).__name__})
            return LockState(self.settings.failures, self._clock() + self.settings.first_lock_s)
