"""The Prometheus exposition: exactly the metrics contract (deploy/prometheus/metrics.md).

A custom collector reads one fresh snapshot at scrape time, so the figures are
never older than the scrape and nothing has to be pushed into gauges as things
change. It lives in its own ``CollectorRegistry`` (never the process-wide
one). Label values come only from bounded sets: configured device names,
``DeviceState`` values, drivers' stable codes, the four actors, catalogue
service ids (else "other") and fixed outcomes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from prometheus_client import CollectorRegistry
from prometheus_client.exposition import generate_latest
from prometheus_client.metrics_core import (
    CounterMetricFamily,
    GaugeMetricFamily,
    HistogramMetricFamily,
    Metric,
    StateSetMetricFamily,
)
from prometheus_client.registry import Collector

from drivers.base import DeviceState
from kiosk.health.counters import DURATION_BUCKETS, Counters
from kiosk.health.snapshot import DATABASES, MODES, STATUSES, DeviceHealth, HealthSnapshot

PAPER_STATES = ("ok", "low", "out", "unknown")
#: The states every device has a series for; a state only some kinds report (paper out,
#: a card on the reader, …) has a series while a device is in it. This keeps the series
#: within budget as device kinds are added (each kind adds five, not one per state).
COMMON_DEVICE_STATES = tuple(
    s.value
    for s in (
        DeviceState.ONLINE,
        DeviceState.BUSY,
        DeviceState.OFFLINE,
        DeviceState.ERROR,
        DeviceState.CLOSED,
    )
)


def paper_state(printer: DeviceHealth | None) -> str:
    """ok, low, out or unknown (the printer cannot tell: offline, cover open, absent)."""
    if printer is None:
        return "unknown"
    if printer.state == DeviceState.PAPER_OUT or printer.code == "PRINTER_PAPER_OUT":
        return "out"
    if printer.state == DeviceState.PAPER_LOW or printer.code == "PRINTER_PAPER_LOW":
        return "low"
    if printer.state in (DeviceState.ONLINE, DeviceState.BUSY):
        return "ok"
    return "unknown"


def _stateset(name: str, doc: str, current: str, values: tuple[str, ...]) -> StateSetMetricFamily:
    family = StateSetMetricFamily(name, doc)
    family.add_metric([], {v: v == current for v in values})
    return family


class SnapshotCollector(Collector):
    """Reads ``snapshot()`` and the counters at every scrape."""

    def __init__(self, snapshot: Callable[[], HealthSnapshot], counters: Counters) -> None:
        self._snapshot = snapshot
        self._counters = counters

    def collect(self) -> Iterator[Metric]:
        s = self._snapshot()
        build = GaugeMetricFamily(
            "kiosk_build_info", "Build and identity", labels=["version", "kiosk_id"]
        )
        build.add_metric([s.version, s.kiosk_id], 1)
        yield build
        yield _stateset("kiosk_mode", "The kiosk's mode", s.mode, MODES)
        yield GaugeMetricFamily(
            "kiosk_maintenance_mode",
            "1 while a technician is in maintenance mode",
            value=1 if s.mode == "maintenance" else 0,
        )
        yield _stateset("kiosk_health_status", "Overall health", s.status, STATUSES)
        yield from self._devices(s)
        paper = paper_state(s.printer)
        yield _stateset("kiosk_printer_paper_state", "Receipt printer paper", paper, PAPER_STATES)
        yield from self._queue(s)
        yield from self._visits()
        yield GaugeMetricFamily(
            "kiosk_disk_free_bytes",
            "Free bytes on the data directory's file system",
            value=s.disk_free_bytes,
        )
        sizes = GaugeMetricFamily(
            "kiosk_database_size_bytes", "Database files with WAL", labels=["database"]
        )
        for name in DATABASES:
            sizes.add_metric([name], s.database_bytes.get(name, 0))
        yield sizes
        yield GaugeMetricFamily(
            "kiosk_help_requests_waiting",
            "Citizen help requests not yet acknowledged",
            value=s.help_waiting,
        )
        yield CounterMetricFamily("kiosk_help_requests", "Help requests", value=s.help_total)
        yield GaugeMetricFamily(
            "kiosk_payments_needing_staff",
            "Fees needing a person (refund refused by the gateway)",
            value=s.payments_needing_staff,
        )
        yield GaugeMetricFamily(
            "kiosk_heartbeat_last_success_timestamp_seconds",
            "Last heartbeat the platform took (unix s; 0 = never)",
            value=s.heartbeat_last_success or 0,
        )
        yield GaugeMetricFamily(
            "kiosk_uptime_seconds", "Seconds since the process started", value=s.uptime_s
        )

    def _devices(self, s: HealthSnapshot) -> Iterator[Metric]:
        up = GaugeMetricFamily("kiosk_device_up", "1 when the device can serve", labels=["device"])
        state = GaugeMetricFamily(
            "kiosk_device_state", "1 for the device's current state", labels=["device", "state"]
        )
        status = GaugeMetricFamily(
            "kiosk_device_status",
            "The device's stable code and who must act",
            labels=["device", "code", "actor"],
        )
        since = GaugeMetricFamily(
            "kiosk_device_state_since_timestamp_seconds",
            "When the current state began (unix s)",
            labels=["device"],
        )
        for name, d in s.devices.items():
            up.add_metric([name], 1 if d.usable else 0)
            for value in COMMON_DEVICE_STATES:
                state.add_metric([name, value], 1 if d.state == value else 0)
            if d.state not in COMMON_DEVICE_STATES:
                state.add_metric([name, d.state], 1)
            status.add_metric([name, d.code, d.actor], 1)
            since.add_metric([name], d.since)
        yield from (up, state, status, since)

    def _queue(self, s: HealthSnapshot) -> Iterator[Metric]:
        q = s.queue
        rows = GaugeMetricFamily("kiosk_queue_rows", "Rows in the offline queue", labels=["state"])
        rows.add_metric(["pending"], q.pending)
        rows.add_metric(["in_flight"], q.in_flight)
        rows.add_metric(["dead"], q.dead)
        yield rows
        yield GaugeMetricFamily(
            "kiosk_queue_oldest_pending_age_seconds",
            "Age of the oldest pending row (0 when none)",
            value=q.oldest_pending_s or 0.0,
        )
        yield GaugeMetricFamily(
            "kiosk_queue_last_sync_success_timestamp_seconds",
            "Last successful sync pass (unix s; 0 = never)",
            value=q.last_sync_at or 0,
        )
        sync = CounterMetricFamily(
            "kiosk_sync_attempts", "Sync passes by outcome", labels=["outcome"]
        )
        for outcome, n in self._counters.sync_series():
            sync.add_metric([outcome], n)
        yield sync

    def _visits(self) -> Iterator[Metric]:
        visits = CounterMetricFamily(
            "kiosk_visits", "Visits ended", labels=["department", "outcome"]
        )
        for department, outcome, n in self._counters.visit_series():
            visits.add_metric([department, outcome], n)
        yield visits
        counts, total, seconds = self._counters.histogram()
        buckets = [(f"{b:g}", float(c)) for b, c in zip(DURATION_BUCKETS, counts, strict=True)]
        buckets.append(("+Inf", float(total)))
        yield HistogramMetricFamily(
            "kiosk_visit_duration_seconds", "Visit length", buckets=buckets, sum_value=seconds
        )


def build_registry(snapshot: Callable[[], HealthSnapshot], counters: Counters) -> CollectorRegistry:
    """A registry of its own holding only the snapshot collector."""
    registry = CollectorRegistry(auto_describe=False)
    registry.register(SnapshotCollector(snapshot, counters))
    return registry


def exposition(registry: CollectorRegistry) -> bytes:
    """The text exposition format (what ``/metrics`` answers)."""
    return generate_latest(registry)
