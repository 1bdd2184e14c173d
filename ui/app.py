"""Create the Qt application and run the kiosk."""

from __future__ import annotations

import logging
import resource
import signal
import threading

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QCursor, QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from kiosk import sdnotify
from kiosk.app import KioskCore
from kiosk.visit import service_status
from ui import font_pins
from ui.frame_ping import FramePing
from ui.main_window import KioskWindow

log = logging.getLogger(__name__)

# Sans-serif families with full CJK coverage, best first (Debian: fonts-noto-cjk).
CJK_FAMILIES = (
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Noto Sans SC",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
)


class FontMissingError(RuntimeError):
    """No font with Chinese characters is installed: citizens would see boxes."""


def application() -> QApplication:
    app = QApplication.instance()
    if app is None:
        app = QApplication(["kiosk"])
        # The Wayland app_id: the compositor's config keeps "kiosk" and closes any other.
        app.setDesktopFileName("kiosk")
    assert isinstance(app, QApplication)
    return app


def configure_font(app: QApplication) -> str:
    """Use the best installed CJK family for every widget; return its name."""
    families = set(QFontDatabase.families())
    for family in CJK_FAMILIES:
        if family in families:
            font = QFont(family)
            font.setStyleStrategy(QFont.StyleStrategy.PreferAntialias)
            app.setFont(font)
            # The stylesheets use two weights: normal and bold, two files of the family.
            # The system's sans-serif is held too: fontconfig falls back to it for a
            # character the family lacks (a symbol, say).
            fallback = QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont).family()
            for held in (family, fallback):
                font_pins.hold(held)
                font_pins.hold(held, QFont.Weight.Bold)
            return family
    raise FontMissingError(
        "no CJK font found (install fonts-noto-cjk); looked for: " + ", ".join(CJK_FAMILIES)
    )


def hide_cursor(app: QApplication, hide: bool) -> None:
    """No pointer on a touch panel ([ui] hide_cursor): a blank cursor over the kiosk."""
    if hide:
        app.setOverrideCursor(QCursor(Qt.CursorShape.BlankCursor))


def build_window(core: KioskCore, fullscreen: bool = False) -> KioskWindow:
    app = application()
    configure_font(app)
    return KioskWindow(core, kiosk_flags=fullscreen)


def run(core: KioskCore, windowed: bool, smoke_test: bool = False) -> int:
    """Run the kiosk until the process is told to stop (SIGTERM/SIGINT).

    The home screen is shown first; devices and the queue come up on a
    background thread and their services enable themselves as they report in.
    With ``smoke_test`` it prints ``kiosk ready`` as soon as the home screen
    takes input, waits for the devices, and exits: a start-up check.
    """
    app = application()
    fullscreen = core.config.ui.fullscreen and not windowed
    window = build_window(core, fullscreen)
    window.show_kiosk(fullscreen)
    starting = threading.Thread(target=core.start, name="kiosk-start", daemon=True)

    def shutdown(*_: object) -> None:
        window.allow_close = True
        window.close()
        app.quit()

    # Runs once the event loop has handled the show and paint events.
    QTimer.singleShot(0, starting.start)
    # The speech engine and the step pages (numpy, the face engine) load behind
    # the first paint: KioskWindow.warm_up, while nobody is using the kiosk yet.
    if smoke_test:

        def ready() -> None:
            print("kiosk ready", flush=True)
            # Peak RSS so far: the memory it took to reach an interactive home screen.
            peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
            print(f"peak-rss-kib {peak_kib}", flush=True)
            starting.join(60)  # stop only after start-up, never during it
            print("kiosk started" if not starting.is_alive() else "kiosk start hung", flush=True)
            shutdown()

        QTimer.singleShot(0, ready)

    # Readiness from the GUI thread; watchdog pings only once a frame was painted,
    # which on Wayland waits for the compositor: a frozen UI or compositor stops them.
    QTimer.singleShot(0, lambda: sdnotify.notify(f"READY=1\nSTATUS={service_status.HOME}"))
    window.controller.add_listener(service_status.status_reporter(sdnotify.notify))
    interval = sdnotify.watchdog_interval_s()
    watchdog = FramePing(window, lambda: sdnotify.notify("WATCHDOG=1"), interval or 1.0)
    if interval:
        watchdog.start()
    hide_cursor(app, fullscreen and core.config.ui.hide_cursor)

    signal.signal(signal.SIGTERM, shutdown)
    signal.signal(signal.SIGINT, shutdown)
    # Let Python run signal handlers while Qt's loop is in C++.
    wake = QTimer(interval=200, timeout=lambda: None)
    wake.start()
    try:
        return app.exec()
    finally:
        wake.stop()
        watchdog.stop()
        sdnotify.notify("STOPPING=1")
