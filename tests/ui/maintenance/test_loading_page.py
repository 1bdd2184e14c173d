"""证件装载 in the technician's console: a scanned card is put in the slot named and recorded."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from drivers.dispenser.on_simulator import SimulatedDispenser
from kiosk.app import KioskCore
from kiosk.config.schema import load_config
from kiosk.maintenance.audit import read_audit
from tests.kiosk.maintenance.conftest import PIN, TECH, with_technicians
from tests.ui.maintenance.test_wiring import scan, taps, type_on
from tests.windows import kiosk_window
from ui.main_window import KioskWindow


@pytest.fixture
def window(qtbot: QtBot) -> Iterator[KioskWindow]:
    core = KioskCore(with_technicians(load_config()), start_queue=False)
    with kiosk_window(qtbot, core) as win:
        yield win


def open_loading(window: KioskWindow) -> None:
    ui = window.maintenance
    taps(window, 5, 5)
    type_on(ui, TECH)
    type_on(ui, PIN)
    assert ui.mode.in_session
    ui.console.nav.clicked.emit("loading")
    assert ui.console.current == "loading"


def test_a_scanned_card_is_loaded_into_the_named_slot(window: KioskWindow, qtbot: QtBot) -> None:
    open_loading(window)
    page = window.maintenance.console.loading_page
    qtbot.waitUntil(lambda: "共 20 个槽位" in page.summary.text(), timeout=10_000)
    # The simulated store holds unregistered cards in the odd slots: each is reported.
    assert "1 号槽位：传感器检测到未登记的证件" in page.problems.text()
    scan(window, "A-2026-000777")  # reaches the page, not a citizen flow
    qtbot.waitUntil(lambda: "请将证件放入 2 号槽位" in page.instruction.text(), timeout=10_000)
    qtbot.waitUntil(lambda: "已装入 2 号槽位" in page.instruction.text(), timeout=15_000)
    qtbot.waitUntil(lambda: "2 号槽位：A-2026-000777" in page.slots.text(), timeout=10_000)
    actions = [r.action for r in read_audit(window.core.config.kiosk.resolved_data_dir())]
    assert {"dispenser_view", "dispenser_slot", "dispenser_load"} <= set(actions)


def test_a_card_never_put_in_is_not_recorded(window: KioskWindow, qtbot: QtBot) -> None:
    device = window.core.devices.get("dispenser")
    assert isinstance(device, SimulatedDispenser)
    device.simulator.load_after_s = None  # the card never reaches the slot
    open_loading(window)
    page = window.maintenance.console.loading_page
    qtbot.waitUntil(lambda: not page.busy and "槽位" in page.summary.text(), timeout=10_000)
    page.scanned("A-2026-000888")
    qtbot.waitUntil(lambda: "请将证件放入 2 号槽位" in page.instruction.text(), timeout=10_000)
    page.actions.mode.leave()  # the session ends: the wait gives up at once
    qtbot.waitUntil(lambda: not page.busy, timeout=15_000)
    assert "A-2026-000888" not in page.slots.text()
