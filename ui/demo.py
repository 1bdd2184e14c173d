"""Drive the real UI offscreen through scripted visits and save every screen and slip.

Used by ``kiosk demo``: it shows what a citizen sees, on simulated devices,
without a display, and leaves PNGs for people to look at. Every available
service of the catalogue is walked ``sessions`` times by a scripted citizen
(``ui.visits``) whose language, 长辈版, payment and rating vary by visit.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtWidgets import QApplication

from kiosk.app import KioskCore
from kiosk.visit.session import EndReason
from ui.app import application, build_window
from ui.layout_audit import audit
from ui.main_window import KioskWindow
from ui.visits import Recorder, Visitor, VisitPlan

log = logging.getLogger(__name__)


def home_screens(window: KioskWindow, rec: Recorder) -> None:
    """The home screen in both languages, normal and 长辈版, switched with the top bar's buttons."""
    bar = window.top_bar
    rec.screen("home-zh")
    bar.language_button.click()
    rec.screen("home-en")
    bar.language_button.click()
    bar.large_type_button.click()
    rec.screen("home-large_type-zh")
    bar.language_button.click()
    rec.screen("home-large_type-en")
    window.end_session(EndReason.TIMEOUT)  # what the idle timer does: back to the defaults


def idle_prompt(window: KioskWindow, rec: Recorder) -> None:
    """The "还需要更多时间吗？" prompt over a service's first step."""
    available = [sid for sid, a in window.core.availability().items() if a.available]
    if not available:
        return
    window.open_service(available[0])
    window.idle_prompt.show_countdown(window.core.config.timeouts.prompt_s)
    rec.screen("idle_prompt-zh")
    window.end_session(EndReason.TIMEOUT)


def run_demo(core: KioskCore, out: Path, sessions: int = 1) -> list[Path]:
    """Walk every available service ``sessions`` times; return the PNG paths written."""
    app: QApplication = application()
    window = build_window(core)
    ui = core.config.ui
    window.resize(ui.panel_width_px, ui.panel_height_px)
    window.show()
    rec = Recorder(window, out)
    panel = (ui.panel_width_px, ui.panel_height_px)
    problems: dict[str, str] = {}  # widget and problem → the first screen it was seen on

    def check_layout(screen: str) -> None:
        # The widgets' texts stay out of the log (they may echo what was typed).
        for p in audit(window, panel):
            problems.setdefault(f"{p.widget}: {p.problem}", screen)

    visitor = Visitor(window, rec, on_screen=check_layout)
    try:
        home_screens(window, rec)
        available = [sid for sid, a in core.availability().items() if a.available]
        unavailable = sorted(set(core.availability()) - set(available))
        if unavailable:
            log.warning("services not walked (devices down)", extra={"services": unavailable})
        number = 0
        for session in range(max(1, sessions)):
            for service_id in available:
                visitor.visit(service_id, VisitPlan.for_visit(number, session))
                number += 1
        rec.screen("home-after_visits")  # what the last visit left: a reminder, its reprint offer
        idle_prompt(window, rec)
        for problem, screen in problems.items():
            log.warning("layout problem", extra={"screen": screen, "problem": problem})
    finally:
        try:
            rec.close()
        finally:
            window.allow_close = True
            window.close()
            app.processEvents()
    return rec.saved
