"""长辈版 through one two-size style sheet looks exactly like the plain sheet of that size."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from kiosk.app import KioskCore
from kiosk.config.schema import load_config
from ui.app import application, configure_font
from ui.main_window import KioskWindow
from ui.theme import Theme
from ui.theme_switch import switchable_stylesheet
from ui.warmup import warm_page

#: Pages with keypads, keyboards, chips and labels of every kind.
KINDS = ("confirm", "complaint_form", "name_entry", "rating")


def test_large_rules_are_scoped_under_the_window_property() -> None:
    sheet = switchable_stylesheet(
        "QLabel#A, QPushButton { font-size: 10px; }",
        "QLabel#A, QPushButton { font-size: 20px; }",
        "#Win",
    )
    assert sheet.startswith("QLabel#A, QPushButton { font-size: 10px; }")
    assert (
        '#Win[largeType="true"] QLabel#A, #Win[largeType="true"] QPushButton { font-size: 20px; }'
    ) in sheet


@pytest.fixture
def windows(qtbot: QtBot) -> Iterator[tuple[KioskWindow, KioskWindow]]:
    """Two windows on one core (devices closed): one switched, one given plain sheets."""
    core = KioskCore(load_config(), start_queue=False)
    configure_font(application())
    made = []
    for _ in range(2):
        win = KioskWindow(core)
        win.warm_up.stop()
        qtbot.addWidget(win)
        win.resize(1920, 1080)
        win.show()
        qtbot.waitExposed(win)
        for kind in KINDS:
            warm_page(win.flow_host, kind)  # built and polished at the normal size
        made.append(win)
    yield made[0], made[1]
    for win in made:
        win.allow_close = True
        win.close()
    core.stop()


def screens(window: KioskWindow) -> dict[str, QImage]:
    """The home screen and each page, as the citizen would see them."""
    out = {}
    window.stack.setCurrentWidget(window.home)
    QApplication.processEvents()
    out["home"] = window.grab().toImage()
    window.stack.setCurrentWidget(window.flow_host)
    host = window.flow_host
    for kind in KINDS:
        page = host.page(kind)
        host.pages.setCurrentWidget(page)
        host.action_stack.setCurrentWidget(page.action_bar)
        QApplication.processEvents()
        out[kind] = window.grab().toImage()
    return out


def assert_looks_like_the_plain_sheet(switched: KioskWindow, plain: KioskWindow, why: str) -> None:
    """Every screen of ``switched`` as ``plain`` shows it with the plain sheet of its size."""
    large = switched.large_type
    theme = Theme.from_settings(switched.core.config.ui, large)
    plain.setStyleSheet(theme.stylesheet())
    plain.home.set_grid(*theme.tile_grid)
    plain.home.set_spacing(theme.mm(4))
    plain.top_bar.large_type_button.setChecked(large)
    want, got = screens(plain), screens(switched)
    for name, image in want.items():
        assert got[name] == image, f"{name} differs {why} in {'large' if large else 'normal'} type"


def test_switching_renders_like_the_plain_sheet_of_each_size(
    windows: tuple[KioskWindow, KioskWindow],
) -> None:
    switched, plain = windows
    for large in (True, False):
        switched.set_large_type(large)  # pages hidden at the switch are restyled when shown
        assert_looks_like_the_plain_sheet(switched, plain, "after the switch")


def test_hidden_pages_are_restyled_in_the_pauses_after_a_switch(
    qtbot: QtBot, windows: tuple[KioskWindow, KioskWindow]
) -> None:
    switched, plain = windows
    switched.stack.setCurrentWidget(switched.flow_host)  # home is hidden at the switch
    restyler = switched.text_size.restyler
    switched.set_large_type(True)
    assert restyler.pending > 0  # the switch itself repolished only what is on screen
    qtbot.waitUntil(lambda: restyler.pending == 0)  # no page shown: the idle turns did it
    assert_looks_like_the_plain_sheet(switched, plain, "after its restyle in the background")


def test_a_hidden_page_restyled_in_a_pause_does_not_size_the_window(
    qtbot: QtBot, windows: tuple[KioskWindow, KioskWindow]
) -> None:
    switched, _plain = windows
    switched.stack.setCurrentWidget(switched.flow_host)
    tall = QWidget(switched.home)
    tall.setMinimumHeight(5000)  # a page longer than any panel, as one can be in 长辈版
    switched.home.layout().addWidget(tall)
    switched.set_large_type(True)
    qtbot.waitUntil(lambda: switched.text_size.restyler.pending == 0)
    QApplication.processEvents()
    assert switched.height() == 1080  # the page on screen alone sizes the window
    switched.home.layout().removeWidget(tall)
    tall.deleteLater()
