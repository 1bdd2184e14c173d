"""What the visitor and the walkers share: a visit's record, and the error that stops it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ui.visits.plan import VisitPlan


class VisitError(RuntimeError):
    """The scripted visit could not go on: what was expected, at which step."""


@dataclass
class VisitRecord:
    """What happened on one visit, for tests and reports (synthetic data only)."""

    service_id: str
    plan: VisitPlan
    kinds: list[str] = field(default_factory=list)  # step kinds shown, in order
    screens: list[str] = field(default_factory=list)  # names of the screens recorded
    slips: list[Any] = field(default_factory=list)  # printed documents taken
    certificates: list[bytes] = field(default_factory=list)  # A4 PDFs sent to the printer
    application_no: str | None = None
    id_number: str | None = None  # the (synthetic) number the citizen gave, to check masking
    progress: str | None = None  # what show_progress found
    phone: str | None = None  # the (synthetic) mobile number given for a text, to check masking
    ended: str | None = None  # the EndReason value
    session: Any = None  # the visit's kiosk.visit.session.Session (wiped once it ended)
