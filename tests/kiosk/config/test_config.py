"""Configuration: layering, and precise errors for every kind of bad file."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.__main__ import main
from kiosk.config import paths
from kiosk.config.schema import ConfigError, load_config
from tests.sites import DEFAULT_DEVICES, DEMO_PLATFORM


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def config_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private copy of the default configuration (kiosk/config/defaults)."""
    target = tmp_path / "config"
    shutil.copytree(paths.DEFAULTS_DIR, target)
    monkeypatch.setenv("KIOSK_CONFIG_DIR", str(target))
    return target


def problems(site: Path | None) -> list[tuple[str, str, str]]:
    with pytest.raises(ConfigError) as info:
        load_config(site)
    return info.value.problems


def test_defaults_load_with_every_catalogue_service() -> None:
    config = load_config()
    assert config.kiosk.id == "KIOSK-DEV-001"
    assert set(config.devices) == DEFAULT_DEVICES
    assert "id_card_reissue" in {s.id for s in config.services}
    assert config.service("id_card_renewal").requires == [
        "idcard",
        "camera",
        "fingerprint",
        "printer",
        "payment",
    ]


def test_site_file_layers_over_defaults(tmp_path: Path) -> None:
    site = write(
        tmp_path / "site.toml",
        DEMO_PLATFORM + '[kiosk]\nid = "HALL-9"\n[ui]\nbody_font_px = 32\n'
        '[devices.printer.settings]\nport = "/dev/x"\n',
    )
    config = load_config(site)
    assert config.kiosk.id == "HALL-9"
    assert config.kiosk.name.zh.startswith("市民中心")  # kept from the defaults
    assert config.ui.body_font_px == 32
    assert config.ui.language == "zh"
    assert config.devices["printer"].driver == "escpos-sim"
    assert config.devices["printer"].settings == {"port": "/dev/x"}


def test_syntax_error_names_file_and_line(tmp_path: Path) -> None:
    site = write(tmp_path / "site.toml", "[kiosk]\nid = \n")
    [(file, key, msg)] = problems(site)
    assert file == str(site)
    assert key == ""
    assert "TOML syntax error" in msg and "line 2" in msg


def test_wrong_type_names_key_path(tmp_path: Path) -> None:
    site = write(tmp_path / "site.toml", '[ui]\nbody_font_px = "big"\n')
    [(file, key, msg)] = problems(site)
    assert (file, key) == (str(site), "ui.body_font_px")
    assert "integer" in msg and "'big'" in msg


def test_unknown_key(tmp_path: Path) -> None:
    site = write(tmp_path / "site.toml", "[ui]\ncolour = 1\n")
    assert problems(site) == [(str(site), "ui.colour", "unknown key")]


def test_missing_required_key_names_the_defaults_file(config_dir: Path) -> None:
    text = (config_dir / "kiosk.toml").read_text(encoding="utf-8")
    write(config_dir / "kiosk.toml", text.replace('id = "KIOSK-DEV-001"\n', ""))
    [(file, key, msg)] = problems(None)
    assert (file, key) == (str(config_dir / "kiosk.toml"), "kiosk.id")
    assert msg == "required key is missing"


def test_out_of_range_value(tmp_path: Path) -> None:
    site = write(tmp_path / "site.toml", "[timeouts]\nprompt_s = 5\n")
    [(_, key, msg)] = problems(site)
    assert key == "timeouts.prompt_s"
    assert "greater than or equal to 20" in msg


def test_unknown_driver_lists_the_known_ones(tmp_path: Path) -> None:
    site = write(
        tmp_path / "site.toml", DEMO_PLATFORM + '[devices.printer]\ndriver = "acme-9000"\n'
    )
    [(file, key, msg)] = problems(site)
    assert (file, key) == (str(site), "devices.printer.driver")
    assert "unknown driver 'acme-9000'" in msg and "escpos-sim" in msg


def test_driver_settings_are_validated_by_the_driver(tmp_path: Path) -> None:
    site = write(
        tmp_path / "site.toml",
        DEMO_PLATFORM + '[devices.idcard.settings]\nfail_open = "perhaps"\nbaud = 9600\n',
    )
    found = {key: msg for _, key, msg in problems(site)}
    assert "devices.idcard.settings.fail_open" in found
    assert found["devices.idcard.settings.baud"] == "unknown key"


def test_service_requiring_unconfigured_device(config_dir: Path) -> None:
    cat = config_dir / "services.toml"
    write(
        cat,
        cat.read_text(encoding="utf-8").replace("requires = []", 'requires = ["printr"]', 1),
    )
    [(file, key, msg)] = problems(None)
    assert file == str(cat)
    assert key.startswith("services[") and key.endswith("].requires")
    assert "'printr'" in msg


def test_duplicate_service_id(config_dir: Path) -> None:
    cat = config_dir / "services.toml"
    write(cat, cat.read_text(encoding="utf-8").replace('id = "complaint"', 'id = "service_guide"'))
    [(file, _, msg)] = problems(None)
    assert file == str(cat)
    assert "'service_guide' appears twice" in msg


def test_catalogue_entry_error_names_index_and_field(config_dir: Path) -> None:
    cat = config_dir / "services.toml"
    write(cat, cat.read_text(encoding="utf-8").replace("fee_fen = 4000", "fee_fen = -1"))
    [(file, key, _)] = problems(None)
    assert (file, key) == (str(cat), "services[0].fee_fen")


def test_services_in_the_kiosk_file_are_refused(tmp_path: Path) -> None:
    site = write(tmp_path / "site.toml", '[[services]]\nid = "x"\n')
    [(file, key, msg)] = problems(site)
    assert (file, key) == (str(site), "services")
    assert "catalogue" in msg


def test_missing_site_file(tmp_path: Path) -> None:
    [(file, _, msg)] = problems(tmp_path / "nope.toml")
    assert file.endswith("nope.toml") and msg == "file not found"


def test_config_check_command_reports_and_fails(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = write(tmp_path / "site.toml", '[ui]\nlanguage = "fr"\n')
    assert main(["config", "check", str(site)]) == 2
    err = capsys.readouterr().err
    assert f"{site}: ui.language:" in err and "'fr'" in err


def test_config_check_command_accepts_defaults(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["config", "check"]) == 0
    assert "configuration is valid: kiosk KIOSK-DEV-001" in capsys.readouterr().out


def test_console_script_rejects_a_broken_file(tmp_path: Path) -> None:
    """The installed entry point, as a technician runs it."""
    site = write(tmp_path / "site.toml", "[kiosk\n")
    proc = subprocess.run(
        [sys.executable, "-m", "kiosk", "config", "check", str(site)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 2
    assert str(site) in proc.stderr and "TOML syntax error" in proc.stderr
