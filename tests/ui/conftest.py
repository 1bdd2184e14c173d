from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from tests.fakes import fake_drivers_installed
from tests.ui.flow_pages import shown_host
from ui.flow_host import FlowHost


@pytest.fixture(autouse=True)
def fake_drivers() -> Iterator[None]:
    with fake_drivers_installed():
        yield


@pytest.fixture
def host(qtbot: QtBot) -> FlowHost:
    return shown_host(qtbot)
