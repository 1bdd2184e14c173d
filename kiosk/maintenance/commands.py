"""Restart the app, reboot the machine: configured argv lists, run through a runner.

Tests inject a runner that records the command instead of running it.
"""

from __future__ import annotations

import logging
import subprocess
from collections.abc import Callable, Sequence

log = logging.getLogger(__name__)

#: Runs ``argv`` with a deadline; returns its exit status (non-zero: did not work).
CommandRunner = Callable[[Sequence[str], float], int]


def run_command(argv: Sequence[str], timeout_s: float) -> int:
    try:
        done = subprocess.run(
            list(argv),
            timeout=timeout_s,
            check=False,
            capture_output=True,
            stdin=subprocess.DEVNULL,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        log.error("maintenance command failed", extra={"error": type(exc).__name__})
        return -1
    return done.returncode


class RecordingRunner:
    """Records each command and answers ``status`` (tests, the demo): nothing is executed."""

    def __init__(self, status: int = 0) -> None:
        self.commands: list[list[str]] = []
        self.status = status

    def __call__(self, argv: Sequence[str], timeout_s: float) -> int:
        self.commands.append(list(argv))
        return self.status
