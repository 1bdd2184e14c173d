"""Fixtures for end-to-end runs through the real window on the simulated devices."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from kiosk.app import KioskCore
from kiosk.config import load_config
from kiosk.face import SimulatedFaceMatcher
from ui.app import application, configure_font
from ui.main_window import KioskWindow


@pytest.fixture
def core() -> Iterator[KioskCore]:
    """The kiosk core on the default configuration: every device simulated, a platform simulator."""
    kiosk = KioskCore(load_config())
    kiosk.services["face_matcher"] = SimulatedFaceMatcher()  # the real one is tested on its own
    yield kiosk
    kiosk.stop()


@pytest.fixture
def window(qtbot: QtBot, core: KioskCore) -> Iterator[KioskWindow]:
    """The kiosk window, full HD, with the core started behind it."""
    core.start()
    configure_font(application())
    win = KioskWindow(core)
    qtbot.addWidget(win)
    win.resize(1920, 1080)
    win.show()
    yield win
    win.allow_close = True
    win.close()


def kind(window: KioskWindow) -> str | None:
    """The kind of the step on screen, or None at home."""
    step = window.flow.current if window.flow is not None else None
    return step.kind if step is not None else None
