"""Icons: each one the screens and the catalogue name exists; loaded after the first paint."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel, QPushButton
from pytestqt.qtbot import QtBot

from kiosk.config.schema import Service, load_config
from ui import icons
from ui.icons import ACTIONS, DEFAULT_SERVICE_ICON, Look, show_icon


@pytest.mark.parametrize("action", sorted(ACTIONS))
def test_every_action_icon_is_in_the_font(qtbot: QtBot, action: str) -> None:
    assert icons.exists(action)


@pytest.mark.parametrize("service", load_config().services, ids=lambda s: s.id)
def test_every_catalogue_service_names_an_icon_the_font_has(qtbot: QtBot, service: Service) -> None:
    assert service.icon.startswith("mdi6.")
    assert icons.exists(service.icon), service.icon


def test_the_default_service_icon_exists_and_is_the_schema_default(qtbot: QtBot) -> None:
    assert icons.exists(DEFAULT_SERVICE_ICON)
    assert Service.model_fields["icon"].default == DEFAULT_SERVICE_ICON


def test_an_unknown_name_gets_the_default_icon_not_a_blank(qtbot: QtBot) -> None:
    made = icons.icon("mdi6.no-such-icon-anywhere", Look("#000000"))
    assert not made.isNull() and not made.pixmap(32, 32).isNull()
    assert not icons.exists("mdi6.no-such-icon-anywhere") and not icons.exists("fa5s.home")


def test_a_widget_asking_before_the_font_loads_gets_its_icon_as_it_loads(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    icons.load()
    font = icons._icons.font
    monkeypatch.setattr(icons._icons, "font", None)  # as at start-up, before the warm-up
    button, label = QPushButton(), QLabel()
    qtbot.addWidget(button)
    qtbot.addWidget(label)
    show_icon(button, "back", Look("#000000"))
    show_icon(label, "success", Look("#000000"), 24)
    closed = QPushButton()
    show_icon(closed, "home", Look("#000000"))
    closed.deleteLater()
    qtbot.wait(1)  # the closed button is gone before the font loads
    assert button.icon().isNull() and label.pixmap().isNull()
    monkeypatch.setattr(icons._icons, "font", font)
    icons.load()
    assert not button.icon().isNull()
    assert label.pixmap().width() == 24
    assert icons._icons.waiting == []


def test_the_home_screen_paints_before_the_icon_font_is_imported() -> None:
    """qtawesome (and QtPy) cost ~150 ms: start-up must not import them."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from kiosk.config.schema import load_config\n"
        "from kiosk.app import KioskCore\n"
        "from ui.app import build_window\n"
        "w = build_window(KioskCore(load_config(), start_queue=False))\n"
        "w.warm_up.stop()\n"
        "print('qtawesome' in sys.modules, 'qtpy' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=120,
        env={"QT_QPA_PLATFORM": "offscreen", **__import__("os").environ},
    )
    assert out.stdout.strip().splitlines()[-1] == "False False", out.stderr[-2000:]
