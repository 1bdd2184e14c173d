"""Whole visits through the window: no snapshot, heartbeat, /health or /metrics holds personal data.

An ID-card renewal (card read, face, fingers, fee) and a complaint with a phone
number are walked by the scripted citizen on the simulated devices. On every
screen of both visits, and after them, the health snapshot JSON, the health+json
document, the Prometheus exposition and the heartbeat the platform simulator
received are searched for the visit's ID number, name, address and phone.
"""

from __future__ import annotations

import json

import pytest

from drivers.idcard.profiles import PROFILES
from kiosk.app import KioskCore
from kiosk.health.health_json import document
from ui.main_window import KioskWindow
from ui.visits import Visitor, VisitPlan


@pytest.fixture
def site_toml() -> str:
    return '[health]\nlisten = "127.0.0.1:0"\nheartbeat_s = 0.5\n'


def reports(core: KioskCore) -> list[str]:
    snap = core.health.snapshot()
    docs = [snap.as_dict(), snap.heartbeat_body(), document(snap)]
    out = [json.dumps(d, ensure_ascii=False) for d in docs] + [json.dumps(d) for d in docs]
    out.append(core.health.metrics_response()[2].decode())
    out.append(core.health.health_response()[2].decode())
    received = core.queue.simulator.store.last_heartbeat(core.config.kiosk.id)
    out.append(json.dumps(received, ensure_ascii=False))
    return out


def test_whole_visits_leave_no_personal_data_in_any_health_report(window: KioskWindow) -> None:
    core = window.core
    seen: list[str] = []
    visitor = Visitor(window, on_screen=lambda name: seen.extend(reports(core)))

    plan = VisitPlan.for_visit(0)
    assert plan.phone  # this plan leaves a phone number with the complaint
    renewal = visitor.visit("id_card_renewal", plan)
    complaint = visitor.visit("complaint", plan)
    assert renewal.ended == complaint.ended == "completed"
    core.request_help("home")
    seen.extend(reports(core))

    card = PROFILES[plan.card_profile].fields
    personal = {
        "ID number": renewal.id_number,
        "name": card["name"],
        "address": card["address"],
        "phone": plan.phone,
    }
    assert all(personal.values()) and renewal.id_number == card["id_number"]
    assert len(seen) > 20  # reports were taken on the screens of both visits
    for text in seen:
        for what, value in personal.items():
            assert value not in text, f"the {what} is in a health report"
    # What the reports do say: the visits and the help request were counted.
    metrics = core.health.metrics_response()[2].decode()
    assert 'kiosk_visits_total{department="general",outcome="completed"} 1.0' in metrics
    assert "kiosk_help_requests_waiting 1.0" in metrics
