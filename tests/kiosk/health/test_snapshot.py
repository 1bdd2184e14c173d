"""The core's one health snapshot: devices, queue, payments, help, mode; no personal data."""

from __future__ import annotations

import json
from pathlib import Path

from drivers.base import Actor, DeviceState
from kiosk.app import KioskCore
from kiosk.config.health import HealthSettings
from kiosk.health.device_tracker import DeviceTracker
from kiosk.health.help_requests import HelpRequests
from kiosk.health.monitor import HealthMonitor, Sources
from kiosk.payments.journal import PaymentJournal
from tests.fakes import Clock
from tests.kiosk.health.conftest import fake


def test_a_started_core_reports_every_device_and_the_queue(core: KioskCore) -> None:
    snap = core.health.snapshot()
    assert set(snap.devices) == set(core.config.devices)
    assert all(d.state == "online" and d.code == "OK" for d in snap.devices.values())
    assert snap.queue.available and snap.queue.pending == 0
    assert snap.status == "pass" and snap.mode == "serving" and snap.reasons == ()
    assert snap.version and snap.kiosk_id == core.config.kiosk.id
    assert snap.disk_free_bytes > 0 and snap.database_bytes["queue"] > 0
    assert snap.database_bytes["payment_journal"] > 0  # opened by start()
    body = snap.heartbeat_body()
    assert set(body) >= {"at", "status", "version", "uptime_s", "mode", "devices", "queue",
                         "disk_free_bytes", "payments_needing_staff"}  # fmt: skip
    queue_keys = {"pending", "in_flight", "dead", "oldest_pending_s", "last_sync_at"}
    assert set(body["queue"]) == queue_keys
    assert set(body["devices"]["printer"]) == {"state", "code", "actor", "since", "last_check"}
    json.dumps(snap.as_dict())  # every part is JSON as it stands


def test_paper_out_warns_names_the_printer_and_starts_a_new_since(core: KioskCore) -> None:
    before = core.health.snapshot().devices["printer"].since
    fake(core, "printer").set_state(DeviceState.PAPER_OUT, "PRINTER_PAPER_OUT", Actor.STAFF)
    snap = core.health.snapshot()
    printer = snap.devices["printer"]
    assert (printer.state, printer.code) == ("paper_out", "PRINTER_PAPER_OUT")
    assert printer.actor == "staff"
    assert printer.since >= before and not printer.usable
    assert snap.status == "warn" and snap.reasons == ("DEVICE:printer:PRINTER_PAPER_OUT",)
    fake(core, "printer").set_state(DeviceState.ONLINE, "OK", Actor.NONE)
    assert core.health.snapshot().status == "pass"


def test_a_help_request_raises_the_gauge_until_acknowledged(core: KioskCore) -> None:
    core.sessions.start("complaint")
    core.request_help("complaint_form")
    snap = core.health.snapshot()
    assert snap.help_waiting == 1 and snap.help_total == 1 and "HELP_WAITING" in snap.reasons
    assert snap.heartbeat_body()["help_requests_waiting"] == 1
    assert core.health.help.acknowledge() == 1
    assert core.health.snapshot().help_waiting == 0 and core.health.snapshot().help_total == 1


def test_a_refused_refund_counts_as_a_payment_needing_staff(core: KioskCore) -> None:
    journal = core.flow_services.payment_journal
    assert isinstance(journal, PaymentJournal)
    journal.ordered("K000000001", "A1", "id_card_renewal", 2000)
    journal.paid("K000000001")
    journal.refund_failed("K000000001", "R000000001", "gateway refused")
    snap = core.health.snapshot()
    assert snap.payments_needing_staff == 1 and "PAYMENT_NEEDS_STAFF" in snap.reasons


def test_without_the_queue_the_kiosk_fails() -> None:
    from kiosk.config.schema import load_config

    core = KioskCore(load_config(), start_queue=False)
    core.start()
    try:
        snap = core.health.snapshot()
        assert snap.status == "fail" and "QUEUE_UNAVAILABLE" in snap.reasons
        assert snap.queue.code == "QUEUE_NOT_STARTED"
    finally:
        core.stop()


class _Devices:
    def status(self) -> dict[str, object]:
        return {}

    def kind_of(self, name: str) -> str:
        return ""


def test_no_service_to_offer_is_out_of_service_and_fail(tmp_path: Path) -> None:
    clock = Clock()
    monitor = HealthMonitor(
        Sources(
            kiosk_id="K1", version="1", data_dir=tmp_path, devices=_Devices(),  # type: ignore[arg-type]
            outbox=lambda: None, payments_needing_staff=lambda: 0, mode=lambda: "serving",
            services_available=lambda: (0, 8), database_files={},
        ),
        HealthSettings(), DeviceTracker([], clock), HelpRequests(900, clock), clock=clock,
    )  # fmt: skip
    snap = monitor.snapshot()
    assert snap.mode == "out_of_service" and snap.status == "fail"
    assert snap.reasons[0] == "NO_SERVICE"


def test_help_requests_expire_after_their_ttl() -> None:
    clock = Clock()
    help_requests = HelpRequests(900, clock)
    help_requests.raised()
    clock.now += 899
    help_requests.raised()
    assert help_requests.waiting == 2
    clock.now += 2
    assert help_requests.waiting == 1 and help_requests.total == 2
