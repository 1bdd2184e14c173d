"""The ``[maintenance]`` table: who may service the kiosk at the kiosk, and how.

Pydantic only, like ``capture.py``. PINs are never configured in the clear: each
technician id maps to a hash made by ``kiosk pin-hash``; anything else is
refused here, so ``kiosk config check`` names the technician (never the value).
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from kiosk.maintenance.pins import is_pin_hash

#: Technician ids are typed on the numeric PIN pad after the hidden gesture.
TechnicianId = Annotated[str, Field(pattern=r"^[0-9]{2,8}$")]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, validate_default=True)


class GestureSettings(_Model):
    """The hidden entry: ``taps`` taps in one corner within ``window_s`` seconds."""

    corner: Literal["top_left", "top_right", "bottom_left", "bottom_right"] = "top_left"
    taps: int = Field(5, ge=3, le=12)
    window_s: float = Field(3.0, ge=1, le=10)
    corner_mm: float = Field(20.0, ge=8, le=60)
    """Side of the square in the corner where taps count."""


class LockoutSettings(_Model):
    """Wrong PINs in a row lock the pad; each further failure doubles the lock."""

    failures: int = Field(5, ge=3, le=20)
    first_lock_s: float = Field(60.0, ge=10, le=3600)
    max_lock_s: float = Field(86_400.0, ge=60, le=7 * 86_400)


class MaintenanceSettings(_Model):
    technicians: dict[TechnicianId, str] = Field(default_factory=dict)
    """Technician id → PIN hash (``kiosk pin-hash``). Empty: nobody can enter."""
    badge_pattern: str = r"^MNT-(?P<id>[0-9]{2,8})$"
    """A scanned code is a badge when it matches and its ``id`` group is a technician."""
    session_idle_s: float = Field(600.0, ge=60, le=3600)
    """A maintenance session ends after this long without input."""
    gesture: GestureSettings = Field(default_factory=GestureSettings)
    lockout: LockoutSettings = Field(default_factory=LockoutSettings)
    restart_command: list[str] = Field(
        default_factory=lambda: ["systemctl", "restart", "kiosk.service"], min_length=1
    )
    reboot_command: list[str] = Field(default_factory=lambda: ["systemctl", "reboot"], min_length=1)
    command_timeout_s: float = Field(30.0, ge=1, le=300)

    @field_validator("badge_pattern")
    @classmethod
    def _badge_pattern(cls, value: str) -> str:
        try:
            pattern = re.compile(value)
        except re.error as exc:
            raise ValueError(f"not a regular expression: {exc}") from None
        if "id" not in pattern.groupindex:
            raise ValueError("needs a named group (?P<id>...) for the technician id")
        return value

    @field_validator("technicians", mode="before")
    @classmethod
    def _hashed_pins(cls, value: Any) -> Any:
        # Before type checks, and naming the technician only: a plain PIN (even one
        # written as a TOML number) must never be echoed back in an error.
        if isinstance(value, dict):
            for tech_id, pin_hash in value.items():
                if not (isinstance(pin_hash, str) and is_pin_hash(pin_hash)):
                    raise ValueError(
                        f"technician {tech_id!r}: not a PIN hash (make one with `kiosk pin-hash`)"
                    )
        return value
