"""The Alertmanager example passes amtool, pages staff and technicians by the alert's
actor, and holds device alerts back while their kiosk is down."""

from __future__ import annotations

import subprocess
from typing import Any

import pytest

from tests.deploy.fleet_files import ACTORS, ALERTMANAGER_CONFIG, alert_rules, load_yaml, run_tool


def amtool(*args: str) -> subprocess.CompletedProcess[str]:
    return run_tool("amtool", *args, timeout=60)


def receiver_for(**labels: str) -> str:
    result = amtool(
        "config",
        "routes",
        "test",
        f"--config.file={ALERTMANAGER_CONFIG}",
        *(f"{k}={v}" for k, v in labels.items()),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout.strip()


def test_config_passes_amtool_check() -> None:
    result = amtool("check-config", str(ALERTMANAGER_CONFIG))
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("labels", "receiver"),
    [
        ({"actor": "staff", "hall": "citizen-centre"}, "staff-citizen-centre"),
        ({"actor": "staff", "hall": "tax-hall", "severity": "warning"}, "staff-on-duty"),
        ({"actor": "technician", "hall": "tax-hall", "severity": "warning"}, "technician"),
        ({"actor": "technician", "hall": "tax-hall", "severity": "critical"}, "technician-urgent"),
        ({"actor": "configuration", "hall": "tax-hall", "severity": "warning"}, "technician"),
        ({"actor": "automatic", "hall": "tax-hall", "severity": "warning"}, "fleet-log"),
        ({"alertname": "Watchdog"}, "fleet-log"),
    ],
)
def test_alerts_go_to_whoever_must_act(labels: dict[str, str], receiver: str) -> None:
    assert receiver_for(**labels) == receiver


def test_every_alert_with_a_person_to_act_pages_someone() -> None:
    for rule in alert_rules():
        actor = rule.get("labels", {}).get("actor")
        if actor in ACTORS - {"automatic"}:
            got = receiver_for(actor=actor, severity=rule["labels"]["severity"], hall="x")
            assert got != "fleet-log", rule["alert"]


def config() -> dict[str, Any]:
    data: dict[str, Any] = load_yaml(ALERTMANAGER_CONFIG)
    return data


def test_alerts_are_grouped_per_hall_and_kiosk() -> None:
    assert config()["route"]["group_by"] == ["hall", "instance"]


def inhibitions(source: str) -> list[dict[str, Any]]:
    return [
        rule
        for rule in config()["inhibit_rules"]
        if f'alertname="{source}"' in rule["source_matchers"]
    ]


def test_kiosk_down_holds_back_its_own_device_alerts() -> None:
    (rule,) = inhibitions("KioskDown")
    assert "instance" in rule["equal"], "only the same kiosk's alerts are held back"
    targets = " ".join(rule["target_matchers"])
    for alert in ("KioskDeviceDown", "KioskDeviceNotRecovering", "KioskPrinterPaperOut"):
        assert alert in targets
    # A citizen waiting for help is never held back.
    assert "KioskHelpRequested" not in targets


def test_inhibitions_name_only_alerts_that_exist() -> None:
    names = {r["alert"] for r in alert_rules()}
    for rule in config()["inhibit_rules"]:
        for matcher in rule["source_matchers"] + rule["target_matchers"]:
            key, _, value = matcher.partition("=")
            if key == "alertname":
                for name in value.lstrip("~").strip('"').split("|"):
                    assert name in names, name
