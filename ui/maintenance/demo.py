"""``kiosk demo --maintenance``: a technician walks every maintenance screen, saved as PNGs.

On simulated devices and offscreen: the hidden gesture, a wrong PIN, the right
one, each console page and its actions, both languages, the out-of-service page
citizens see, and the way back into service. Restart and reboot are recorded,
never run. Every screen passes the layout audit (problems are logged).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from kiosk.app import KioskCore
from kiosk.config.schema import KioskConfig
from kiosk.maintenance.commands import RecordingRunner
from kiosk.maintenance.pins import MIN_N, hash_pin
from ui.app import application, build_window
from ui.layout_audit import audit
from ui.main_window import KioskWindow
from ui.maintenance.wiring import MaintenanceUi
from ui.visits import Recorder

log = logging.getLogger(__name__)

#: The demo's technician; the configuration is the demo's own copy, never a site's.
DEMO_TECHNICIAN, DEMO_PIN, WRONG_PIN = "07", "204817", "935170"
#: How long one action may take on the simulators before the walk goes on.
ACTION_S = 30.0


def with_demo_technician(config: KioskConfig) -> KioskConfig:
    technicians = {DEMO_TECHNICIAN: hash_pin(DEMO_PIN, n=MIN_N)}
    m = config.maintenance.model_copy(update={"technicians": technicians})
    return config.model_copy(update={"maintenance": m})


def wait_idle(ui: MaintenanceUi, timeout_s: float = ACTION_S) -> None:
    """Run the event loop until no console page waits for an action (or the time is up)."""
    app = QApplication.instance()
    deadline = time.monotonic() + timeout_s
    pages = list(ui.console.pages.values())
    while time.monotonic() < deadline:
        app.processEvents()
        if not any(page.busy for page in pages) and not ui.mode.checking:
            break
        time.sleep(0.02)
    app.processEvents()


def type_on(ui: MaintenanceUi, text: str) -> None:
    for key in text:
        ui.pin_pad.keypad.buttons[key].click()
    ui.pin_pad.ok_button.click()


def gesture(window: KioskWindow) -> None:
    """Five taps in the configured corner, as a finger would."""
    g = window.maintenance.mode.settings.gesture
    x = 4 if g.corner.endswith("left") else window.width() - 4
    y = 4 if g.corner.startswith("top") else window.height() - 4
    for _ in range(g.taps):
        QTest.mouseClick(window, Qt.MouseButton.LeftButton, pos=QPoint(x, y))


def run_maintenance_demo(
    core: KioskCore, out: Path, problems: dict[str, str] | None = None
) -> list[Path]:
    """Walk every maintenance screen once; return the PNG paths written.

    ``problems`` collects what the layout audit finds ("widget: problem" → first screen).
    """
    application()
    window = build_window(core)
    ui_settings = core.config.ui
    panel = (ui_settings.panel_width_px, ui_settings.panel_height_px)
    window.resize(*panel)
    window.show()
    ui = window.maintenance
    runner = ui.console.service_actions.runner = RecordingRunner()
    rec = Recorder(window, out)
    problems = {} if problems is None else problems

    def shot(name: str) -> None:
        wait_idle(ui)
        rec.screen(name)
        for p in audit(window, panel):
            problems.setdefault(f"{p.widget}: {p.problem}", name)

    try:
        walk(window, ui, shot)
        log.info("maintenance demo commands recorded", extra={"commands": len(runner.commands)})
    finally:
        rec.close()
        window.allow_close = True
        window.close()
    for problem, screen in problems.items():
        log.warning("layout problem", extra={"screen": screen, "problem": problem})
    return rec.saved


def walk(window: KioskWindow, ui: MaintenanceUi, shot: Callable[[str], None]) -> None:
    """The technician's walk; ``shot(name)`` is called on every screen."""
    available = [s for s, a in window.core.availability().items() if a.available]
    if "service_guide" in available:
        window.open_service("service_guide")  # a citizen is reading a guide
    gesture(window)
    shot("pin_pad-technician_number")
    type_on(ui, DEMO_TECHNICIAN)
    shot("pin_pad-pin")
    type_on(ui, WRONG_PIN)
    shot("pin_pad-wrong_pin")
    type_on(ui, DEMO_TECHNICIAN)
    type_on(ui, DEMO_PIN)
    shot("out_of_service-visit_ended")  # the citizen reads why, then the technician goes on
    ui.out_of_service.console_button.click()
    console = ui.console
    for language in ("zh", "en"):
        window.language.set(language)
        console.show_page("devices")
        shot(f"console-devices-{language}")
        console.show_page("queue")
        shot(f"console-queue-{language}")
        console.show_page("payments")
        shot(f"console-payments-{language}")
        console.show_page("service")
        shot(f"console-service-{language}")
        console.show_page("loading")
        shot(f"console-loading-{language}")
    window.language.set("zh")
    devices = console.devices_page
    console.show_page("devices")
    for name in ("printer", "camera", "payment"):
        devices.test(name)
        shot(f"device_test-{name}")
    devices.switch("printer", "paper-low")
    shot("device-printer-paper_low_scenario")
    queue = console.queue_page
    console.show_page("queue")
    queue.sync_now()
    shot("queue-synced")
    queue.export()
    shot("queue-exported")
    console.show_page("loading")
    wait_idle(ui)
    console.loading_page.scanned("A-2026-000777")  # a card's application code, scanned
    shot("loading-card_loaded")
    service = console.service_page
    console.show_page("service")
    service.paper_replaced()
    shot("service-paper_replaced")
    service.show_logs()
    shot("service-recent_log")
    service.show_config()
    shot("service-configuration")
    service.command("restart")
    service.command("restart")
    shot("service-restart_recorded")
    service.messages.buttons["printer"].click()
    service.keep_out(True)
    shot("service-kept_out_of_service")
    console.leave_button.click()
    shot("out_of_service-zh")
    window.language.set("en")
    shot("out_of_service-en")
    window.language.set("zh")
    gesture(window)
    type_on(ui, DEMO_TECHNICIAN)
    type_on(ui, DEMO_PIN)
    console.show_page("service")
    service.keep_out(False)
    console.leave_button.click()
    shot("back_in_service")
