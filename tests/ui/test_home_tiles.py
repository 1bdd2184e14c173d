"""Home: tiles with icon, name, one-line summary and fee; most used first; departments filter.

A catalogue of 30+ services pages with large buttons and cuts nothing off.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.app import KioskCore
from kiosk.config.schema import Service, Text, load_config
from kiosk.visit.session import EndReason
from tests.windows import kiosk_window
from ui import icons
from ui.layout_audit import audit, target_gap_px
from ui.main_window import KioskWindow
from ui.pages.home import ALL, HomePage


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path) -> Iterator[KioskWindow]:
    with kiosk_window(qtbot, KioskCore(load_config())) as win:
        yield win


def shown_ids(home: HomePage) -> list[str]:
    return [t.service.id for t in home.shown_tiles if t.isVisible()]


def test_a_tile_has_icon_name_summary_and_fee_not_its_department(window: KioskWindow) -> None:
    icons.load()
    tile = window.home.tiles["id_card_reissue"]
    assert tile.name_label.text() == "身份证补领"
    assert tile.summary_label.full_text.startswith("身份证丢失后补领")
    assert tile.fee_label.text() == "40.00 元"
    assert window.home.tiles["progress_query"].fee_label.text() == "免费"
    assert not tile.icon_label.pixmap().isNull()
    texts = [tile.name_label.text(), tile.summary_label.text(), tile.fee_label.text()]
    assert not any("公安" in t or "部门" in t for t in texts)
    window.language.set("en")
    assert (
        tile.fee_label.text() == "40.00 yuan" and tile.name_label.text() == "Replace a lost ID card"
    )


def test_departments_are_a_filter(window: KioskWindow, qtbot: QtBot) -> None:
    home = window.home
    chips = home.filter.buttons
    assert next(iter(chips)) == ALL and chips[ALL].isChecked() and chips[ALL].text() == "全部"
    assert chips["公安"].text() == "公安"
    chips["公安"].click()
    police = [s.id for s in window.core.config.services if s.department.zh == "公安"]
    assert len(police) >= 2 and shown_ids(home) == police
    assert chips["公安"].isChecked() and not chips[ALL].isChecked()
    chips[ALL].click()
    assert len(home.shown_tiles) == len(home.tiles)


def test_the_most_used_services_come_first_across_restarts(
    window: KioskWindow, qtbot: QtBot
) -> None:
    home = window.home
    catalogue = [s.id for s in window.core.config.services]
    assert home.order == catalogue
    for _ in range(2):
        window.open_service("tax_certificate")
        window.end_session(EndReason.CANCELLED)
    window.open_service("complaint")
    window.end_session(EndReason.CANCELLED)
    assert home.order[:2] == ["tax_certificate", "complaint"]
    assert home.grid.itemAtPosition(0, 0).widget() is home.tiles["tax_certificate"]
    # A new process reads the same counts.
    again = KioskCore(load_config(), start_queue=False)
    assert again.visit_counts.order()[:2] == ["tax_certificate", "complaint"]


def many_services(count: int) -> list[Service]:
    base = load_config().services
    made = []
    for i in range(count):
        s = base[i % len(base)]
        dept = f"部门{i % 15:02d}"
        made.append(
            s.model_copy(
                update={
                    "id": f"svc_{i:02d}",
                    "department": Text(zh=dept, en=f"Department number {i % 15}"),
                }
            )
        )
    return made


@pytest.mark.parametrize("large", [False, True])
@pytest.mark.parametrize("language", ["zh", "en"])
def test_thirty_two_services_page_with_nothing_cut(
    qtbot: QtBot, tmp_path: Path, large: bool, language: str
) -> None:
    config = load_config()
    config = config.model_copy(update={"services": many_services(32)})
    with kiosk_window(qtbot, KioskCore(config)) as window:
        window.warm_up.stop()
        qtbot.waitUntil(
            lambda: all(t.isEnabled() for t in window.home.tiles.values()), timeout=30_000
        )
        icons.load()
        window.language.set(language)
        window.set_large_type(large)
        qtbot.wait(20)  # the filter regroups its chips once they are restyled (a turn later)
        home = window.home
        seen: list[str] = []
        panel = (1920, 1080)
        for page in range(home.page_count):
            home.show_page(page)
            qtbot.wait(1)
            seen += shown_ids(home)
            problems = [
                (p.widget, p.problem) for p in audit(window, panel, target_gap_px(config.ui))
            ]
            assert problems == [], (page, language, large, problems)
        assert sorted(seen) == sorted(s.id for s in config.services)  # every one reachable
        assert home.page_count > 1 and home.nav.isVisible()
        # 16 departments and 全部: the filter row pages too, every chip reachable and whole.
        strip = home.filter
        reached: set[str] = set()
        for group in range(len(strip.groups)):
            strip.show_group(group)
            qtbot.wait(1)
            reached |= {k for k, b in strip.buttons.items() if b.isVisible()}
            assert audit(window, panel, target_gap_px(config.ui)) == []
        assert reached == set(strip.buttons) and len(strip.buttons) == 16
