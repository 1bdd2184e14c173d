"""Drive the real UI offscreen through scripted visits and save every screen.

Used by ``kiosk demo``: it shows what a citizen sees, on simulated devices,
without a display, and leaves PNGs for people to look at.
"""

from __future__ import annotations

import logging
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


def visit_service(window: KioskWindow, rec: DemoRecorder, service_id: str, language: str) -> None:
    window.language.set(language)
    window.open_service(service_id)
    rec.shot(f"{service_id}-{language}")
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
