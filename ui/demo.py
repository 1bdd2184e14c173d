"""Drive the real UI offscreen through scripted visits and save every screen.

Used by ``kiosk demo``: it shows what a citizen sees, on simulated devices,
without a display, and leaves PNGs for people to look at.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEventLoop
from PySide6.QtWidgets import QApplication

from kiosk.app import KioskCore
from kiosk.session import EndReason
from ui.app import application, build_window
from ui.main_window import KioskWindow

log = logging.getLogger(__name__)


class DemoRecorder:
    """Saves numbered screenshots of the window into ``out``."""

    def __init__(self, window: KioskWindow, out: Path) -> None:
        self.window = window
        self.out = out
        self.saved: list[Path] = []
        out.mkdir(parents=True, exist_ok=True)

    def settle(self) -> None:
        for _ in range(3):
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)

    def wait_until(self, predicate: Callable[[], bool], timeout_s: float = 15.0) -> None:
        """Run the event loop until ``predicate()`` holds (queue commits, device replies)."""
        deadline = time.monotonic() + timeout_s
        while not predicate():
            if time.monotonic() > deadline:
                raise TimeoutError("demo step did not finish in time")
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)

    def shot(self, name: str) -> Path:
        self.settle()
        path = self.out / f"{len(self.saved) + 1:03d}-{name}.png"
        if not self.window.grab().save(str(path)):
            raise OSError(f"could not write {path}")
        self.saved.append(path)
        return path


def home_screens(window: KioskWindow, rec: DemoRecorder) -> None:
    rec.shot("home-zh")
    window.language.set("en")
    rec.shot("home-en")
    window.language.set("zh")
    window.set_large_type(True)
    rec.shot("home-large-type-zh")
    window.language.set("en")
    rec.shot("home-large-type-en")
    window.end_session(EndReason.TIMEOUT)


def rate(window: KioskWindow, rec: DemoRecorder, name: str, grade: str, reason: str = "") -> None:
    page = window.flow_host.current_page
    page.grades.buttons[grade].click()
    if reason:
        page.reasons.buttons[reason].click()
    rec.shot(f"{name}-rating")
    page.send_button.click()
    rec.wait_until(
        lambda: window.core.sessions.current is None or window.flow_host.error_banner.isVisible()
    )


def walk_guide(window: KioskWindow, rec: DemoRecorder, name: str) -> None:
    page = window.flow_host.current_page
    rec.shot(f"{name}-start")
    page.departments.buttons["人社"].click()
    rec.shot(f"{name}-department")
    page.done_button.click()
    rate(window, rec, name, "5")


def walk_complaint(window: KioskWindow, rec: DemoRecorder, name: str) -> None:
    page = window.flow_host.current_page
    page.categories.buttons["could_not_get_done"].click()
    page.reasons.buttons["materials_unclear"].click()
    for key in "13800138000":
        page.keypad.buttons[key].click()
    rec.shot(f"{name}-form")
    page.send_button.click()
    rec.wait_until(lambda: window.flow.current.kind == "rating")
    rate(window, rec, name, "2", "not_done")


#: Scripted citizens per service; other services are opened and shown.
WALKERS: dict[str, Callable[[KioskWindow, DemoRecorder, str], None]] = {
    "service_guide": walk_guide,
    "complaint": walk_complaint,
}


def visit_service(window: KioskWindow, rec: DemoRecorder, service_id: str, language: str) -> None:
    window.language.set(language)
    window.open_service(service_id)
    name = f"{service_id}-{language}"
    walker = WALKERS.get(service_id)
    if walker is not None and window.flow is not None:
        walker(window, rec, name)
        rec.settle()
    else:
        rec.shot(name)
    if window.core.sessions.current is not None:
        window.end_session(EndReason.COMPLETED)


def idle_prompt(window: KioskWindow, rec: DemoRecorder) -> None:
    available = [sid for sid, a in window.core.availability().items() if a.available]
    window.open_service(available[0])
    window.idle_prompt.show_countdown(window.core.config.timeouts.prompt_s)
    rec.shot("idle-prompt-zh")
    window.end_session(EndReason.TIMEOUT)


Scene = Callable[[KioskWindow, DemoRecorder], None]


def run_demo(core: KioskCore, out: Path, sessions: int = 1) -> list[Path]:
    """Run the scripted visits; return the PNG paths written."""
    app: QApplication = application()
    window = build_window(core)
    ui = core.config.ui
    window.resize(ui.panel_width_px, ui.panel_height_px)
    window.show()
    rec = DemoRecorder(window, out)
    try:
        home_screens(window, rec)
        available = [sid for sid, a in core.availability().items() if a.available]
        for i in range(max(1, sessions)):
            for service_id in available:
                visit_service(window, rec, service_id, "zh" if i % 2 == 0 else "en")
        idle_prompt(window, rec)
    finally:
        window.allow_close = True
        window.close()
        app.processEvents()
    return rec.saved
