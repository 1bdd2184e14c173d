"""A whole maintenance run: no PIN, badge code or citizen's data in any log line or record."""

from __future__ import annotations

import logging

import pytest

from kiosk.app import KioskCore
from kiosk.logs import JsonFormatter
from kiosk.maintenance.actions import DeviceActions, PaymentActions, QueueActions, ServiceActions
from kiosk.maintenance.audit import FILE_NAME
from kiosk.maintenance.commands import RecordingRunner
from kiosk.maintenance.mode import MaintenanceMode
from kiosk.maintenance.recent_logs import RecentLogs
from kiosk.privacy import PiiLogFilter
from kiosk.visit.controller import VisitController
from tests.kiosk.maintenance.conftest import BADGE, OTHER_PIN, PIN, TECH, install
from tests.kiosk.maintenance.test_actions import ReaderWithCard

WRONG_PIN = "551903"
SECRETS = (PIN, OTHER_PIN, WRONG_PIN, BADGE, "11010519900101123X", "张三丰", "三丰")


class Everything(logging.Handler):
    """Every record, formatted as the journal gets it (after the kiosk's own redaction)."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []
        self.setFormatter(JsonFormatter())
        self.addFilter(PiiLogFilter())

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record))


@pytest.fixture
def everything() -> Everything:
    handler = Everything()
    root = logging.getLogger()
    level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    yield handler
    root.removeHandler(handler)
    root.setLevel(level)


def test_a_whole_run_leaves_no_pin_badge_or_personal_data_anywhere(
    core: KioskCore, visit: VisitController, mode: MaintenanceMode, everything: Everything
) -> None:
    install(core, ReaderWithCard())
    assert visit.start_visit("service_guide")
    assert mode.scanned(BADGE)
    mode.submit_pin(TECH, WRONG_PIN, via="badge")
    mode.submit_pin(TECH, OTHER_PIN, via="badge")  # another technician's PIN
    mode.submit_pin(TECH, PIN, via="badge")
    devices = DeviceActions(core, mode)
    devices.overview()
    shown = devices.test("idcard", wait_s=5)
    assert "1101" in shown.text  # masked on the screen
    QueueActions(core, mode).status()
    PaymentActions(core, mode).summary()
    service = ServiceActions(core, mode, RecordingRunner(), RecentLogs())
    service.recent_logs()
    service.effective_config()
    service.restart_app()
    mode.leave()

    records = (core.config.kiosk.resolved_data_dir() / FILE_NAME).read_text()
    assert everything.lines and records  # the queued records carry the same fields
    for text in [*everything.lines, records]:
        for secret in SECRETS:
            assert secret not in text, (secret, text)
    assert any('"technician": "07"' in line for line in everything.lines)  # who, not how
