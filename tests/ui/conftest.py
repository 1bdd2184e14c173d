from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from kiosk.app import KioskCore
from kiosk.config.schema import load_config
from tests.fakes import fake_drivers_installed
from tests.ui.flow_pages import shown_host
from tests.windows import kiosk_window
from ui.app import application, configure_font
from ui.flow_host import FlowHost
from ui.main_window import KioskWindow
from ui.widgets.keyboard import PinyinKeyboard


@pytest.fixture(autouse=True)
def fake_drivers() -> Iterator[None]:
    with fake_drivers_installed():
        yield


@pytest.fixture
def host(qtbot: QtBot) -> FlowHost:
    return shown_host(qtbot)


@pytest.fixture
def window(qtbot: QtBot) -> Iterator[KioskWindow]:
    """The kiosk's window on the default configuration, its core started; both stopped after."""
    with kiosk_window(qtbot, KioskCore(load_config())) as win:
        yield win


@pytest.fixture
def keyboard(qtbot: QtBot) -> PinyinKeyboard:
    """The on-screen keyboard on its own, shown."""
    configure_font(application())
    board = PinyinKeyboard(max_length=20)
    qtbot.addWidget(board)
    board.resize(1800, 500)
    board.show()
    qtbot.waitExposed(board)
    return board
