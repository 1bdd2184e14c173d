"""Fixtures for end-to-end runs through the real window on the simulated devices."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget
from pytestqt.qtbot import QtBot

from kiosk.app import KioskCore
from kiosk.config.schema import load_config
from kiosk.face import SimulatedFaceMatcher
from kiosk.visit.idle import IdleTracker
from tests.sites import DEMO_PLATFORM
from tests.windows import kiosk_window
from ui.main_window import KioskWindow


@pytest.fixture
def site_toml() -> str:
    """A site file layered over the defaults ("": the defaults alone); a module overrides it."""
    return ""


@pytest.fixture
def core(site_toml: str, tmp_path: Path) -> Iterator[KioskCore]:
    """The kiosk core on the default configuration: every device simulated, a platform simulator."""
    site = None
    if site_toml:
        site = tmp_path / "site.toml"
        site.write_text(DEMO_PLATFORM + site_toml, encoding="utf-8")  # a demo kiosk, asked for
    kiosk = KioskCore(load_config(site))
    kiosk.flow_services.face_matcher = SimulatedFaceMatcher()  # the real one is tested on its own
    yield kiosk
    kiosk.stop()


@pytest.fixture
def window(qtbot: QtBot, core: KioskCore) -> Iterator[KioskWindow]:
    """The kiosk window, full HD, with the core started behind it."""
    with kiosk_window(qtbot, core) as win:
        yield win


def kind(window: KioskWindow) -> str | None:
    """The kind of the step on screen, or None at home."""
    step = window.flow.current if window.flow is not None else None
    return step.kind if step is not None else None


class ManualClock:
    """A clock that moves only when told: inactivity without waiting for it."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def idle_clock(core: KioskCore) -> ManualClock:
    """The core's inactivity tracker on a manual clock (ask for it before opening a service)."""
    clock = ManualClock()
    t = core.config.timeouts
    core.idle = IdleTracker(t.idle_s, t.prompt_s, clock=clock)
    return clock


def screen_text(widget: QWidget) -> str:
    """What a citizen can read on ``widget`` now: visible labels and buttons, one per line."""
    texts = [
        child.text()
        for child in widget.findChildren(QWidget)
        if isinstance(child, QLabel | QAbstractButton) and child.isVisible() and child.text()
    ]
    return "\n".join(texts)
