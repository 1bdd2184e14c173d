"""The metric names in deploy/ are exactly those of the contract in
deploy/prometheus/metrics.md (the file the exporter is checked against): none unknown
(a typo would make an alert that never fires), none left unwatched."""

from __future__ import annotations

import re
from pathlib import Path

from tests.deploy.fleet_files import (
    BUILTIN_SERIES,
    CONTRACT,
    DEPLOY,
    RULE_FILES,
    RULE_TESTS,
    contract_label_names,
    contract_metrics,
    contract_series,
    dashboard_exprs,
    load_yaml,
    metric_names,
    recording_rules,
    rules,
    series_names,
)


def recorded() -> set[str]:
    return {r["record"] for r in recording_rules()}


def used_in_rules() -> set[str]:
    return {name for path in RULE_FILES for r in rules(path) for name in metric_names(r["expr"])}


def used_in_rule_tests() -> set[str]:
    names: set[str] = set()
    for path in RULE_TESTS:
        for case in load_yaml(path)["tests"]:
            for series in case.get("input_series", []):
                names |= series_names(series["series"])
            for check in case.get("promql_expr_test", []):
                names |= metric_names(check["expr"])
                for sample in check.get("exp_samples") or []:
                    names |= series_names(sample["labels"])
    return names


def used_in_dashboard() -> set[str]:
    return {name for _, expr in dashboard_exprs() for name in metric_names(expr)}


def test_contract_table_is_read() -> None:
    metrics = contract_metrics()
    assert len(metrics) >= 20
    assert metrics["kiosk_device_up"].startswith("gauge")
    assert "kiosk_visit_duration_seconds_bucket" in contract_series()


def test_names_extracted_from_promql() -> None:
    expr = (
        'sum by (hall) (rate(kiosk_visits_total{department=~"a|b"}[5m])) '
        "* on(instance) group_left(actor) kiosk_device_status offset 5m > bool 1e3"
    )
    assert metric_names(expr) == {"kiosk_visits_total", "kiosk_device_status"}


def test_rules_tests_and_dashboard_use_only_contract_names() -> None:
    allowed = set(contract_series()) | BUILTIN_SERIES | recorded()
    for where, names in (
        ("rules", used_in_rules()),
        ("rule tests", used_in_rule_tests()),
        ("dashboard", used_in_dashboard()),
    ):
        assert names - allowed == set(), f"{where} use names outside the contract"


def test_every_contract_metric_is_watched() -> None:
    series = contract_series()
    watched = {series[n] for n in used_in_rules() | used_in_dashboard() if n in series}
    assert set(contract_metrics()) - watched == set(), "contract metrics no rule or panel reads"


def test_no_other_kiosk_name_appears_in_the_monitoring_files() -> None:
    # A sweep of the raw text (comments, annotations, README) for kiosk_* words.
    known = set(contract_series()) | contract_label_names()
    files = [
        p
        for sub in ("prometheus", "alertmanager", "grafana")
        for p in (DEPLOY / sub).rglob("*")
        if p.is_file() and p != CONTRACT
    ]
    files.append(DEPLOY / "README.md")
    for path in files:
        words = set(re.findall(r"\bkiosk_[a-z0-9_]*[a-z0-9]", path.read_text(encoding="utf-8")))
        assert words - known == set(), f"{Path(path).relative_to(DEPLOY)}"
