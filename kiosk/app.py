"""The kiosk's core, without Qt: configuration, devices, sessions."""

from __future__ import annotations

import logging
from typing import Any

from kiosk.availability import ServiceAvailability, service_availability
from kiosk.config import KioskConfig
from kiosk.devices import DeviceManager
from kiosk.idle import IdleTracker
from kiosk.left_card import LeftCardGuard
from kiosk.receipts import LastSlip
from kiosk.session import EndReason, SessionManager
from kiosk.slip_reminder import SlipReminder

log = logging.getLogger(__name__)


class KioskCore:
    """Everything a front end needs; the UI is one such front end, the CLI another."""

    def __init__(
        self,
        config: KioskConfig,
        devices: DeviceManager | None = None,
        *,
        start_queue: bool = True,
    ) -> None:
        self.config = config
        self.devices = devices if devices is not None else DeviceManager(config)
        self.sessions = SessionManager()
        self.idle = IdleTracker(config.timeouts.idle_s, config.timeouts.prompt_s)
        self.start_queue = start_queue
        self.queue: Any = None  # offline_queue.service.QueueService once started
        self.outbox: Any = None  # offline_queue.outbox.Outbox once started
        self.platform: Any = None  # offline_queue.client.PlatformClient
        self.last_slip = LastSlip()
        self.slip_reminder = SlipReminder()
        # The next visit never reads a card the last one left on the reader.
        self.left_card = LeftCardGuard(self.devices)
        self.sessions.add_end_listener(self.left_card.session_ended)
        self.devices.add_listener(self.left_card.device_event)
        self.services: dict[str, Any] = {  # for the flows
            "last_slip": self.last_slip,
            "slip_reminder": self.slip_reminder,
            "left_card": self.left_card,
        }

    def start(self) -> None:
        """Open the devices and bring up the queue (a failure disables, never stops, the kiosk)."""
        self.devices.open_all()
        if self.start_queue:
            self._start_queue()
            self._open_case_index()

    def _start_queue(self) -> None:
        # Here, not at the top: the queue stack (httpx, sqlite, crypto) loads off the first paint.
        from offline_queue.service import QueueService

        data_dir = self.config.kiosk.resolved_data_dir()
        try:
            data_dir.mkdir(parents=True, exist_ok=True)
            self.queue = QueueService.start(
                self.config.queue, self.config.platform, self.config.kiosk.id, data_dir
            )
        except Exception as exc:
            # Cases cannot be taken without the queue: services that submit show it.
            log.error("queue not started", extra={"error": f"{type(exc).__name__}: {exc}"})
            return
        self.outbox = self.queue.outbox
        self.platform = self.queue.client

    def _open_case_index(self) -> None:
        from kiosk.case_index import CaseIndex

        try:
            self.services["case_index"] = CaseIndex.open(self.config.kiosk.resolved_data_dir())
        except Exception as exc:
            # Progress by ID card says it is unavailable; the slip's code still works.
            log.error("case index not opened", extra={"error": f"{type(exc).__name__}: {exc}"})

    def stop(self) -> None:
        self.sessions.end(EndReason.SHUTDOWN)
        self.devices.close_all()
        if self.queue is not None:
            self.queue.stop()
            self.queue = None
        index = self.services.pop("case_index", None)
        if index is not None:
            index.close()

    def request_help(self, step: str = "") -> str | None:
        """A citizen asked for staff: log it for the hall's alerting and queue it.

        Returns the queued transaction id, or None when the queue cannot take it
        (the log line still reaches operations). Carries no personal data.
        """
        session = self.sessions.current
        context = {
            "kiosk_id": self.config.kiosk.id,
            "service_id": session.service_id if session else "",
            "step": step,
        }
        log.warning("help requested", extra=context)
        if self.outbox is None or not self.outbox.accepting:
            return None
        try:
            return str(self.outbox.submit("help_request", context).id)
        except Exception:
            log.exception("help request not queued")
            return None

    def availability(self) -> dict[str, ServiceAvailability]:
        return service_availability(self.config.services, self.devices.status())

    def idle_budget(self, large_type: bool) -> tuple[float, float]:
        """(idle seconds, prompt seconds) for the current text mode."""
        t = self.config.timeouts
        factor = t.large_type_factor if large_type else 1.0
        return t.idle_s * factor, t.prompt_s * factor
