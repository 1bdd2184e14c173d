"""The metrics contract (deploy/prometheus/metrics.md) as data: names, types and label sets."""

from __future__ import annotations

import re

from drivers.base import DeviceState

#: metric family → (type in the exposition, label names)
METRICS: dict[str, tuple[str, frozenset[str]]] = {
    "kiosk_build_info": ("gauge", frozenset({"version", "kiosk_id"})),
    "kiosk_mode": ("gauge", frozenset({"kiosk_mode"})),
    "kiosk_maintenance_mode": ("gauge", frozenset()),
    "kiosk_health_status": ("gauge", frozenset({"kiosk_health_status"})),
    "kiosk_device_up": ("gauge", frozenset({"device"})),
    "kiosk_device_state": ("gauge", frozenset({"device", "state"})),
    "kiosk_device_status": ("gauge", frozenset({"device", "code", "actor"})),
    "kiosk_device_state_since_timestamp_seconds": ("gauge", frozenset({"device"})),
    "kiosk_printer_paper_state": ("gauge", frozenset({"kiosk_printer_paper_state"})),
    "kiosk_queue_rows": ("gauge", frozenset({"state"})),
    "kiosk_queue_oldest_pending_age_seconds": ("gauge", frozenset()),
    "kiosk_queue_last_sync_success_timestamp_seconds": ("gauge", frozenset()),
    "kiosk_sync_attempts": ("counter", frozenset({"outcome"})),
    "kiosk_visits": ("counter", frozenset({"department", "outcome"})),
    "kiosk_visit_duration_seconds": ("histogram", frozenset()),
    "kiosk_disk_free_bytes": ("gauge", frozenset()),
    "kiosk_database_size_bytes": ("gauge", frozenset({"database"})),
    "kiosk_help_requests_waiting": ("gauge", frozenset()),
    "kiosk_help_requests": ("counter", frozenset()),
    "kiosk_payments_needing_staff": ("gauge", frozenset()),
    "kiosk_heartbeat_last_success_timestamp_seconds": ("gauge", frozenset()),
    "kiosk_uptime_seconds": ("gauge", frozenset()),
}
SUFFIXES = {"gauge": ("",), "counter": ("_total",), "histogram": ("_bucket", "_sum", "_count")}
MAX_SERIES = 200
ACTORS = {"automatic", "staff", "technician", "configuration"}
CODE = re.compile(r"^[A-Z][A-Z0-9_]*$")
FIXED_VALUES: dict[str, set[str]] = {
    "kiosk_mode": {"serving", "maintenance", "out_of_service"},
    "kiosk_health_status": {"pass", "warn", "fail"},
    "kiosk_printer_paper_state": {"ok", "low", "out", "unknown"},
    "actor": ACTORS,
    "database": {"queue", "payment_journal", "case_index"},
}
STATES_BY_METRIC = {
    "kiosk_queue_rows": {"pending", "in_flight", "dead"},
    "kiosk_device_state": {s.value for s in DeviceState},
}
OUTCOMES_BY_METRIC = {
    "kiosk_sync_attempts": {"ok", "retry", "rejected", "error"},
    "kiosk_visits": {"completed", "cancelled", "timeout", "shutdown"},
}
BUCKETS = {"30", "60", "120", "300", "600", "900", "1800", "+Inf"}


def check_exposition(text: str, devices: set[str], departments: set[str]) -> int:
    """Assert ``text`` holds only the contract; returns the number of series."""
    from prometheus_client.parser import text_string_to_metric_families

    series = 0
    for family in text_string_to_metric_families(text):
        assert family.name in METRICS, f"{family.name} is not in the contract"
        kind, labels = METRICS[family.name]
        assert family.type == kind, f"{family.name} is a {family.type}, not a {kind}"
        for sample in family.samples:
            series += 1
            suffix = sample.name[len(family.name) :]
            assert sample.name.startswith(family.name) and suffix in SUFFIXES[kind], sample.name
            names = set(sample.labels) - ({"le"} if suffix == "_bucket" else set())
            assert names == labels, f"{sample.name} labels {sorted(names)}"
            for label, value in sample.labels.items():
                check_value(family.name, label, value, devices, departments)
    assert series <= MAX_SERIES, f"{series} series"
    return series


def check_value(
    metric: str, label: str, value: str, devices: set[str], departments: set[str]
) -> None:
    if label == "device":
        assert value in devices
    elif label == "code":
        assert CODE.match(value), value
    elif label == "department":
        assert value in departments | {"other"}
    elif label == "state":
        assert value in STATES_BY_METRIC[metric], (metric, value)
    elif label == "outcome":
        assert value in OUTCOMES_BY_METRIC[metric], (metric, value)
    elif label == "le":
        assert value in BUCKETS, value
    elif label in ("version", "kiosk_id"):
        assert re.match(r"^[A-Za-z0-9._+-]+$", value), value
    else:
        assert value in FIXED_VALUES[label], (label, value)
