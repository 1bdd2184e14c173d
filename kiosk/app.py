"""The kiosk's core, without Qt: configuration, devices, sessions."""

from __future__ import annotations

import logging
import threading
from typing import TYPE_CHECKING

from hostio.malloc_tuning import return_freed_memory
from kiosk.cases.receipts import LastSlip
from kiosk.config.schema import KioskConfig
from kiosk.devices import DeviceManager
from kiosk.flow.card_inventory import DemoCardInventory
from kiosk.flow.devices import FlowDevices
from kiosk.flow.service_availability import (
    ServiceAvailability,
    StepNeeds,
    service_availability,
    step_needs,
)
from kiosk.flow.services import FlowServices
from kiosk.health.service import HealthService
from kiosk.visit.idle import IdleTracker
from kiosk.visit.left_card import LeftCardGuard
from kiosk.visit.session import EndReason, SessionManager
from kiosk.visit.slip_reminder import SlipReminder
from kiosk.visit.visit_counts import FILE_NAME, ServiceVisitCounts

if TYPE_CHECKING:
    from kiosk.payments.journal import PaymentJournal
    from offline_queue.client import PlatformClient
    from offline_queue.outbox import Outbox
    from offline_queue.service import QueueService

log = logging.getLogger(__name__)

#: How often open fees of earlier visits are looked at again (gateway or platform were down).
RECOVERY_EVERY_S = 300.0


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
        self.queue: QueueService | None = None  # once started
        self.outbox: Outbox | None = None
        self.platform: PlatformClient | None = None
        self.last_slip = LastSlip()
        self.slip_reminder = SlipReminder()
        # The next visit never reads a card the last one left on the reader.
        self.left_card = LeftCardGuard(self.devices)
        self.sessions.add_end_listener(self.left_card.session_ended)
        self.devices.add_listener(self.left_card.device_event)
        # The home screen's order: the services most used here first, across restarts.
        self.visit_counts = ServiceVisitCounts(
            config.kiosk.resolved_data_dir() / FILE_NAME, (s.id for s in config.services)
        )
        self.sessions.add_end_listener(self.visit_counts.session_ended)
        #: Each step kind's devices, known once the step modules are loaded (``start``);
        #: until then a service's declared devices alone decide (nothing is open yet).
        self.step_needs: StepNeeds = {}
        self._stopping = threading.Event()
        self._recovery: threading.Thread | None = None
        self._stock_check: threading.Thread | None = None
        #: What the flows use (FlowEnv.devices, FlowEnv.services); the stores join as they open.
        self.flow_devices = FlowDevices(self.devices)
        self.flow_services = FlowServices(
            last_slip=self.last_slip, slip_reminder=self.slip_reminder, left_card=self.left_card
        )
        self.flow_services.staff_alert = self.request_help  # a card captured at the gate
        if self.config.platform.simulate:  # the simulator's demo cards, until staff load real ones
            self.flow_services.card_inventory = DemoCardInventory()
        # Snapshot, heartbeat, device checks; maintenance mode will hand it its own mode.
        self.health = HealthService(self)

    def start(self) -> None:
        """Open the devices and bring up the queue (a failure disables, never stops, the kiosk)."""
        # Before the device and queue threads: each visit's frames, photos and PDFs are
        # given back when freed, so months of visits do not leave the kiosk's memory grown.
        return_freed_memory()
        self.step_needs = step_needs()  # off the first paint: start runs behind it
        self.devices.open_all()
        if self.start_queue:
            self._start_queue()
            self._open_case_index()
            self._open_payment_journal()
            self._open_card_inventory()
            self._check_dispenser_stock()
        self.health.start()

    def _open_card_inventory(self) -> None:
        """Which application's card is in which slot (the simulator keeps its demo cards)."""
        dispenser = self.flow_devices.dispenser()
        if self.config.platform.simulate or dispenser is None:
            return
        from kiosk.collection.inventory import SlotInventory

        try:
            self.flow_services.card_inventory = SlotInventory.in_data_dir(
                self.config.kiosk.resolved_data_dir(), dispenser.slot_count
            )
        except Exception as exc:
            # The collection step says it cannot check the card; other services go on.
            log.error("card inventory not opened", extra={"error": f"{type(exc).__name__}: {exc}"})

    def _check_dispenser_stock(self) -> None:
        from kiosk.collection.stock_check import start_stock_check

        data_dir = self.config.kiosk.resolved_data_dir()
        self._stock_check = start_stock_check(self.flow_devices.dispenser(), data_dir)

    def _open_payment_journal(self) -> None:
        from kiosk.payments.journal import NoJournal, PaymentJournal

        try:
            journal = PaymentJournal.open(self.config.kiosk.resolved_data_dir())
        except Exception as exc:
            # No fee can be taken without it (the payment step says so); free services go on.
            log.error("payment journal not opened", extra={"error": f"{type(exc).__name__}: {exc}"})
            self.flow_services.payment_journal = NoJournal()
            return
        self.flow_services.payment_journal = journal
        self._recovery = threading.Thread(
            target=self._recover_payments, args=(journal,), name="payment-recovery", daemon=True
        )
        self._recovery.start()

    def _recover_payments(self, journal: PaymentJournal) -> None:
        """Settle fees an earlier run left open, now and every few minutes while any stay open."""
        from kiosk.payments.recovery import PaymentRecovery

        recovery = PaymentRecovery(
            journal,
            self.outbox,
            self.flow_devices.payment(),
            self.platform,
            self.config.kiosk.id,
            kept_delivered_s=self.config.queue.retention_days * 86_400,
        )
        while not self._stopping.is_set():
            session = self.sessions.current
            live = session.data.get("payment.order_no") if session is not None else None
            try:
                recovery.run(exclude={live} if live else ())
            except Exception:
                log.exception("payment recovery pass failed")
            if self._stopping.wait(RECOVERY_EVERY_S):
                return

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
        from kiosk.cases.index import CaseIndex

        try:
            self.flow_services.case_index = CaseIndex.open(self.config.kiosk.resolved_data_dir())
        except Exception as exc:
            # Progress by ID card says it is unavailable; the slip's code still works.
            log.error("case index not opened", extra={"error": f"{type(exc).__name__}: {exc}"})

    def stop(self) -> None:
        self._stopping.set()
        self.sessions.end(EndReason.SHUTDOWN)
        self.health.stop()
        if self._recovery is not None:
            self._recovery.join(timeout=30)  # a gateway call in flight finishes first
            self._recovery = None
        if self._stock_check is not None:
            self._stock_check.join(timeout=10)
            self._stock_check = None
        self.devices.close_all()
        if self.queue is not None:
            self.queue.stop()
            self.queue = None
        stores = self.flow_services
        for store in (stores.case_index, stores.payment_journal):
            if store is not None:
                store.close()
        stores.case_index = stores.payment_journal = None
        if stores.card_inventory is not None:
            stores.card_inventory.close()

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
        self.health.help_requested()  # the help gauge and an immediate heartbeat
        if self.outbox is None or not self.outbox.accepting:
            return None
        try:
            return str(self.outbox.submit("help_request", context).id)
        except Exception:
            log.exception("help request not queued")
            return None

    def availability(self) -> dict[str, ServiceAvailability]:
        return service_availability(self.config.services, self.devices.status(), self.step_needs)

    def idle_budget(self, large_type: bool) -> tuple[float, float]:
        """(idle seconds, prompt seconds) for the current text mode."""
        t = self.config.timeouts
        factor = t.large_type_time_factor if large_type else 1.0
        return t.idle_s * factor, t.prompt_s * factor
