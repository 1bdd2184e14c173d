"""The shipped fleet monitoring files, read for the deploy tests: the metrics contract
table, the rule files and their promtool tests, the dashboard, and the metric names a
PromQL expression refers to."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import yaml

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"
PROMETHEUS = DEPLOY / "prometheus"
CONTRACT = PROMETHEUS / "metrics.md"
ALERT_RULES = PROMETHEUS / "rules" / "kiosk-alerts.yml"
FLEET_RULES = PROMETHEUS / "rules" / "kiosk-fleet.yml"
RULE_FILES = (ALERT_RULES, FLEET_RULES)
RULE_TESTS = (
    PROMETHEUS / "tests" / "kiosk-alerts.test.yml",
    PROMETHEUS / "tests" / "kiosk-fleet.test.yml",
)
SCRAPE_CONFIG = PROMETHEUS / "prometheus.yml"
ALERTMANAGER_CONFIG = DEPLOY / "alertmanager" / "alertmanager.yml"
DASHBOARD = DEPLOY / "grafana" / "kiosk-fleet.json"
DEPLOY_README = DEPLOY / "README.md"

#: Series Prometheus makes itself for every target.
BUILTIN_SERIES = frozenset(
    {"up", "scrape_duration_seconds", "scrape_samples_scraped", "scrape_series_added"}
)
ACTORS = frozenset({"automatic", "staff", "technician", "configuration"})


def tool(name: str) -> str:
    """The path of a Prometheus command-line tool. CI installs it (deploy/setup.sh), so a
    missing tool fails the test instead of skipping it."""
    path = shutil.which(name)
    assert path, f"{name} not found: deploy/setup.sh installs it (Debian prometheus packages)"
    return path


def run_tool(
    name: str, *args: str, timeout: float = 120, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """Run a Prometheus command-line tool (see :func:`tool`); its output is kept for messages."""
    return subprocess.run(
        [tool(name), *args], capture_output=True, text=True, timeout=timeout, check=False, cwd=cwd
    )


def load_yaml(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def contract_metrics() -> dict[str, str]:
    """Metric name -> type, from the table in deploy/prometheus/metrics.md."""
    rows: dict[str, str] = {}
    for line in CONTRACT.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) >= 4 and re.fullmatch(r"kiosk_[a-z0-9_]+", cells[0]):
            rows[cells[0]] = cells[1]
    return rows


def contract_series() -> dict[str, str]:
    """Every series name the contract's metrics expose -> the metric it belongs to
    (a histogram exposes _bucket, _sum and _count)."""
    series: dict[str, str] = {}
    for name, kind in contract_metrics().items():
        series[name] = name
        if kind.startswith("histogram"):
            for suffix in ("_bucket", "_sum", "_count"):
                series[name + suffix] = name
    return series


def contract_label_names() -> frozenset[str]:
    """kiosk_* words of the contract that are not metrics: its label names (kiosk_id)."""
    words = re.findall(r"\bkiosk_[a-z0-9_]*[a-z0-9]", CONTRACT.read_text(encoding="utf-8"))
    return frozenset(words) - set(contract_metrics())


def rules(path: Path) -> list[dict[str, Any]]:
    doc = load_yaml(path)
    return [rule for group in doc["groups"] for rule in group["rules"]]


def alert_rules() -> list[dict[str, Any]]:
    return [r for r in rules(ALERT_RULES) if "alert" in r]


def recording_rules() -> list[dict[str, Any]]:
    return [r for p in RULE_FILES for r in rules(p) if "record" in r]


def dashboard() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(DASHBOARD.read_text(encoding="utf-8"))
    return data


def dashboard_panels() -> list[dict[str, Any]]:
    """Every panel, rows' collapsed panels included."""
    out: list[dict[str, Any]] = []
    for panel in dashboard()["panels"]:
        out.append(panel)
        out.extend(panel.get("panels", []))
    return out


def dashboard_exprs() -> list[tuple[str, str]]:
    """(panel title, PromQL) for every query target of every panel."""
    return [
        (panel["title"], target["expr"])
        for panel in dashboard_panels()
        for target in panel.get("targets", [])
    ]


# Grafana's own variables, replaced by something PromQL accepts where they stand.
_GRAFANA_VARIABLES = (
    (re.compile(r"\$__(rate_interval|interval|range)\b"), "5m"),
    (re.compile(r"\$\{[^}]*\}|\$\w+"), ".*"),
)


def without_grafana_variables(expr: str) -> str:
    for pattern, value in _GRAFANA_VARIABLES:
        expr = pattern.sub(value, expr)
    return expr


_STRINGS = re.compile(r'"(?:[^"\\]|\\.)*"|\'(?:[^\'\\]|\\.)*\'|`[^`]*`')
_MATCHERS = re.compile(r"\{[^}]*\}")
_RANGES = re.compile(r"\[[^\]]*\]")
_LABEL_LISTS = re.compile(
    r"\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)", re.IGNORECASE
)
_IDENTIFIER = re.compile(r"(?<![\w.:])([A-Za-z_:][A-Za-z0-9_:]*)(?![\w:])(?!\s*\()")
_KEYWORDS = frozenset(
    {
        "and",
        "or",
        "unless",
        "by",
        "without",
        "on",
        "ignoring",
        "group_left",
        "group_right",
        "bool",
        "offset",
        "inf",
        "nan",
    }
)


def metric_names(expr: str) -> set[str]:
    """The metric names a PromQL expression selects: identifiers that are not
    functions, keywords, label names (in matchers and label lists) or strings."""
    text = _STRINGS.sub('""', without_grafana_variables(expr))
    text = _MATCHERS.sub("", text)
    text = _RANGES.sub("", text)
    text = _LABEL_LISTS.sub("", text)
    return {name for name in _IDENTIFIER.findall(text) if name.lower() not in _KEYWORDS}


def series_names(selector: str) -> set[str]:
    """The metric name of a promtool input series such as 'kiosk_device_up{device="x"}'."""
    name = selector.split("{", 1)[0].strip()
    return {name} if name else set()
