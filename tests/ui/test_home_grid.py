"""Changing the home grid (长辈版) keeps the tiles that stay on the page shown throughout."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from pytestqt.qtbot import QtBot

from kiosk.config.schema import load_config
from ui.pages.home import HomePage


class Hides(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Hide:
            self.count += 1
        return False


def test_tiles_that_stay_are_not_hidden_and_shown_again(qtbot: QtBot) -> None:
    home = HomePage(load_config().services)
    qtbot.addWidget(home)
    home.resize(1920, 1000)
    home.show()
    qtbot.waitExposed(home)
    tiles = list(home.tiles.values())
    spies = [Hides() for _ in tiles]
    for tile, spy in zip(tiles, spies, strict=True):
        tile.installEventFilter(spy)
    home.set_grid(2, 2)  # the first four stay, the rest go to page two
    assert [spy.count for spy in spies[:4]] == [0, 0, 0, 0]
    assert all(t.isVisible() for t in tiles[:4]) and not any(t.isVisible() for t in tiles[4:])
    assert home.grid.getItemPosition(home.grid.indexOf(tiles[3]))[:2] == (1, 1)
    home.show_page(1)
    assert all(spy.count == 1 for spy in spies[:4]) and tiles[4].isVisible()
