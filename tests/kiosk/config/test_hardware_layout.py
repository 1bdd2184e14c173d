"""[ui] hardware_layout: a site picks where its devices sit; an unknown one names the choices."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.config.hardware import DEFAULT_LAYOUT, HARDWARE_LAYOUTS
from kiosk.config.schema import ConfigError, load_config
from tests.sites import DEMO_PLATFORM


def site(tmp_path: Path, layout: str) -> Path:
    path = tmp_path / "site.toml"
    path.write_text(DEMO_PLATFORM + f'[ui]\nhardware_layout = "{layout}"\n', encoding="utf-8")
    return path


def test_the_defaults_name_the_default_layout() -> None:
    assert load_config().ui.hardware_layout == DEFAULT_LAYOUT


def test_a_site_picks_the_upright_cabinet(tmp_path: Path) -> None:
    assert load_config(site(tmp_path, "upright-32")).ui.hardware_layout == "upright-32"


def test_an_unknown_layout_names_every_choice(tmp_path: Path) -> None:
    path = site(tmp_path, "kiosk-9000")
    with pytest.raises(ConfigError) as info:
        load_config(path)
    [(file, key, msg)] = info.value.problems
    assert (file, key) == (str(path), "ui.hardware_layout")
    assert "kiosk-9000" in msg
    assert all(f"'{layout}'" in msg for layout in HARDWARE_LAYOUTS)
    assert len(HARDWARE_LAYOUTS) >= 2
