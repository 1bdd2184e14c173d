"""What the visit controller tells its screen: plain values, rendered by the UI.

The controller decides, the screen only draws: each event says what to show or
say now. Texts travel as keys (``Notice.key``, ``Say.key``) so that the words and
their translation stay with the UI.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from kiosk.visit.session import EndReason

if TYPE_CHECKING:
    from kiosk.config.schema import Service, Text
    from kiosk.flow.engine import Flow
    from kiosk.flow.service_availability import ServiceAvailability
    from kiosk.visit.help import HelpAnswer


@dataclass(frozen=True)
class ShowHome:
    """The home screen; the visit's speech stops with it."""


@dataclass(frozen=True)
class ShowFlow:
    """A service's steps; a screen that binds its pages to the flow may start it."""

    flow: Flow


@dataclass(frozen=True)
class ShowGuide:
    """The service's guide instead of its steps (a step kind this build lacks)."""

    service: Service
    where: Text  # the hall's address


@dataclass(frozen=True)
class IdlePrompt:
    """The "还需要更多时间吗?" prompt, with the seconds left before the visit ends."""

    seconds_left: float


@dataclass(frozen=True)
class HideIdlePrompt:
    pass


@dataclass(frozen=True)
class Notice:
    """A short home-screen notice (reprint results); ``None`` clears it."""

    key: str | None


@dataclass(frozen=True)
class Reminders:
    """What the home screen asks to be taken: the card on the reader, the slip in the outlet."""

    card: bool
    slip: bool


@dataclass(frozen=True)
class ReprintAvailable:
    available: bool


@dataclass(frozen=True)
class Say:
    """Speak the prompt with this key."""

    key: str


@dataclass(frozen=True)
class SetLanguage:
    language: str


@dataclass(frozen=True)
class TextSize:
    """长辈版 on or off."""

    large: bool


@dataclass(frozen=True)
class Availability:
    """Which services can be used now, and why not."""

    services: dict[str, ServiceAvailability]


@dataclass(frozen=True)
class HelpCalled:
    """Staff were called (True) or the help button may be used again (False)."""

    called: bool


@dataclass(frozen=True)
class HelpDialog:
    """Staff were called: what happens now, or that nobody is on site, and the alternatives."""

    answer: HelpAnswer


@dataclass(frozen=True)
class TakeItems:
    """A full-screen, spoken, flashing prompt to take the card from the reader and the slip
    from the outlet, as the visit ends; both False hides it (taken, dismissed, or timed out)."""

    card: bool
    slip: bool


@dataclass(frozen=True)
class VisitEnded:
    reason: EndReason


VisitEvent = (
    ShowHome
    | ShowFlow
    | ShowGuide
    | IdlePrompt
    | HideIdlePrompt
    | Notice
    | Reminders
    | ReprintAvailable
    | Say
    | SetLanguage
    | TextSize
    | Availability
    | HelpCalled
    | HelpDialog
    | TakeItems
    | VisitEnded
)
