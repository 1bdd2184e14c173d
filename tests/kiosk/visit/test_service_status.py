"""The kiosk's one-line status for systemd names the screen and service, never the citizen."""

from __future__ import annotations

from types import SimpleNamespace
from typing import cast

from kiosk.flow.engine import Flow
from kiosk.visit.events import Notice, ShowFlow, ShowHome
from kiosk.visit.service_status import HOME, status_line, status_reporter


def test_home_and_a_visit_have_a_status() -> None:
    flow = cast(Flow, SimpleNamespace(service=SimpleNamespace(id="id_card_reissue")))
    assert status_line(ShowHome()) == HOME
    assert status_line(ShowFlow(flow)) == "visit: id_card_reissue"
    assert status_line(Notice("printer_jam")) is None


def test_the_reporter_sends_only_screen_changes() -> None:
    sent: list[str] = []
    report = status_reporter(sent.append)
    report(Notice("printer_jam"))
    report(ShowHome())
    assert sent == [f"STATUS={HOME}"]
