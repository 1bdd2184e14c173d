"""Health wired to the kiosk core: snapshot, heartbeat, scheduled checks, listeners.

``KioskCore`` builds one :class:`HealthService` (cheap: no thread, no import of
the queue or Prometheus), calls :meth:`start` with the queue (heartbeat, device
checks) and :meth:`stop` on the way down. ``kiosk run`` also calls
:meth:`serve`: the ``/metrics`` + ``/health`` listener on ``health.listen`` and
the control socket in the data directory. A listener that cannot start is
logged and the kiosk serves citizens all the same.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from importlib import metadata
from typing import TYPE_CHECKING, Any

from drivers.base import DeviceStatus, HealthLevel
from kiosk.health.checks import DeviceChecks
from kiosk.health.control import ControlServer, socket_path
from kiosk.health.counters import Counters, department_label
from kiosk.health.device_tracker import DeviceTracker
from kiosk.health.heartbeat import HeartbeatSender
from kiosk.health.help_requests import HelpRequests
from kiosk.health.http_server import BoundedHttpServer, Response
from kiosk.health.monitor import HealthMonitor, Sources
from kiosk.health.snapshot import HealthSnapshot, Mode

if TYPE_CHECKING:
    from prometheus_client import CollectorRegistry

    from kiosk.app import KioskCore
    from offline_queue.outbox import Outbox

log = logging.getLogger(__name__)

#: How many refused refunds are counted at most (beyond that the figure says "many").
_PAYMENTS_COUNTED = 1000


def kiosk_version() -> str:
    try:
        return metadata.version("kiosk")
    except metadata.PackageNotFoundError:
        return "0+unknown"


class _DeviceView:
    """The device manager as the monitor reads it."""

    def __init__(self, core: KioskCore) -> None:
        self._core = core

    def status(self) -> dict[str, DeviceStatus]:
        return dict(self._core.devices.status())

    def kind_of(self, name: str) -> str:
        device = self._core.devices.get(name)
        return device.kind if device is not None else ""


class HealthService:
    def __init__(self, core: KioskCore, *, mode: Callable[[], Mode] = lambda: "serving") -> None:
        self.core = core
        config = core.config
        self.settings = config.health
        self.data_dir = config.kiosk.resolved_data_dir()
        self.tracker = DeviceTracker(config.devices)
        core.devices.add_listener(self.tracker.device_event)
        self.help = HelpRequests(self.settings.help_request_ttl_s)
        self.counters = Counters({s.id: department_label(s.department.en) for s in config.services})
        core.sessions.add_end_listener(self.counters.visit_ended)
        self.mode = mode
        """serving or maintenance; maintenance mode replaces it while a technician works."""
        self.heartbeat: HeartbeatSender | None = None
        self.monitor = HealthMonitor(
            Sources(
                kiosk_id=config.kiosk.id,
                version=kiosk_version(),
                data_dir=self.data_dir,
                devices=_DeviceView(core),
                outbox=self._outbox,
                payments_needing_staff=self._payments_needing_staff,
                mode=lambda: self.mode(),
                services_available=self._services_available,
                database_files={
                    "queue": self.data_dir / config.queue.db_path,
                    "payment_journal": self.data_dir / "payment-journal.db",
                    "case_index": self.data_dir / "case-index.db",
                },
                last_heartbeat=lambda: self.heartbeat.last_success if self.heartbeat else None,
            ),
            self.settings,
            self.tracker,
            self.help,
        )
        self.checks = DeviceChecks(
            lambda: dict(core.devices.devices),
            self.tracker,
            lambda: core.sessions.current is not None,
            self.settings,
        )
        self.http: BoundedHttpServer | None = None
        self.control: ControlServer | None = None
        self._registry: CollectorRegistry | None = None

    # ------------------------------------------------------------ lifecycle

    def start(self) -> None:
        """Scheduled checks, and the heartbeat and sync counters once the queue runs."""
        queue = self.core.queue
        if queue is not None and self.heartbeat is None:
            queue.worker.add_listener(self.counters.sync_pass)
            self.heartbeat = HeartbeatSender(
                lambda: self.snapshot().heartbeat_body(),
                queue.client.heartbeat,
                self.settings.heartbeat_s,
            )
            self.heartbeat.start()
        self.checks.start()

    def serve(self) -> None:
        """Start the /metrics + /health listener and the control socket (each may fail alone)."""
        address = self.settings.listen_address()
        if address is not None and self.http is None:
            try:
                self.http = BoundedHttpServer(
                    *address, {"/metrics": self.metrics_response, "/health": self.health_response}
                ).start()
                log.info("health listener on %s:%s", *self.http.address)
            except OSError as exc:
                log.error("health listener not started", extra={"error": f"{exc}"})
        if self.control is None:
            try:
                self.data_dir.mkdir(parents=True, exist_ok=True)
                self.control = ControlServer(
                    socket_path(self.data_dir),
                    {"snapshot": self._snapshot_op, "test": self._test_op, "help_ack": self._ack},
                ).start()
            except Exception as exc:
                log.error("control socket not started", extra={"error": f"{exc}"})

    def stop(self) -> None:
        for part in (self.control, self.http):
            if part is not None:
                part.stop()
        self.control = self.http = None
        self.checks.stop()
        if self.heartbeat is not None:
            self.heartbeat.stop()

    # ------------------------------------------------------------ what the core tells

    def help_requested(self) -> None:
        """A citizen asked for staff: count it and tell the platform now."""
        self.help.raised()
        if self.heartbeat is not None:
            self.heartbeat.poke()

    def snapshot(self) -> HealthSnapshot:
        return self.monitor.snapshot()

    # ------------------------------------------------------------ answers

    def metrics_response(self) -> Response:
        from prometheus_client.exposition import CONTENT_TYPE_LATEST

        from kiosk.health.metrics import build_registry, exposition

        if self._registry is None:
            self._registry = build_registry(self.snapshot, self.counters)
        return 200, CONTENT_TYPE_LATEST, exposition(self._registry)

    def health_response(self) -> Response:
        from kiosk.health.health_json import CONTENT_TYPE, document, http_status

        snap = self.snapshot()
        body = json.dumps(document(snap), ensure_ascii=False).encode()
        return http_status(snap), CONTENT_TYPE, body

    def _snapshot_op(self, request: dict[str, Any]) -> dict[str, Any]:
        return {"snapshot": self.snapshot().as_dict()}

    def _test_op(self, request: dict[str, Any]) -> dict[str, Any]:
        target = str(request.get("device", ""))
        level = request.get("level", HealthLevel.EXTERNAL.value)
        if level not in (HealthLevel.EXTERNAL.value, HealthLevel.INTERACTIVE.value):
            return {"ok": False, "error": "level must be external or interactive"}
        results = self.checks.run(target, HealthLevel(level))
        rows = [
            {"device": name, "passed": r.passed, "code": r.code, "text": r.text,
             "duration_s": round(r.duration_s, 3)}
            for name, r in results
        ]  # fmt: skip
        return {"results": rows}

    def _ack(self, request: dict[str, Any]) -> dict[str, Any]:
        return {"acknowledged": self.help.acknowledge()}

    # ------------------------------------------------------------ sources

    def _outbox(self) -> Outbox | None:
        return self.core.outbox if self.core.queue is not None else None

    def _payments_needing_staff(self) -> int:
        from kiosk.payments.journal import PaymentJournal
        from kiosk.payments.report import NEEDS_STAFF

        journal = self.core.flow_services.payment_journal
        if not isinstance(journal, PaymentJournal):
            return 0
        return sum(len(journal.entries(_PAYMENTS_COUNTED, state)) for state in NEEDS_STAFF)

    def _services_available(self) -> tuple[int, int]:
        enabled = [a for a in self.core.availability().values() if a.enabled_in_config]
        return sum(1 for a in enabled if a.available), len(enabled)
