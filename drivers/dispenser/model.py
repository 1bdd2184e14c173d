"""What a card dispenser reports: slot occupancy and what became of a released card."""

from __future__ import annotations

import enum
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class SlotReading:
    """One slot as the device's own sensor sees it."""

    slot: int
    occupied: bool


class ReleaseOutcome(enum.StrEnum):
    TAKEN = "taken"  # the card reached the gate and the gate sensor saw it taken
    CAPTURED = "captured"  # not taken in time: pulled back into the capture bin
    EMPTY_SLOT = "empty_slot"  # the slot's sensor says there is no card
    JAMMED = "jammed"  # the card stuck between slot and gate
    GATE_BLOCKED = "gate_blocked"  # something sits in the gate; nothing was moved
    FAILED = "failed"  # the device refused or did not answer before moving the card
    UNCERTAIN = "uncertain"  # the link dropped after the card may have moved


@dataclass(frozen=True, slots=True)
class ReleaseResult:
    outcome: ReleaseOutcome
    slot: int
    code: str = "OK"  # the device status code behind a failure, e.g. DISPENSER_JAM
    detail: str = ""  # for logs and technicians; never personal data
