"""The shipped Prometheus files pass promtool (check and unit tests), and every alert
carries what routing and the people reading it need."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.deploy.fleet_files import (
    ACTORS,
    ALERT_RULES,
    DEPLOY_README,
    RULE_FILES,
    RULE_TESTS,
    SCRAPE_CONFIG,
    alert_rules,
    load_yaml,
    recording_rules,
    run_tool,
)


def promtool(*args: str) -> subprocess.CompletedProcess[str]:
    return run_tool("promtool", *args)


def assert_ok(result: subprocess.CompletedProcess[str]) -> None:
    assert result.returncode == 0, f"promtool failed:\n{result.stdout}\n{result.stderr}"


@pytest.mark.parametrize("path", RULE_FILES, ids=lambda p: p.name)
def test_rule_file_passes_promtool_check(path: Path) -> None:
    assert_ok(promtool("check", "rules", str(path)))


@pytest.mark.parametrize("path", RULE_TESTS, ids=lambda p: p.name)
def test_rule_unit_tests_pass(path: Path) -> None:
    assert_ok(promtool("test", "rules", str(path)))


def test_scrape_config_passes_promtool_check() -> None:
    # Also loads the rule files it names, relative to itself.
    assert_ok(promtool("check", "config", str(SCRAPE_CONFIG)))


def test_a_broken_rule_fails_the_check(tmp_path: Path) -> None:
    # The check above can fail: promtool rejects an expression that does not parse.
    bad = tmp_path / "bad.yml"
    bad.write_text("groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: up ==\n")
    assert promtool("check", "rules", str(bad)).returncode != 0


def readme_anchors() -> set[str]:
    """GitHub-style anchors of the headings in deploy/README.md."""
    anchors = set()
    for line in DEPLOY_README.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            title = line.lstrip("#").strip().lower()
            anchors.add(re.sub(r"[^\w\- ]", "", title).replace(" ", "-"))
    return anchors


def actor_of(rule: dict[str, Any]) -> set[str]:
    """The actors an alert can carry: its actor label, or (for device alerts) the values
    its expression takes from kiosk_device_status and its fallback."""
    labels = rule.get("labels", {})
    if "actor" in labels:
        return {labels["actor"]}
    expr = rule["expr"]
    assert re.search(r"group_left\([^)]*\bactor\b", expr), f"{rule['alert']}: no actor"
    return set(ACTORS)


@pytest.mark.parametrize("rule", alert_rules(), ids=lambda r: r["alert"])
def test_alert_has_routing_labels_and_plain_annotations(rule: dict[str, Any]) -> None:
    assert rule.get("labels", {}).get("severity") in {"critical", "warning"}
    assert actor_of(rule) <= ACTORS
    notes = rule.get("annotations", {})
    assert set(notes) >= {"summary", "summary_zh", "description", "runbook"}
    assert re.search(r"[\u4e00-\u9fff]", notes["summary_zh"]), "summary_zh has no Chinese"
    assert "{{ $labels.instance }}" in notes["summary"], "the summary names the kiosk"
    page, _, anchor = notes["runbook"].partition("#")
    assert page == "deploy/README.md"
    assert anchor in readme_anchors(), f"deploy/README.md has no section #{anchor}"


def unit_tests() -> list[dict[str, Any]]:
    return [case for path in RULE_TESTS for case in load_yaml(path)["tests"]]


def test_every_alert_is_tested_firing_and_not_firing() -> None:
    firing: set[str] = set()
    quiet: set[str] = set()
    for case in unit_tests():
        for check in case.get("alert_rule_test", []):
            (firing if check.get("exp_alerts") else quiet).add(check["alertname"])
    names = {r["alert"] for r in alert_rules()}
    assert names - firing == set(), "alerts never tested firing"
    assert names - quiet == set(), "alerts never tested staying quiet"


def test_every_expected_alert_asserts_its_routing_labels() -> None:
    for case in unit_tests():
        for check in case.get("alert_rule_test", []):
            for alert in check.get("exp_alerts") or []:
                labels = alert["exp_labels"]
                assert labels.get("actor") in ACTORS, (check["alertname"], labels)
                assert labels.get("severity"), (check["alertname"], labels)
                assert {"instance", "hall"} <= set(labels), (check["alertname"], labels)


def test_device_down_alerts_route_by_the_device_status_actor() -> None:
    actors = {
        alert["exp_labels"]["actor"]
        for case in unit_tests()
        for check in case.get("alert_rule_test", [])
        if check["alertname"] == "KioskDeviceDown"
        for alert in check.get("exp_alerts") or []
    }
    assert {"staff", "technician", "automatic"} <= actors


def test_every_recording_rule_is_tested() -> None:
    tested = {
        check["expr"].strip() for case in unit_tests() for check in case.get("promql_expr_test", [])
    }
    assert {r["record"] for r in recording_rules()} - tested == set()


def test_alert_file_is_the_one_the_scrape_config_loads() -> None:
    config = load_yaml(SCRAPE_CONFIG)
    loaded = {(SCRAPE_CONFIG.parent / f).resolve() for f in config["rule_files"]}
    assert {p.resolve() for p in RULE_FILES} == loaded
    assert ALERT_RULES.resolve() in loaded


def test_scrape_config_scrapes_kiosks_every_30_seconds_with_hall_and_kiosk_labels() -> None:
    config = load_yaml(SCRAPE_CONFIG)
    (job,) = [j for j in config["scrape_configs"] if j["job_name"] == "kiosk"]
    assert job.get("scrape_interval", config["global"]["scrape_interval"]) == "30s"
    targets = {r.get("target_label") for r in job["relabel_configs"]}
    assert {"hall", "instance"} <= targets
    # The per-kiosk series budget of the contract, with headroom, bounds every scrape.
    assert 200 <= job["sample_limit"] <= 1000


def discovered_targets(config: Path) -> list[dict[str, str]]:
    """The targets promtool's service discovery keeps for job kiosk, after relabelling
    (a dropped target comes back with no labels)."""
    args = ("check", "service-discovery", config.name, "kiosk", "--timeout=2s")
    result = run_tool("promtool", *args, timeout=60, cwd=config.parent)
    assert result.returncode == 0, result.stdout + result.stderr
    return [target["labels"] for target in json.loads(result.stdout) if target["labels"]]


def test_shipped_targets_name_hall_and_kiosk() -> None:
    targets = discovered_targets(SCRAPE_CONFIG)
    assert targets
    for labels in targets:
        assert labels["hall"] == "citizen-centre"
        assert labels["instance"] == labels["kiosk_id"]


def test_relabelling_takes_hall_from_the_file_and_drops_kiosks_without_an_id(
    tmp_path: Path,
) -> None:
    shutil.copy(SCRAPE_CONFIG, tmp_path / SCRAPE_CONFIG.name)
    (tmp_path / "targets").mkdir()
    (tmp_path / "targets" / "tax-hall.yml").write_text(
        "- targets: ['10.0.0.1:9464']\n  labels: {kiosk_id: TX-01}\n"
        "- targets: ['10.0.0.2:9464']\n  labels: {kiosk_id: TX-02, hall: tax-annex}\n"
        "- targets: ['10.0.0.3:9464']\n"
    )
    # promtool also loads the rule files the config names.
    shutil.copytree(SCRAPE_CONFIG.parent / "rules", tmp_path / "rules")
    found = {
        t["__address__"]: (t["instance"], t["hall"])
        for t in discovered_targets(tmp_path / SCRAPE_CONFIG.name)
    }
    assert found == {
        "10.0.0.1:9464": ("TX-01", "tax-hall"),
        "10.0.0.2:9464": ("TX-02", "tax-annex"),
    }
