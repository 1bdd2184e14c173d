"""The fleet dashboard: a current Grafana model with a Prometheus datasource variable and
hall/kiosk filters, whose every query parses and reads only contract metrics."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from tests.deploy.fleet_files import (
    BUILTIN_SERIES,
    contract_series,
    dashboard,
    dashboard_exprs,
    dashboard_panels,
    metric_names,
    run_tool,
    without_grafana_variables,
)


def variables() -> dict[str, dict[str, object]]:
    return {v["name"]: v for v in dashboard()["templating"]["list"]}


def test_model_is_current_and_filters_by_hall_and_kiosk() -> None:
    assert dashboard()["schemaVersion"] >= 36
    found = variables()
    assert found["datasource"]["type"] == "datasource"
    assert found["datasource"]["query"] == "prometheus"
    assert {"hall", "kiosk"} <= set(found)


def test_every_query_panel_uses_the_datasource_variable_and_the_filters() -> None:
    panels = [p for p in dashboard_panels() if p["type"] != "row"]
    assert panels
    for panel in panels:
        assert panel["datasource"]["uid"] == "${datasource}", panel["title"]
        assert panel["targets"], panel["title"]
        for target in panel["targets"]:
            assert "$hall" in target["expr"] and "$kiosk" in target["expr"], panel["title"]


def test_panel_ids_are_unique() -> None:
    ids = [p["id"] for p in dashboard_panels()]
    assert len(ids) == len(set(ids))


def test_overview_panels_are_present() -> None:
    titles = " | ".join(p["title"].lower() for p in dashboard_panels())
    for topic in (
        "kiosks up",
        "devices down by actor",
        "paper",
        "queue",
        "oldest",
        "sync",
        "visits per hour by department",
        "help requests",
    ):
        assert topic in titles, topic


def test_queries_read_only_contract_metrics() -> None:
    allowed = set(contract_series()) | BUILTIN_SERIES
    for title, expr in dashboard_exprs():
        names = metric_names(expr)
        assert names, f"{title}: no metric in {expr}"
        assert names <= allowed, f"{title}: {sorted(names - allowed)} not in the contract"
    for variable in variables().values():
        query = variable.get("definition")
        if isinstance(query, str):
            inner = re.sub(r"^label_values\((.*),\s*\w+\)$", r"\1", query)
            assert metric_names(inner) <= allowed, query


def test_every_query_parses(tmp_path: Path) -> None:
    # promtool has no bare "parse this expression": each query becomes a recording rule.
    exprs = dashboard_exprs()
    rules = [
        {"record": f"dashboard_query_{i}", "expr": without_grafana_variables(expr)}
        for i, (_, expr) in enumerate(exprs)
    ]
    path = tmp_path / "dashboard-queries.yml"
    path.write_text(yaml.safe_dump({"groups": [{"name": "dashboard", "rules": rules}]}))
    result = run_tool("promtool", "check", "rules", str(path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"{len(rules)} rules found" in result.stdout
