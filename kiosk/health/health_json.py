"""``/health``: the snapshot as an ``application/health+json`` document.

The IETF draft "Health Check Response Format for HTTP APIs": ``status``
(pass, warn, fail), ``version``, ``serviceId``, ``description``, ``notes`` (the
reasons) and ``checks`` keyed ``"<component>:<measurement>"``, each a list of
``{componentType, observedValue, observedUnit, status, time, output}``. The
listener answers 503 on fail and 200 otherwise. ``output`` carries stable codes
only, never personal data.
"""

from __future__ import annotations

from typing import Any

from kiosk.health.snapshot import HealthSnapshot, Status, iso

CONTENT_TYPE = "application/health+json"


def http_status(snapshot: HealthSnapshot) -> int:
    return 503 if snapshot.status == "fail" else 200


def _check(
    component_type: str,
    value: object,
    status: Status,
    at: str | None,
    *,
    unit: str = "",
    output: str = "",
    component_id: str = "",
) -> list[dict[str, Any]]:
    doc: dict[str, Any] = {"componentType": component_type, "observedValue": value}
    if component_id:
        doc["componentId"] = component_id
    if unit:
        doc["observedUnit"] = unit
    doc |= {"status": status, "time": at, "output": output}
    return [doc]


def document(s: HealthSnapshot) -> dict[str, Any]:
    at = iso(s.at)
    checks: dict[str, list[dict[str, Any]]] = {}
    for name, d in s.devices.items():
        status: Status = "warn" if not d.usable or d.actor != "automatic" else "pass"
        checks[f"{name}:status"] = _check(
            "component", d.state, status, iso(d.since), component_id=name,
            output="" if d.code == "OK" else f"{d.code} ({d.actor})",
        )  # fmt: skip
        for level, c in sorted(d.checks.items()):
            checks[f"{name}:{level}Check"] = _check(
                "component", "pass" if c.passed else "fail", "pass" if c.passed else "warn",
                iso(c.at), component_id=name, output="" if c.passed else c.code,
            )  # fmt: skip
    q = s.queue
    queue_status: Status = "fail" if not q.available else "warn" if q.dead else "pass"
    checks["queue:rows"] = _check(
        "datastore", q.pending + q.in_flight, queue_status, at, unit="rows",
        output="" if q.available else q.code,
    )  # fmt: skip
    backlog: Status = "warn" if "QUEUE_BACKLOG" in s.reasons else "pass"
    checks["queue:oldestPendingAge"] = _check(
        "datastore", q.oldest_pending_s or 0.0, backlog, at, unit="s"
    )
    stale: Status = "warn" if "SYNC_STALE" in s.reasons else "pass"
    checks["queue:lastSync"] = _check("datastore", iso(q.last_sync_at), stale, at)
    disk: Status = "warn" if "DISK_LOW" in s.reasons else "pass"
    checks["disk:freeBytes"] = _check("system", s.disk_free_bytes, disk, at, unit="bytes")
    checks["uptime"] = _check("system", round(s.uptime_s, 1), "pass", at, unit="s")
    mode_status: Status = (
        "fail" if s.mode == "out_of_service" else "warn" if s.mode == "maintenance" else "pass"
    )
    checks["kiosk:mode"] = _check("system", s.mode, mode_status, at)
    checks["help:waiting"] = _check(
        "system", s.help_waiting, "warn" if s.help_waiting else "pass", at
    )
    checks["payments:needingStaff"] = _check(
        "system", s.payments_needing_staff, "warn" if s.payments_needing_staff else "pass", at
    )
    return {
        "status": s.status,
        "version": s.version,
        "serviceId": s.kiosk_id,
        "description": f"self-service kiosk {s.kiosk_id}",
        "notes": list(s.reasons),
        "checks": checks,
    }
