"""What every group of technician actions shares: the core, the session, the audit."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kiosk.app import KioskCore
    from kiosk.maintenance.mode import MaintenanceMode


class NotInSession(RuntimeError):
    """A technician action was asked for with no technician signed in."""


class Actions:
    def __init__(self, core: KioskCore, mode: MaintenanceMode) -> None:
        self.core = core
        self.mode = mode

    def _technician(self) -> str:
        if not self.mode.in_session:
            self.mode.audit.record("action", "refused", "", "no maintenance session")
            raise NotInSession("no maintenance session")
        return self.mode.technician

    def _audit(self, action: str, outcome: str, detail: str = "") -> None:
        self.mode.audit.record(action, outcome, self.mode.technician, detail)
