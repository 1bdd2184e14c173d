"""The maintenance screens wired into the citizen window: gesture, badge, PIN pad, way back."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from drivers.scanner.model import CodeScanned, ScanResult
from kiosk.app import KioskCore
from kiosk.config.schema import load_config
from kiosk.maintenance.mode import Mode
from tests.kiosk.maintenance.conftest import BADGE, PIN, TECH, with_technicians
from tests.windows import kiosk_window
from ui.main_window import KioskWindow
from ui.maintenance.wiring import MaintenanceUi


@pytest.fixture
def window(qtbot: QtBot) -> Iterator[KioskWindow]:
    core = KioskCore(with_technicians(load_config()), start_queue=False)
    with kiosk_window(qtbot, core) as win:
        yield win


def taps(window: KioskWindow, x: int, y: int, n: int = 5) -> None:
    for _ in range(n):
        QTest.mouseClick(window, Qt.MouseButton.LeftButton, pos=QPoint(x, y))


def type_on(ui: MaintenanceUi, text: str) -> None:
    for key in text:
        ui.pin_pad.keypad.press(key)
    ui.pin_pad.ok_button.click()


def scan(window: KioskWindow, text: str) -> None:
    window.bridge.event.emit("scanner", CodeScanned(ScanResult(text, text.encode(), "QR")))


def test_five_taps_in_the_corner_open_the_pin_pad_and_taps_elsewhere_do_not(
    window: KioskWindow,
) -> None:
    ui = window.maintenance
    taps(window, 960, 540)
    taps(window, window.width() - 5, 5)  # the wrong corner
    assert not ui.overlay.isVisible()
    taps(window, 5, 5)
    assert ui.overlay.isVisible() and ui.overlay.currentWidget() is ui.pin_pad
    assert ui.pin_pad.prompt.text() == "请输入工号"


def test_the_pin_is_never_shown_and_key_mashing_is_cut_at_the_pad_s_length(
    window: KioskWindow,
) -> None:
    ui = window.maintenance
    taps(window, 5, 5)
    type_on(ui, TECH)
    for key in "1234567890" * 20:
        ui.pin_pad.keypad.press(key)
    assert len(ui.pin_pad.keypad.text) == 12
    assert set(ui.pin_pad.entry.text()) == {"●"}
    ui.pin_pad.ok_button.click()
    assert "不正确" in ui.pin_pad.status.text() and not ui.mode.in_session


def test_a_right_pin_opens_the_console_and_leaving_returns_to_service(
    window: KioskWindow, qtbot: QtBot
) -> None:
    ui = window.maintenance
    taps(window, 5, 5)
    type_on(ui, TECH)
    type_on(ui, PIN)
    assert ui.mode.mode is Mode.MAINTENANCE
    assert window.core.health.snapshot().mode == "maintenance"  # operations see it
    assert ui.overlay.currentWidget() is ui.console
    ui.console.leave_button.click()
    qtbot.waitUntil(lambda: ui.mode.mode is Mode.SERVING, timeout=10_000)
    assert window.core.health.snapshot().mode == "serving"
    assert not ui.overlay.isVisible()


def test_a_badge_opens_the_pad_for_its_technician_and_never_reaches_the_visit(
    window: KioskWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    ui = window.maintenance
    seen: list[object] = []
    monkeypatch.setattr(window, "_on_device_event", lambda name, event: seen.append(event))
    scan(window, BADGE)
    assert ui.overlay.currentWidget() is ui.pin_pad and ui.pin_pad.prompt.text() == "请输入密码"
    assert seen == []
    ui.pin_pad.cancel_button.click()
    assert not ui.overlay.isVisible()
    scan(window, "MNT-99")  # badge-like, nobody's: an ordinary scan
    scan(window, "202611220000000001")
    assert len(seen) == 2 and not ui.overlay.isVisible()


def test_the_pad_and_console_speak_english_after_the_language_switch(
    window: KioskWindow,
) -> None:
    ui = window.maintenance
    window.language.set("en")
    taps(window, 5, 5)
    assert ui.pin_pad.prompt.text() == "Enter your technician number"
    type_on(ui, TECH)
    type_on(ui, PIN)
    assert ui.console.leave_button.text() == "End maintenance"


def test_a_pin_pad_left_open_closes_by_itself(window: KioskWindow) -> None:
    ui = window.maintenance
    taps(window, 5, 5)
    assert ui.overlay.isVisible() and ui._pad_idle.isActive()
    ui._pad_idle.timeout.emit()  # the minute has passed
    assert not ui.overlay.isVisible() and not ui.mode.in_session
