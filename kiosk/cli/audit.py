"""One audit line per technician command that shows personal data or changes state.

The line names the real operator (sudo's ``SUDO_USER``, else the login name of the
terminal, else the account running), the command and the time; never an option's
value, which could be personal data. It goes to ``<data dir>/audit.log`` (mode 0600,
appended) and to the system log (authpriv), BEFORE the command runs: a command whose
line cannot be written does not run.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import pwd
import sys
import syslog
import time
from collections.abc import Callable
from pathlib import Path

from kiosk.config import paths

Command = Callable[[argparse.Namespace], int]

AUDIT_FILE = "audit.log"


def operator() -> str:
    """Who is at the keyboard: the sudo caller, the terminal's login, or the account."""
    sudo_user = os.environ.get("SUDO_USER", "")
    if sudo_user:
        return sudo_user
    try:
        return os.getlogin()
    except OSError:  # no controlling terminal (a script, a service)
        pass
    try:
        return pwd.getpwuid(os.getuid()).pw_name
    except KeyError:
        return f"uid {os.getuid()}"


def audit_file(args: argparse.Namespace) -> Path:
    given: Path | None = getattr(args, "data_dir", None)
    return (given if given else paths.default_data_dir()) / AUDIT_FILE


def write_line(path: Path, command: str) -> None:
    """Append the audit line to ``path`` (created 0600) and send it to the system log."""
    entry = {
        "ts": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "operator": operator(),
        "uid": os.getuid(),
        "command": command,
        "pid": os.getpid(),
    }
    line = json.dumps(entry, ensure_ascii=False)
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_CLOEXEC, 0o600)
    try:
        os.write(fd, (line + "\n").encode("utf-8"))
        os.fsync(fd)
    finally:
        os.close(fd)
    syslog.openlog("kiosk-audit", 0, syslog.LOG_AUTHPRIV)
    syslog.syslog(syslog.LOG_NOTICE, line)


def audited(command: str) -> Callable[[Command], Command]:
    """Decorate a ``kiosk`` sub-command function: audit line first, then the command."""

    def wrap(func: Command) -> Command:
        @functools.wraps(func)
        def run(args: argparse.Namespace) -> int:
            path = audit_file(args)
            try:
                write_line(path, command)
            except OSError as exc:
                print(
                    f"kiosk {command}: cannot write the audit log {path} "
                    f"({exc.strerror or exc}); not run",
                    file=sys.stderr,
                )
                return 2
            return func(args)

        return run

    return wrap
