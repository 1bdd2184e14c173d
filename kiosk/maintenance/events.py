"""What maintenance mode tells its screens: plain values, drawn by ``ui/maintenance``."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class AskPin:
    """Open the PIN pad; ``technician`` is known from a badge, "" asks for the id first."""

    technician: str


@dataclass(frozen=True)
class PinRefused:
    """Wrong id or PIN, or the pad is locked for ``locked_for_s`` more seconds."""

    locked_for_s: float


@dataclass(frozen=True)
class WaitingForVisit:
    """The PIN was right; a visit past its point of no return finishes first."""

    service_id: str


@dataclass(frozen=True)
class ShowConsole:
    technician: str


@dataclass(frozen=True)
class ShowOutOfService:
    """The citizen screen: out of service, where to go instead.

    ``visit_ended``: a citizen's visit was just ended for maintenance (say so).
    ``message``: the technician's words for citizens, if any. ``problems``: why the
    kiosk could not go back into service (device and queue codes, for staff).
    """

    visit_ended: bool = False
    message: str = ""
    problems: tuple[str, ...] = ()


@dataclass(frozen=True)
class ShowService:
    """Back in service: the citizen screens as they were."""


@dataclass(frozen=True)
class Checking:
    """The health checks before leaving are running."""


MaintenanceEvent = (
    AskPin | PinRefused | WaitingForVisit | ShowConsole | ShowOutOfService | ShowService | Checking
)
