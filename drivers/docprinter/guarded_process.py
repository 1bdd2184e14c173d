"""A helper program that ends when the process that started it ends, even by SIGKILL.

The program runs under a small ``sh`` guard whose standard input is a pipe from
the owner. When the owner closes it, or dies and the kernel closes it, the guard
stops the program (and may remove its folder), so a killed kiosk leaves no
printer simulator or D-Bus daemon behind. The guard prints the program's pid
first, so the owner can signal the program itself (SIGSTOP to make it hang).
"""

from __future__ import annotations

import contextlib
import os
import select
import signal
import subprocess
from collections.abc import Mapping, Sequence
from pathlib import Path

_GUARD = """
exec 3<&0
"$@" </dev/null 3<&- >>"$GUARD_LOG" 2>&1 &
child=$!
echo "$child"
(
  cat <&3 >/dev/null
  kill -CONT "$child" 2>/dev/null
  kill -TERM "$child" 2>/dev/null
  if [ -n "$GUARD_REMOVE" ]; then rm -rf "$GUARD_REMOVE"; fi
) &
exec 3<&-
wait "$child"
"""

_PID_WAIT_S = 5.0


class GuardedProcess:
    """``argv`` under the guard, output appended to ``log``."""

    def __init__(
        self,
        argv: Sequence[str],
        *,
        log: Path,
        cwd: Path,
        env: Mapping[str, str] | None = None,
        remove_when_orphaned: Path | None = None,
    ) -> None:
        guard_env = {
            **(env if env is not None else os.environ),
            "GUARD_LOG": str(log),
            "GUARD_REMOVE": str(remove_when_orphaned or ""),
        }
        self._shell = subprocess.Popen(
            ["/bin/sh", "-c", _GUARD, "guard", *argv],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=guard_env,
            cwd=cwd,
        )
        self.pid = self._read_pid()

    def _read_pid(self) -> int:
        assert self._shell.stdout is not None
        ready, _, _ = select.select([self._shell.stdout], [], [], _PID_WAIT_S)
        line = self._shell.stdout.readline() if ready else b""
        if not line.strip().isdigit():
            self.end()
            raise OSError("the process guard did not start its program")
        return int(line)

    @property
    def alive(self) -> bool:
        """True while the program runs (the guard waits for it, then exits)."""
        return self._shell.poll() is None

    def send_signal(self, sig: signal.Signals) -> None:
        if self.alive:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, sig)

    def end(self, timeout_s: float = 5.0) -> None:
        """Stop the program and wait for it. Safe to call twice."""
        if self._shell.stdin is not None and not self._shell.stdin.closed:
            self._shell.stdin.close()  # the guard's watcher stops the program
        try:
            self._shell.wait(timeout_s)
        except subprocess.TimeoutExpired:
            self.send_signal(signal.SIGKILL)
            self._shell.kill()
            self._shell.wait(timeout_s)
        if self._shell.stdout is not None:
            self._shell.stdout.close()
