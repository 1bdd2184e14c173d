"""The overall status: fail when no service or no queue, warn when someone should look."""

from __future__ import annotations

from typing import Any

from kiosk.config.health import HealthSettings
from kiosk.health.rules import overall
from kiosk.health.snapshot import DeviceHealth, QueueHealth

NOW = 1_800_000_000.0
SETTINGS = HealthSettings()


def device(state: str = "online", code: str = "OK", actor: str = "automatic") -> DeviceHealth:
    usable = state in ("online", "busy", "paper_low", "card_present")
    return DeviceHealth("printer", "printer", state, code, actor, usable, NOW)


def judge(**kw: Any) -> tuple[str, tuple[str, ...]]:
    args: dict[str, Any] = {
        "mode": "serving",
        "devices": {"printer": device()},
        "queue": QueueHealth(available=True, code="OK", last_sync_at=NOW - 10),
        "disk_free_bytes": 10 * SETTINGS.disk_low_bytes,
        "help_waiting": 0,
        "payments_needing_staff": 0,
        "now": NOW,
        "settings": SETTINGS,
    }
    return overall(**(args | kw))


def test_all_well_is_pass() -> None:
    assert judge() == ("pass", ())


def test_no_service_or_no_queue_is_fail() -> None:
    assert judge(mode="out_of_service") == ("fail", ("NO_SERVICE",))
    status, reasons = judge(queue=QueueHealth(available=False, code="DISK_FULL"))
    assert status == "fail" and reasons == ("QUEUE_UNAVAILABLE",)


def test_a_device_that_wants_a_person_warns_even_while_it_serves() -> None:
    low = device("paper_low", "PRINTER_PAPER_LOW", "staff")
    assert judge(devices={"printer": low}) == ("warn", ("DEVICE:printer:PRINTER_PAPER_LOW",))
    lost = device("offline", "DEVICE_LOST", "automatic")
    assert judge(devices={"printer": lost})[0] == "warn"
    card = device("card_present", "OK", "automatic")
    assert judge(devices={"printer": card})[0] == "pass"


def test_queue_backlog_dead_rows_and_stale_sync_warn() -> None:
    old = SETTINGS.queue_backlog_s + 1
    backlog = QueueHealth(True, "OK", pending=3, oldest_pending_s=old, last_sync_at=NOW - 5)
    assert judge(queue=backlog) == ("warn", ("QUEUE_BACKLOG",))
    many = QueueHealth(True, "OK", pending=SETTINGS.queue_backlog_rows + 1, oldest_pending_s=1)
    assert "QUEUE_BACKLOG" in judge(queue=many)[1]
    dead = QueueHealth(True, "OK", dead=1)
    assert judge(queue=dead) == ("warn", ("QUEUE_DEAD",))
    stale = QueueHealth(
        True, "OK", pending=1, oldest_pending_s=SETTINGS.sync_stale_s + 1,
        last_sync_at=NOW - SETTINGS.sync_stale_s - 1,
    )  # fmt: skip
    assert "SYNC_STALE" in judge(queue=stale)[1]
    never = QueueHealth(True, "OK", pending=1, oldest_pending_s=SETTINGS.sync_stale_s + 1)
    assert "SYNC_STALE" in judge(queue=never)[1]
    fresh = QueueHealth(True, "OK", pending=1, oldest_pending_s=5, last_sync_at=None)
    assert judge(queue=fresh) == ("pass", ())  # a new row has not had the time to be late


def test_disk_help_payments_and_maintenance_warn() -> None:
    assert judge(disk_free_bytes=SETTINGS.disk_low_bytes - 1) == ("warn", ("DISK_LOW",))
    assert judge(help_waiting=1) == ("warn", ("HELP_WAITING",))
    assert judge(payments_needing_staff=2) == ("warn", ("PAYMENT_NEEDS_STAFF",))
    assert judge(mode="maintenance") == ("warn", ("MAINTENANCE",))


def test_fail_reasons_come_first() -> None:
    status, reasons = judge(mode="out_of_service", help_waiting=1)
    assert status == "fail" and reasons == ("NO_SERVICE", "HELP_WAITING")
