"""Drive the real UI offscreen through scripted visits and save every screen and slip.

Used by ``kiosk demo``: it shows what a citizen sees, on simulated devices,
without a display, and leaves PNGs for people to look at. Every available
service of the catalogue (or the one asked for) is walked ``sessions`` times by a
scripted citizen (``ui.visits``) whose language, 长辈版, payment and rating vary by
visit unless fixed; ``faults`` adds the fault scenes (``ui.visits.faults``). The
layout audit looks at every screen; its count is the demo's last word.
"""

from __future__ import annotations

import dataclasses
import logging
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtWidgets import QApplication

from kiosk.app import KioskCore
from kiosk.visit.session import EndReason
from ui import icons
from ui.app import application, build_window
from ui.layout_audit import audit, target_gap_px
from ui.main_window import KioskWindow
from ui.visits import Recorder, Visitor, VisitPlan
from ui.visits.faults import SCENES

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class DemoOptions:
    sessions: int = 1
    language: str | None = None  # "zh" or "en" for every visit; None: they vary
    large_type: bool | None = None  # 长辈版 for every visit; None: it varies
    service: str | None = None  # only this service
    faults: bool = False  # the fault scenes too


@dataclass
class DemoReport:
    saved: list[Path] = field(default_factory=list)
    #: "widget: problem" → the first screen it was seen on.
    problems: dict[str, str] = field(default_factory=dict)


def home_screens(window: KioskWindow, rec: Recorder, on_screen=None) -> None:
    """The home screen in both languages, normal and 长辈版, switched with the top bar's buttons."""
    bar = window.top_bar

    def screen(name: str) -> None:
        rec.screen(name)
        if on_screen is not None:
            on_screen(name)

    screen("home-zh")
    bar.language_button.click()
    screen("home-en")
    bar.language_button.click()
    bar.large_type_button.click()
    screen("home-large_type-zh")
    bar.language_button.click()
    screen("home-large_type-en")
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


def help_dialog(window: KioskWindow, rec: Recorder, on_screen) -> None:
    """The dialog after "请工作人员协助" (as the hall's hours are now)."""
    window.top_bar.help_button.click()
    rec.screen("help_dialog")
    on_screen("help_dialog")
    window.overlays.help_dialog.ok_button.click()


def run_demo(core: KioskCore, out: Path, sessions: int = 1) -> list[Path]:
    """Walk every available service ``sessions`` times; return the PNG paths written."""
    return run_demo_report(core, out, DemoOptions(sessions=sessions)).saved


def run_demo_report(
    core: KioskCore, out: Path, options: DemoOptions, report: DemoReport | None = None
) -> DemoReport:
    """The demo with ``options``: the PNGs written and the layout problems seen.

    ``report`` is filled as the demo goes, so a caller has what was seen even when a
    scripted visit fails.
    """
    app: QApplication = application()
    window = build_window(core)
    icons.load()  # the screens as a citizen sees them, not before the warm-up got to it
    ui = core.config.ui
    window.resize(ui.panel_width_px, ui.panel_height_px)
    window.show()
    rec = Recorder(window, out)
    panel = (ui.panel_width_px, ui.panel_height_px)
    gap = target_gap_px(ui)
    report = report if report is not None else DemoReport()

    def check_layout(screen: str) -> None:
        # The widgets' texts stay out of the log (they may echo what was typed).
        for p in audit(window, panel, gap):
            report.problems.setdefault(f"{p.widget}: {p.problem}", screen)

    def plan_for(number: int, session: int) -> VisitPlan:
        plan = VisitPlan.for_visit(number, session)
        if options.language is not None:
            plan = dataclasses.replace(plan, language=options.language)
        if options.large_type is not None:
            plan = dataclasses.replace(plan, large_type=options.large_type)
        return plan

    visitor = Visitor(window, rec, on_screen=check_layout)
    try:
        home_screens(window, rec, check_layout)
        available = [sid for sid, a in core.availability().items() if a.available]
        if options.service is not None:
            if options.service not in core.availability():
                raise ValueError(f"no service {options.service!r} in the catalogue")
            available = [sid for sid in available if sid == options.service]
        unavailable = sorted(set(core.availability()) - set(available))
        if unavailable:
            log.warning("services not walked", extra={"services": unavailable})
        number = 0
        for session in range(max(1, options.sessions)):
            for service_id in available:
                visitor.visit(service_id, plan_for(number, session))
                number += 1
        rec.screen("home-after_visits")  # what the last visit left: a reminder, its reprint offer
        help_dialog(window, rec, check_layout)
        if options.faults:
            for name, scene in SCENES.items():
                visitor.record = None
                log.info("fault scene", extra={"scene": name})
                scene(visitor, plan_for(number, 0))
                number += 1
        idle_prompt(window, rec)
        for problem, screen in report.problems.items():
            log.warning("layout problem", extra={"screen": screen, "problem": problem})
    finally:
        report.saved = rec.saved
        try:
            rec.close()
        finally:
            window.allow_close = True
            window.close()
            app.processEvents()
    return report
