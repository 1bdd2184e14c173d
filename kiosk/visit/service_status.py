"""What the kiosk is doing, one line for systemd (``systemctl status kiosk``).

Operations read it on the appliance, and the compositor test reads it to know which
screen is up. It names the service, never the citizen.
"""

from __future__ import annotations

from collections.abc import Callable

from kiosk.visit.events import ShowFlow, ShowGuide, ShowHome, VisitEvent

HOME = "home: waiting for a citizen"


def status_line(event: VisitEvent) -> str | None:
    """The status for a screen change, or None for events that change no screen."""
    match event:
        case ShowHome():
            return HOME
        case ShowFlow(flow):
            return f"visit: {flow.service.id}"
        case ShowGuide(service, _):
            return f"visit: {service.id} (guide)"
        case _:
            return None


def status_reporter(send: Callable[[str], object]) -> Callable[[VisitEvent], None]:
    """A visit listener that sends ``STATUS=…`` through ``send`` on each screen change."""

    def report(event: VisitEvent) -> None:
        line = status_line(event)
        if line is not None:
            send(f"STATUS={line}")

    return report
