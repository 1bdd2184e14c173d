"""The step indicator: named steps, done ticked, the current marked; never on the pages around."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.app import KioskCore
from kiosk.config.schema import UiSettings, load_config
from kiosk.flow import step_kinds
from kiosk.visit.session import EndReason
from tests.windows import begin, kiosk_window
from ui import icons
from ui.main_window import KioskWindow
from ui.steps.step_names import has_name, step_name
from ui.theme import Theme
from ui.widgets.step_indicator import CURRENT, DONE, TO_COME, StepIndicator


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path) -> Iterator[KioskWindow]:
    with kiosk_window(qtbot, KioskCore(load_config())) as win:
        yield win


def test_every_counted_step_kind_has_a_name() -> None:
    counted = [kind for kind, cls in step_kinds().items() if cls.counted]
    assert counted
    assert [kind for kind in counted if not has_name(kind)] == []


def test_an_unnamed_kind_is_still_a_step() -> None:
    assert step_name("no_such_kind") == "办理" and not has_name("no_such_kind")


def test_names_ticks_and_the_current_step(qtbot: QtBot) -> None:
    indicator = StepIndicator()
    qtbot.addWidget(indicator)
    indicator.resize(1800, 80)
    indicator.show()
    indicator.set_steps(["read_id_card", "face_verify", "confirm", "payment"], 2)
    slots = indicator.slots[:4]
    assert [s.state for s in slots] == [DONE, DONE, CURRENT, TO_COME]
    assert indicator.shown_names() == ["读卡", "核验", "3 确认", "4 缴费"]
    assert [s.tick.isVisible() for s in slots] == [True, True, False, False]
    assert slots[2].label.property("state") == CURRENT
    icons.load()
    assert not slots[0].tick.pixmap().isNull()  # a drawn tick, not a typed glyph


def test_a_short_row_keeps_the_current_name_and_every_number(qtbot: QtBot) -> None:
    indicator = StepIndicator()
    indicator.setStyleSheet(Theme.from_settings(UiSettings(), False).stylesheet())  # real sizes
    qtbot.addWidget(indicator)
    kinds = ["id_number_entry", "name_entry", "face_verify", "photo_capture", "fingerprint"]
    kinds += ["confirm", "payment", "submit", "print_slip"]
    indicator.resize(2400, 80)
    indicator.show()
    indicator.set_steps(kinds, 4)
    assert "5 指纹" in indicator.shown_names() and "核验" in indicator.shown_names()
    indicator.resize(600, 80)
    qtbot.waitUntil(lambda: indicator.shown_names()[0] == "")  # once the resize is handled
    names = indicator.shown_names()
    assert names[4] == "5 指纹"  # the current step keeps its name
    assert names[:4] == ["", "", "", ""]  # done: the tick alone
    assert names[5:] == ["6", "7", "8", "9"]
    assert indicator._needed() <= indicator.width()


def test_a_visit_shows_its_named_steps_and_not_on_the_start_page(
    window: KioskWindow, qtbot: QtBot
) -> None:
    host = window.flow_host
    window.open_service("social_insurance_proof")
    assert host.current_page is not None and host.current_page.kind == "start"
    assert not host.progress.isVisible()  # the start page is not a step
    window.end_session(EndReason.CANCELLED)
    assert begin(window, "social_insurance_proof")
    assert host.progress.isVisible()
    service = next(s for s in window.core.config.services if s.id == "social_insurance_proof")
    counted = [k for k in service.steps if k not in ("start", "success", "rating")]
    assert host.progress.kinds == counted and "read_id_card" in counted
    assert host.progress.slots[0].state == CURRENT
    assert host.progress.accessibleName() == f"第 1 步，共 {len(counted)} 步"


def test_a_single_step_service_has_no_indicator(window: KioskWindow) -> None:
    window.open_service("service_guide")
    assert not window.flow_host.progress.isVisible()
