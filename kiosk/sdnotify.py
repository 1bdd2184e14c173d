"""systemd readiness and watchdog notifications (no-op without NOTIFY_SOCKET).

The protocol is a datagram of ``KEY=value`` lines to ``$NOTIFY_SOCKET``; it is
documented as stable, so a few lines replace a dependency.
"""

from __future__ import annotations

import os
import socket


def notify(message: str) -> bool:
    """Send ``message`` (e.g. ``READY=1``); False when not under systemd or on failure."""
    address = os.environ.get("NOTIFY_SOCKET")
    if not address:
        return False
    if address.startswith("@"):  # abstract namespace
        address = "\0" + address[1:]
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM | socket.SOCK_CLOEXEC) as sock:
            sock.connect(address)
            sock.sendall(message.encode())
    except OSError:
        return False
    return True


def watchdog_interval_s() -> float | None:
    """Half the watchdog timeout systemd asked for, or None when there is none."""
    usec = os.environ.get("WATCHDOG_USEC")
    pid = os.environ.get("WATCHDOG_PID")
    # Under the compositor, systemd's main PID is the compositor and the app is its child.
    for_us = not pid or pid == str(os.getpid()) or os.environ.get("KIOSK_UNDER_COMPOSITOR") == "1"
    if not usec or not for_us:
        return None
    try:
        return int(usec) / 2 / 1_000_000
    except ValueError:
        return None
