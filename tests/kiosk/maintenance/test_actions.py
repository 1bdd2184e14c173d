"""Every technician action is audited exactly once, and does what its screen says."""

from __future__ import annotations

import datetime as dt
import json
import threading
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from drivers.base import DeviceState, HealthLevel
from drivers.idcard.card import CardType, IdCard
from drivers.idcard.events import CardRead
from drivers.printer.on_simulator import SimulatedEscposPrinter
from drivers.scanner.model import CodeScanned, ScanResult
from kiosk.app import KioskCore
from kiosk.maintenance.actions import (
    DeviceActions,
    LoadingActions,
    PaymentActions,
    QueueActions,
    ServiceActions,
)
from kiosk.maintenance.actions.base import NotInSession
from kiosk.maintenance.commands import RecordingRunner
from kiosk.maintenance.mode import MaintenanceMode
from kiosk.maintenance.recent_logs import RecentLogs
from tests.fakes import FakeDevice
from tests.kiosk.maintenance.conftest import TECH, audit_rows, enter, install


@pytest.fixture
def runner() -> RecordingRunner:
    return RecordingRunner()


@pytest.fixture
def logs() -> Iterator[RecentLogs]:
    import logging

    handler = RecentLogs()
    logging.getLogger().addHandler(handler)
    yield handler
    logging.getLogger().removeHandler(handler)


@pytest.fixture
def session(mode: MaintenanceMode) -> MaintenanceMode:
    enter(mode)
    return mode


def every_action(
    core: KioskCore, mode: MaintenanceMode, runner: RecordingRunner, logs: RecentLogs
) -> dict[str, Callable[[], Any]]:
    devices = DeviceActions(core, mode)
    queue = QueueActions(core, mode)
    payments = PaymentActions(core, mode)
    service = ServiceActions(core, mode, runner, logs)
    loading = LoadingActions(core, mode)
    return {
        "devices_view": devices.overview,
        "device_check": lambda: devices.check("printer"),
        "device_test": lambda: devices.test("printer", wait_s=0.01),
        "device_reset": lambda: devices.reconnect("scanner"),
        "queue_view": queue.status,
        "sync_now": queue.sync_now,
        "retry_dead": queue.retry_dead,
        "queue_export": queue.export,
        "payments_view": payments.summary,
        "payment_handled": lambda: payments.mark_handled("K123", "cash_refund"),
        "paper_replaced": service.paper_replaced,
        "readiness_report": service.print_readiness_report,
        "out_of_service": lambda: service.out_of_service(True, "printer"),
        "logs_view": service.recent_logs,
        "config_view": service.effective_config,
        "restart": service.restart_app,
        "reboot": service.reboot,
        "dispenser_view": loading.overview,
        "dispenser_slot": lambda: loading.slot_for("A-0001"),
        "dispenser_load": lambda: loading.confirm("A-0001", 1, wait_s=0),
        "dispenser_unload": lambda: loading.unload(1),
    }


def test_every_action_writes_exactly_one_audit_record_with_the_technician(
    core: KioskCore, session: MaintenanceMode, runner: RecordingRunner, logs: RecentLogs
) -> None:
    for action, run in every_action(core, session, runner, logs).items():
        before = audit_rows(core)
        run()
        after = audit_rows(core)
        assert len(after) == len(before) + 1, action
        assert (after[-1].action, after[-1].technician) == (action, TECH)


def test_audit_records_go_through_the_queue_too(
    core: KioskCore, session: MaintenanceMode, runner: RecordingRunner, logs: RecentLogs
) -> None:
    ServiceActions(core, session, runner, logs).effective_config()
    assert core.outbox is not None
    done = threading.Event()
    core.outbox.add_commit_listener(done.set)
    for _ in range(50):
        rows = [r for r in core.outbox.rows(limit=100) if r.type == "maintenance_audit"]
        if len(rows) == len(audit_rows(core)):
            break
        done.wait(0.1)
        done.clear()
    assert len(rows) == 3  # pin, enter, config_view


def test_no_action_without_a_session(
    core: KioskCore, mode: MaintenanceMode, runner: RecordingRunner, logs: RecentLogs
) -> None:
    for run in every_action(core, mode, runner, logs).values():
        with pytest.raises(NotInSession):
            run()
    assert runner.commands == []
    assert {(r.action, r.outcome) for r in audit_rows(core)} == {("action", "refused")}


def test_restart_and_reboot_run_the_configured_commands_through_the_runner(
    core: KioskCore, session: MaintenanceMode, runner: RecordingRunner, logs: RecentLogs
) -> None:
    service = ServiceActions(core, session, runner, logs)
    assert service.restart_app() == 0 and service.reboot() == 0
    assert runner.commands == [
        ["systemctl", "restart", "kiosk.service"],
        ["systemctl", "reboot"],
    ]


def test_the_configuration_shown_hides_secrets_and_pin_hashes(
    core: KioskCore, session: MaintenanceMode, runner: RecordingRunner, logs: RecentLogs
) -> None:
    text = ServiceActions(core, session, runner, logs).effective_config()
    doc = json.loads(text)
    assert doc["maintenance"]["technicians"] == {"07": "<hash>", "12": "<hash>"}
    assert "scrypt$" not in text
    assert doc["kiosk"]["id"] == core.config.kiosk.id


def test_dead_rows_come_back_and_the_export_has_no_payload(
    core: KioskCore, session: MaintenanceMode
) -> None:
    assert core.outbox is not None
    ticket = core.outbox.submit("help_request", {"step": "x"}, {"name": "张三"})
    ticket.wait(5)
    queue = QueueActions(core, session)
    stats = queue.status()
    assert stats is not None and stats.pending >= 1
    path = queue.export()
    assert path is not None and (path.stat().st_mode & 0o777) == 0o600
    text = path.read_text()
    assert ticket.id in text and "张三" not in text and "step" not in text


def test_a_scanner_test_shows_what_was_read(core: KioskCore, session: MaintenanceMode) -> None:
    scanner = core.devices.get("scanner")
    assert isinstance(scanner, FakeDevice)
    type(scanner).kind = "scanner"
    try:
        code = ScanResult("TEST-CODE-42", b"TEST-CODE-42", "QR")
        timer = threading.Timer(0.05, lambda: scanner._emit(CodeScanned(code)))
        timer.start()
        result = DeviceActions(core, session).test("scanner", wait_s=10)
        timer.join()
    finally:
        type(scanner).kind = "fake"
    assert result.passed and "TEST-CODE-42" in result.text


class ReaderWithCard(FakeDevice):
    kind = "idcard"

    def request_read(self) -> None:
        card = IdCard(
            CardType.RESIDENT, "张三丰", "1", "男", dt.date(1990, 1, 1), "11010519900101123X",
            dt.date(2020, 1, 1), dt.date(2040, 1, 1),
        )  # fmt: skip
        self.card = card
        self._emit(CardRead(card))


def test_an_id_card_test_shows_the_read_masked_and_wipes_it(
    core: KioskCore, session: MaintenanceMode
) -> None:
    reader = install(core, ReaderWithCard())
    result = DeviceActions(core, session).test("idcard", wait_s=10)
    assert result.passed
    assert "11010519900101123X" not in result.text and "张三丰" not in result.text
    assert "1101" in result.text and "张" in result.text
    assert reader.card.wiped


def test_a_simulated_printer_switches_fault_scenarios_and_paper_replaced_clears_low(
    core: KioskCore, session: MaintenanceMode, runner: RecordingRunner, logs: RecentLogs
) -> None:
    printer = install(core, SimulatedEscposPrinter(SimulatedEscposPrinter.Settings(hold_down_s=0)))
    try:
        devices = DeviceActions(core, session)
        view = next(v for v in devices.overview() if v.name == "printer")
        assert "paper-low" in view.scenarios and view.scenario == "normal"
        devices.set_scenario("printer", "paper-low")
        assert printer.health_check(HealthLevel.EXTERNAL).code == "PRINTER_PAPER_LOW"
        ServiceActions(core, session, runner, logs).paper_replaced("printer")
        assert printer.status.state is not DeviceState.PAPER_LOW
        with pytest.raises(ValueError):
            devices.set_scenario("printer", "melt-down")
    finally:
        printer.close()
    outcomes = [(r.action, r.outcome) for r in audit_rows(core)][-4:]
    assert outcomes[1:] == [
        ("simulator_scenario", "ok"),
        ("paper_replaced", "ok"),
        ("simulator_scenario", "refused"),
    ]


def test_the_readiness_report_prints_every_device_s_checks_and_the_queue(
    core: KioskCore, session: MaintenanceMode, runner: RecordingRunner, logs: RecentLogs
) -> None:
    printer = SimulatedEscposPrinter(SimulatedEscposPrinter.Settings(hold_down_s=0))
    printer.open()
    core.devices.devices["printer"] = printer
    try:
        core.health.checks.run("printer")  # an external check the report then shows
        assert ServiceActions(core, session, runner, logs).print_readiness_report() == "PRINTED"
        [slip] = printer.simulator.model.wait_for_documents(1)
    finally:
        printer.close()
    text = slip.text
    assert "运行检查报告" in text and core.config.kiosk.id in text
    for name in core.config.devices:
        assert f"{name}: " in text, name
    assert "pending 0, in flight 0, dead 0" in text
    assert "external: 通过 pass" in text  # the printer's check just run
    assert audit_rows(core)[-1].action == "readiness_report"


def test_no_readiness_report_without_a_usable_printer(
    core: KioskCore, session: MaintenanceMode, runner: RecordingRunner, logs: RecentLogs
) -> None:
    core.devices.devices.pop("printer", None)
    assert ServiceActions(core, session, runner, logs).print_readiness_report() == "NOT_OPEN"
    assert (audit_rows(core)[-1].action, audit_rows(core)[-1].outcome) == (
        "readiness_report",
        "failed",
    )


class Finger:
    quality = 0.82
    wiped = False

    def wipe(self) -> None:
        self.wiped = True


class FingerprintReader(FakeDevice):
    kind = "fingerprint"
    finger = Finger()

    def capture(self, *, timeout_s: float | None = None) -> Finger:
        return self.finger

    def cancel(self) -> None:
        pass


class Gateway(FakeDevice):
    kind = "payment"

    def ping(self) -> float:
        return 0.012


def test_a_fingerprint_test_shows_quality_only_and_wipes_the_template(
    core: KioskCore, session: MaintenanceMode
) -> None:
    reader = install(core, FingerprintReader())
    result = DeviceActions(core, session).test("fingerprint", wait_s=1)
    assert result.passed and "82%" in result.text and reader.finger.wiped


def test_a_gateway_ping_shows_how_long_it_took(core: KioskCore, session: MaintenanceMode) -> None:
    install(core, Gateway())
    result = DeviceActions(core, session).test("payment")
    assert result.passed and "12 ms" in result.text
    check = next(v for v in DeviceActions(core, session).overview() if v.name == "payment")
    assert [(c.level, c.passed) for c in check.checks] == [("interactive", True)]
