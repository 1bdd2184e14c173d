"""Booting a real systemd as PID 1 in a throw-away container made of this machine's /usr.

``systemd-nspawn --volatile=yes -D /`` gives a tmpfs root with the host's /usr read-only;
the container's /etc is a folder the caller prepared (a copy of the host's plus what it
adds), and whatever else it needs is bound in. No machined or system bus is needed on
the host (``--register=no``), so it works where the tests run, as root.
"""

from __future__ import annotations

import shutil
import signal
import subprocess
from dataclasses import dataclass
from pathlib import Path

NSPAWN = shutil.which("systemd-nspawn")


@dataclass(frozen=True)
class Bind:
    """``source`` on the host seen at ``target`` in the container."""

    source: Path
    target: str
    read_only: bool = False

    def option(self) -> str:
        return f"--bind{'-ro' if self.read_only else ''}={self.source}:{self.target}"


def copy_host_etc(dest: Path) -> Path:
    """A writable copy of the host's /etc at ``dest`` (the container's /etc)."""
    shutil.copytree("/etc", dest, symlinks=True, ignore_dangling_symlinks=True)
    return dest


def enable(etc: Path, unit_text: str, name: str, target: str = "multi-user.target") -> None:
    """Install ``unit_text`` as ``name`` in the container and pull it into ``target``."""
    system = etc / "systemd" / "system"
    (system / name).write_text(unit_text, encoding="utf-8")
    wants = system / f"{target}.wants"
    wants.mkdir(exist_ok=True)
    link = wants / name
    link.unlink(missing_ok=True)
    link.symlink_to(f"/etc/systemd/system/{name}")


def boot(etc: Path, binds: list[Bind], timeout_s: float) -> str:
    """Boot to the default target and wait for the container to power itself off.

    Returns the console output. The container has its own network namespace (only
    loopback), so what it listens on never meets the host's ports. After ``timeout_s``
    it is asked to power off (SIGTERM to nspawn), then killed.
    """
    assert NSPAWN, "systemd-nspawn is missing: apt-get install systemd-container"
    argv = [
        NSPAWN,
        "--quiet",
        "--register=no",
        "--keep-unit",
        "--volatile=yes",
        "--private-network",
        "--directory=/",
        "--console=pipe",
        f"--bind={etc}:/etc",
        *(b.option() for b in binds),
        "--boot",
    ]
    proc = subprocess.Popen(
        argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL
    )
    try:
        out, _ = proc.communicate(timeout=timeout_s)
    except subprocess.TimeoutExpired:
        proc.send_signal(signal.SIGTERM)  # nspawn turns it into the container's poweroff
        try:
            out, _ = proc.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            out, _ = proc.communicate()
        return out.decode(errors="replace") + f"\n[container did not power off in {timeout_s} s]"
    return out.decode(errors="replace")
