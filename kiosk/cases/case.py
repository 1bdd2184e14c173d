"""The case a flow builds up: public payload and personal data, kept apart."""

from __future__ import annotations

from typing import Any

from kiosk.visit.session import SessionData


def add_to_case(
    data: SessionData, payload: dict[str, Any] | None = None, pii: dict[str, Any] | None = None
) -> None:
    """Merge into ``case.payload`` (sent as is) and ``case.pii`` (encrypted at rest)."""
    if payload:
        data["case.payload"] = {**data.get("case.payload", {}), **payload}
    if pii:
        data["case.pii"] = {**data.get("case.pii", {}), **pii}


def applicant(data: SessionData) -> dict[str, Any]:
    """What is known of the applicant so far (personal: for masked display only)."""
    return dict(data.get("case.pii", {}))


def drop_from_case(data: SessionData, pii: tuple[str, ...] = ()) -> None:
    """Forget personal fields the citizen took back (a number no longer wanted)."""
    data["case.pii"] = {k: v for k, v in data.get("case.pii", {}).items() if k not in pii}
