"""The Illustration widget: the kiosk's own layout, any size in proportion, a pulse that stops.

And the pages that show one: the card reader's picture glows while a card is read,
and the instruction names where the reader is on this cabinet.
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from kiosk.config.hardware import DEFAULT_LAYOUT
from kiosk.config.schema import load_config
from kiosk.flow.devices import FlowDevices
from kiosk.flow.engine import Flow, FlowEnv
from kiosk.visit.idle import IdleTracker
from kiosk.visit.session import SessionManager
from ui.executor import GuiExecutor
from ui.flow_host import FlowHost
from ui.layout_audit import audit
from ui.steps.identity import ReadIdCardPage
from ui.widgets.illustration import Illustration, fit_in_column


class KioskStandIn(QWidget):
    """A top-level window with the kiosk's configuration, as ``KioskWindow`` has it."""

    def __init__(self, layout: str) -> None:
        super().__init__()
        config = load_config()
        ui = config.ui.model_copy(update={"hardware_layout": layout})
        self.core = SimpleNamespace(config=config.model_copy(update={"ui": ui}))
        self.box = QVBoxLayout(self)


def shown(qtbot: QtBot, layout: str, child: QWidget, size: tuple[int, int]) -> KioskStandIn:
    window = KioskStandIn(layout)
    qtbot.addWidget(window)
    window.box.addWidget(child)
    window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_the_picture_is_the_kiosks_layout_once_shown_inside_it(qtbot: QtBot) -> None:
    picture = Illustration("id_card_reader")
    assert picture.layout_name == DEFAULT_LAYOUT  # made before it sits in a kiosk
    window = shown(qtbot, "upright-32", picture, (800, 600))
    assert picture.window() is window
    assert picture.layout_name == "upright-32"
    picture.set_what("pay_scan_qr")  # not drawn for the upright cabinet: the default's
    assert picture.renderer.isValid()


@pytest.mark.parametrize("size", [(320, 400), (1600, 600)])
def test_the_picture_fills_its_room_in_proportion_with_its_target_inside(
    qtbot: QtBot, size: tuple[int, int]
) -> None:
    picture = Illustration("slip_outlet")
    window = shown(qtbot, DEFAULT_LAYOUT, picture, size)
    assert picture.window() is window
    room, drawn = picture.rect(), picture.picture_rect()
    assert drawn.width() / drawn.height() == pytest.approx(4 / 3)
    assert drawn.width() == pytest.approx(room.width()) or drawn.height() == pytest.approx(
        room.height()
    )
    assert abs(drawn.center().x() - room.width() / 2) < 1
    target = picture.target_rect()
    assert drawn.contains(target) and 0 < target.width() < drawn.width()


def test_the_pulse_runs_only_while_asked_for_and_seen(qtbot: QtBot) -> None:
    picture = Illustration("id_card_reader")
    window = shown(qtbot, DEFAULT_LAYOUT, picture, (800, 600))
    still = picture.grab().toImage()
    picture.set_pulsing(True)
    assert picture._pulse.isActive()
    assert picture.grab().toImage() != still  # the ring around the reader is drawn
    window.hide()
    assert not picture._pulse.isActive()  # nobody sees it: no redraws
    window.show()
    assert picture._pulse.isActive()
    picture.set_pulsing(False)
    assert not picture._pulse.isActive()
    assert picture.grab().toImage() == still


def reading_page(qtbot: QtBot, layout: str) -> tuple[ReadIdCardPage, Flow, QWidget]:
    host = FlowHost()
    window = shown(qtbot, layout, host, (1920, 1000))
    config = load_config()
    env = FlowEnv(
        config=config,
        idle=IdleTracker(60, 30),
        devices=FlowDevices({}),
        run_async=GuiExecutor(parent=host).run,
    )
    service = config.service("id_card_renewal").model_copy(update={"steps": ["read_id_card"]})
    flow = Flow(service, SessionManager().start("id_card_renewal"), env)
    host.run(flow, "zh")
    page = host.current_page
    assert isinstance(page, ReadIdCardPage)
    return page, flow, window


@pytest.mark.parametrize(("layout", "where"), [("desk-21", "屏幕右侧"), ("upright-32", "屏幕下方")])
def test_the_card_page_says_and_shows_where_the_reader_is(
    qtbot: QtBot, layout: str, where: str
) -> None:
    page, _flow, window = reading_page(qtbot, layout)
    assert page.instruction.text() == f"请将身份证平放在{where}的读卡区"
    assert page.picture.isVisible() and page.picture.layout_name == layout
    assert page.picture.height() >= 300  # the page's free room goes to the picture
    assert audit(window, (1920, 1080)) == []


def test_the_reader_glows_while_the_card_is_read(qtbot: QtBot) -> None:
    page, flow, _window = reading_page(qtbot, DEFAULT_LAYOUT)
    step = flow.current
    assert step is not None and not page.picture.pulsing  # no reader here: still
    step.clear_error()  # what the step does when the reader reports it is reading
    step.set_busy(True)
    assert page.picture.pulsing and page.picture._pulse.isActive()
    step.set_busy(False)
    assert not page.picture.pulsing and not page.picture._pulse.isActive()


@pytest.mark.parametrize(("words", "room_for_picture"), [(1, True), (200, False)])
def test_a_picture_in_a_column_of_words_takes_only_the_room_they_leave(
    qtbot: QtBot, words: int, room_for_picture: bool
) -> None:
    column = QWidget()
    layout = QVBoxLayout(column)
    picture = Illustration("scan_code")
    picture.setMinimumSize(0, 0)
    label = QLabel("请将凭条上的二维码对准扫码口。" * words, wordWrap=True)
    layout.addWidget(picture)
    layout.addWidget(label)
    window = shown(qtbot, DEFAULT_LAYOUT, column, (600, 700))
    qtbot.waitUntil(lambda: layout.geometry().height() > 0)
    fit_in_column(picture, layout, 300, True)
    assert picture.isVisibleTo(window) is room_for_picture
    room = layout.geometry().height() - label.heightForWidth(layout.geometry().width())
    assert picture.height() <= max(0, room)
    fit_in_column(picture, layout, 300, False)  # not wanted now: never shown
    assert not picture.isVisibleTo(window)
