"""The top bar's demo marker: shown whenever anything is simulated, in both languages."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.app import KioskCore
from kiosk.config.schema import load_config
from tests.sites import REAL_DEVICES, STAND_INS
from tests.windows import kiosk_window
from ui.main_window import KioskWindow
from ui.widgets.top_bar import TopBar

PRODUCTION = '[platform]\nbase_url = "https://platform.example.gov.cn"\n' + REAL_DEVICES


@pytest.fixture
def window(qtbot: QtBot) -> Iterator[KioskWindow]:
    with kiosk_window(qtbot, KioskCore(load_config(), start_queue=False), start=False) as win:
        qtbot.waitExposed(win)
        yield win


def test_a_simulated_kiosk_says_demo_in_both_languages(window: KioskWindow, qtbot: QtBot) -> None:
    badge = window.top_bar.demo_badge
    assert badge.isVisible() and badge.text() == "演示"
    with qtbot.waitSignal(window.language.changed, timeout=2000):
        window.top_bar.language_button.click()
    assert badge.isVisible() and badge.text() == "DEMO"  # from kiosk_en.qm
    # Readable in full: never narrower than its text (once laid out again), inside the bar.
    qtbot.waitUntil(lambda: badge.width() >= badge.sizeHint().width(), timeout=2000)
    assert window.top_bar.rect().contains(badge.geometry())


def test_a_production_kiosk_has_no_marker(tmp_path: Path, qtbot: QtBot) -> None:
    site = tmp_path / "site.toml"
    site.write_text(PRODUCTION, encoding="utf-8")
    bar = TopBar(load_config(site))
    qtbot.addWidget(bar)
    # A kind with only its stand-in (tests.sites.STAND_INS) is simulated even here.
    assert bar.demo_badge.isHidden() == (not STAND_INS)


def test_one_simulated_device_is_enough_for_the_marker(tmp_path: Path, qtbot: QtBot) -> None:
    site = tmp_path / "site.toml"
    site.write_text(PRODUCTION.replace('driver = "fprint"', 'driver = "fingerprint-sim"'))
    bar = TopBar(load_config(site))
    qtbot.addWidget(bar)
    assert not bar.demo_badge.isHidden()


@pytest.mark.parametrize("upright", [False, True])
def test_upright_in_large_type_the_bar_shows_words_only(window: KioskWindow, upright: bool) -> None:
    from ui import icons
    from ui.widgets.reflow import PORTRAIT

    icons.load()  # as the warm-up does: icons are set at once
    window.setProperty(PORTRAIT, upright)
    bar = window.top_bar
    buttons = [bar.repeat_button, bar.mute_button, bar.large_type_button, bar.help_button]
    bar.show_large_type(True)
    # five buttons with icons need more than 1080 px in 长辈版: upright, the words stay whole
    assert all(b.icon().isNull() == upright for b in buttons)
    bar.mute_button.click()  # a retranslation keeps it so
    assert all(b.icon().isNull() == upright for b in buttons)
    bar.show_large_type(False)
    assert not any(b.icon().isNull() for b in buttons)
