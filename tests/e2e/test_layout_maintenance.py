"""Every maintenance screen fits the panel and shows its whole text, in Chinese and English.

The demo's technician walk (``ui.maintenance.demo.walk``: the PIN pad, a wrong
PIN, the console's four pages in both languages, device tests, queue and
service actions, the out-of-service page) runs on the simulated devices, and
``ui.layout_audit`` looks at every screen it passes.
"""

from __future__ import annotations

import pytest

from kiosk.maintenance.commands import RecordingRunner
from kiosk.maintenance.mode import Mode
from kiosk.maintenance.pins import MIN_N, hash_pin
from ui.layout_audit import audit
from ui.main_window import KioskWindow
from ui.maintenance.demo import DEMO_PIN, DEMO_TECHNICIAN, wait_idle, walk
from ui.visits.recorder import settle


@pytest.fixture
def site_toml() -> str:
    pin_hash = hash_pin(DEMO_PIN, n=MIN_N)
    return f'[maintenance.technicians]\n"{DEMO_TECHNICIAN}" = "{pin_hash}"\n'


def test_every_maintenance_screen_fits_and_shows_its_whole_text(window: KioskWindow) -> None:
    ui = window.maintenance
    runner = ui.console.service_actions.runner = RecordingRunner()
    settings = window.core.config.ui
    panel = (settings.panel_width_px, settings.panel_height_px)
    seen: list[str] = []
    problems: dict[str, str] = {}

    def check(screen: str) -> None:
        wait_idle(ui)
        settle(window)
        seen.append(screen)
        for problem in audit(window, panel):
            problems.setdefault(str(problem), screen)

    walk(window, ui, check)

    assert len(seen) >= 20
    assert {"console-devices-en", "console-service-zh", "out_of_service-en"} <= set(seen)
    assert problems == {}, "\n".join(f"{screen}: {p}" for p, screen in problems.items())
    assert runner.commands == [list(window.core.config.maintenance.restart_command)]
    assert ui.mode.mode is Mode.SERVING and not ui.overlay.isVisible()
