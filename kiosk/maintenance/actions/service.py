"""Consumables and service: paper replaced, out of service, recent logs, configuration, restart."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from drivers.base import HealthLevel
from kiosk.maintenance.actions.base import Actions
from kiosk.maintenance.commands import CommandRunner, run_command
from kiosk.maintenance.recent_logs import RecentLogs

if TYPE_CHECKING:
    from kiosk.app import KioskCore
    from kiosk.maintenance.mode import MaintenanceMode

#: Messages for citizens a technician picks while the kiosk is out of service.
MESSAGES = ("maintenance", "printer", "network", "payment", "camera")


class ServiceActions(Actions):
    def __init__(
        self,
        core: KioskCore,
        mode: MaintenanceMode,
        runner: CommandRunner = run_command,
        logs: RecentLogs | None = None,
    ) -> None:
        super().__init__(core, mode)
        self.runner = runner
        self.logs = logs if logs is not None else RecentLogs.installed()

    def paper_replaced(self, name: str = "printer") -> str:
        """A new roll is in: the paper-low state is re-read (the simulator's roll refilled)."""
        self._technician()
        device = self.core.devices.get(name)
        if device is None:
            self._audit("paper_replaced", "failed", f"{name}: not open")
            return "NOT_OPEN"
        model = getattr(getattr(device, "simulator", None), "model", None)
        if model is not None and hasattr(model, "set_paper"):
            from drivers.printer.model import PaperLevel

            model.set_paper(PaperLevel.OK)
        result = device.health_check(HealthLevel.EXTERNAL)  # asks the printer, updates status
        self.mode.checks.put(name, result)
        code = device.status.code
        self._audit("paper_replaced", "ok" if result.passed else "failed", f"{name}: {code}")
        return code

    def print_readiness_report(self, name: str = "printer") -> str:
        """The daily readiness report (every device's last checks, the queue) as a slip."""
        from kiosk.health.readiness_report import readiness_slip

        self._technician()
        printer = self.core.flow_devices.printer()
        if printer is None or not printer.status.usable:
            code = "NOT_OPEN" if printer is None else printer.status.code
            self._audit("readiness_report", "failed", f"{name}: {code}")
            return code
        outcome = printer.print_slip(readiness_slip(self.core.health.snapshot()))
        code = "PRINTED" if outcome.printed else outcome.code
        self._audit("readiness_report", "ok" if outcome.printed else "failed", f"{name}: {code}")
        return code

    def out_of_service(self, on: bool, message: str = "") -> None:
        """Keep the kiosk out of service after this session, with a message for citizens."""
        self._technician()
        self.mode.set_out_of_service(on, message if message in MESSAGES else "maintenance")

    def recent_logs(self, n: int = 100) -> list[str]:
        self._technician()
        lines = self.logs.lines(n)
        self._audit("logs_view", "ok", f"{len(lines)} lines")
        return lines

    def effective_config(self) -> str:
        """The configuration in force, secrets and PIN hashes hidden, services left out."""
        self._technician()
        doc: dict[str, Any] = self.core.config.model_dump(mode="json", exclude={"services"})
        doc["maintenance"]["technicians"] = {k: "<hash>" for k in doc["maintenance"]["technicians"]}
        text = json.dumps(_hide_secrets(doc), ensure_ascii=False, indent=2)
        self._audit("config_view", "ok")
        return text

    def restart_app(self) -> int:
        return self._command("restart", self.core.config.maintenance.restart_command)

    def reboot(self) -> int:
        return self._command("reboot", self.core.config.maintenance.reboot_command)

    def _command(self, action: str, argv: list[str]) -> int:
        self._technician()
        status = self.runner(argv, self.core.config.maintenance.command_timeout_s)
        self._audit(action, "ok" if status == 0 else "failed", f"exit {status}")
        return status


_SECRET_WORDS = ("token", "secret", "password", "api_key", "key_hex")


def _hide_secrets(value: Any, key: str = "") -> Any:
    """Values under secret-sounding keys are shown as <hidden> (names of files stay visible)."""
    if isinstance(value, dict):
        return {k: _hide_secrets(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_hide_secrets(v, key) for v in value]
    if any(word in key for word in _SECRET_WORDS) and not key.endswith("_file") and value:
        return "<hidden>"
    return value
