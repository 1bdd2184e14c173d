"""The kiosk window as tests open it: full HD, the CJK font, closed and stopped after."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from pytestqt.qtbot import QtBot

from kiosk.app import KioskCore
from ui.app import application, configure_font
from ui.main_window import KioskWindow
from ui.voice import Voice


@contextmanager
def kiosk_window(
    qtbot: QtBot, core: KioskCore, *, start: bool = True, voice: Voice | None = None
) -> Iterator[KioskWindow]:
    """``core`` started (unless ``start`` is False) behind a shown window; both stopped after."""
    if start:
        core.start()
    configure_font(application())
    win = KioskWindow(core, voice=voice)
    qtbot.addWidget(win)
    win.resize(1920, 1080)
    win.show()
    try:
        yield win
    finally:
        win.allow_close = True
        win.close()
        core.stop()


def begin(window: KioskWindow, service_id: str) -> bool:
    """Open a service and press "开始办理" on its start page, as a citizen does."""
    opened = window.open_service(service_id)
    flow = window.flow
    if opened and flow is not None and flow.current is not None and flow.current.kind == "start":
        page = window.flow_host.current_page
        assert page is not None
        page.begin_button.click()
    return opened
