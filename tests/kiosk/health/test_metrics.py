"""/metrics holds exactly the contract: names, labels, bounded values, at most 200 series."""

from __future__ import annotations

import time

from prometheus_client.parser import text_string_to_metric_families

from drivers.base import Actor, DeviceState
from kiosk.app import KioskCore
from kiosk.health.counters import Counters, department_label
from kiosk.health.metrics import exposition
from kiosk.visit.session import EndReason
from offline_queue.worker import SyncReport
from tests.kiosk.health.conftest import fake
from tests.kiosk.health.contract import METRICS, check_exposition


def scrape(core: KioskCore) -> str:
    status, content_type, body = core.health.metrics_response()
    assert status == 200 and content_type.startswith("text/plain")
    return body.decode()


def samples(text: str) -> dict[tuple[str, frozenset[tuple[str, str]]], float]:
    return {
        (s.name, frozenset(s.labels.items())): s.value
        for family in text_string_to_metric_families(text)
        for s in family.samples
    }


def value(text: str, name: str, **labels: str) -> float:
    return samples(text)[(name, frozenset(labels.items()))]


def test_every_visit_outcome_of_the_whole_catalogue_stays_within_200_series(
    core: KioskCore,
) -> None:
    services = {s.id for s in core.config.services}
    departments = {department_label(s.department.en) for s in core.config.services}
    assert len(departments) < len(services)  # what keeps the series bounded
    for service in [*services, "not_in_the_catalogue"]:
        for reason in EndReason:
            core.sessions.start(service)
            core.sessions.end(reason)
    core.request_help("home")
    fake(core, "camera").set_state(DeviceState.ERROR, "CAMERA_NO_FRAMES", Actor.TECHNICIAN)
    text = scrape(core)
    n = check_exposition(text, set(core.config.devices), departments)
    families = {f.name for f in text_string_to_metric_families(text)}
    assert families == set(METRICS)  # every contract metric is there
    assert 100 < n <= 200
    assert value(text, "kiosk_visits_total", department="other", outcome="timeout") == 1
    # 综合 (General): the complaint, the guide and progress queries each completed once.
    general = sum(s.department.en == "General" for s in core.config.services)
    assert value(text, "kiosk_visits_total", department="general", outcome="completed") == general
    public_security = sum(s.department.en == "Public Security" for s in core.config.services)
    assert public_security > 1
    visits = value(text, "kiosk_visits_total", department="public_security", outcome="cancelled")
    assert visits == public_security
    assert value(text, "kiosk_visit_duration_seconds_count") == 4 * (len(services) + 1)
    assert value(text, "kiosk_help_requests_total") == 1
    assert value(text, "kiosk_help_requests_waiting") == 1
    assert value(text, "kiosk_device_up", device="camera") == 0
    assert value(text, "kiosk_device_state", device="camera", state="error") == 1
    assert value(text, "kiosk_device_state", device="camera", state="online") == 0
    status = ("kiosk_device_status", "CAMERA_NO_FRAMES", "technician")
    assert value(text, status[0], device="camera", code=status[1], actor=status[2]) == 1
    assert value(text, "kiosk_health_status", kiosk_health_status="warn") == 1


def test_paper_gauge_follows_the_printer(core: KioskCore) -> None:
    assert value(scrape(core), "kiosk_printer_paper_state", kiosk_printer_paper_state="ok") == 1
    printer = fake(core, "printer")
    printer.set_state(DeviceState.PAPER_LOW, "PRINTER_PAPER_LOW", Actor.STAFF)
    assert value(scrape(core), "kiosk_printer_paper_state", kiosk_printer_paper_state="low") == 1
    printer.set_state(DeviceState.PAPER_OUT, "PRINTER_PAPER_OUT", Actor.STAFF)
    text = scrape(core)
    assert value(text, "kiosk_printer_paper_state", kiosk_printer_paper_state="out") == 1
    assert value(text, "kiosk_printer_paper_state", kiosk_printer_paper_state="ok") == 0
    status = {"device": "printer", "code": "PRINTER_PAPER_OUT", "actor": "staff"}
    assert value(text, "kiosk_device_status", **status) == 1


def test_sync_passes_are_counted_by_outcome(core: KioskCore) -> None:
    # A rating without its fields: the platform refuses it, the worker parks it as dead.
    core.outbox.submit("rating", {"service_id": "complaint"}).wait(10)
    deadline = time.monotonic() + 30
    while core.health.counters.sync["rejected"] == 0 and time.monotonic() < deadline:
        time.sleep(0.05)
    text = scrape(core)
    assert value(text, "kiosk_sync_attempts_total", outcome="rejected") == 1
    assert value(text, "kiosk_sync_attempts_total", outcome="error") == 0
    assert value(text, "kiosk_queue_rows", state="dead") == 1
    assert "QUEUE_DEAD" in core.health.snapshot().reasons


def test_sync_outcomes_from_reports() -> None:
    counters = Counters({"complaint": "general"})
    counters.sync_pass(SyncReport())  # nothing due: not an attempt
    counters.sync_pass(SyncReport(claimed=2, accepted=2))
    counters.sync_pass(SyncReport(claimed=1, error="PLATFORM_UNREACHABLE"))
    counters.sync_pass(SyncReport(claimed=1, error="PLATFORM_UNAUTHORIZED"))
    assert counters.sync_series() == [("ok", 1), ("retry", 1), ("rejected", 0), ("error", 1)]


def test_the_registry_is_not_the_global_one(core: KioskCore) -> None:
    from prometheus_client import REGISTRY

    core.health.metrics_response()
    assert core.health._registry is not REGISTRY
    assert b"kiosk_" not in exposition(REGISTRY)


def test_the_exporter_contract_is_the_fleet_contract() -> None:
    # One contract: the exporter's checks and the fleet's rules read the same table.
    from tests.deploy.fleet_files import contract_metrics
    from tests.kiosk.health.contract import METRICS, SUFFIXES

    fleet = contract_metrics()
    exported = {
        name + ("_total" if kind == "counter" else ""): kind for name, (kind, _) in METRICS.items()
    }
    assert set(exported) == set(fleet)
    for name, kind in exported.items():
        # An enum is exposed as gauges, one series per state.
        allowed = ("gauge", "enum") if kind == "gauge" else (kind,)
        assert fleet[name].startswith(allowed), (name, fleet[name], kind)
    assert set(SUFFIXES) == {"gauge", "counter", "histogram"}


def test_department_labels_are_plain_snake_case() -> None:
    assert department_label("Human Resources and Social Security") == (
        "human_resources_and_social_security"
    )
    assert department_label("Disabled Persons' Federation") == "disabled_persons_federation"
    assert department_label("—") == "other"
