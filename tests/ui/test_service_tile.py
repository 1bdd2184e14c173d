"""A tile greys out with its reason, and back; a switch of reason alone keeps the look."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from kiosk.config.schema import load_config
from ui.widgets.service_tile import ServiceTile


class Count:
    def __init__(self) -> None:
        self.count = 0

    def __call__(self) -> None:
        self.count += 1


def test_unavailable_and_back(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    tile = ServiceTile(load_config().services[0])
    qtbot.addWidget(tile)
    tile.show()
    polishes = Count()
    monkeypatch.setattr(tile, "_restyle", polishes)

    tile.set_unavailable(None)  # already available: nothing to restyle
    assert tile.isEnabled() and not tile.reason_label.isVisible() and polishes.count == 0

    tile.set_unavailable("读卡器故障")
    assert not tile.isEnabled() and tile.body.property("unavailable") is True
    assert tile.reason_label.isVisible() and tile.reason_label.text() == "读卡器故障"
    restyled = polishes.count
    assert restyled == 1

    tile.set_unavailable("打印机缺纸")  # another reason, the same grey look
    assert tile.reason_label.text() == "打印机缺纸" and not tile.isEnabled()
    assert polishes.count == restyled

    tile.set_unavailable(None)
    assert tile.isEnabled() and tile.body.property("unavailable") is False
    assert not tile.reason_label.isVisible() and tile.reason_label.text() == ""
    assert polishes.count == 2
