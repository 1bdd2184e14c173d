"""Simulation is asked for (``platform.simulate``), never implied by a missing platform URL."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.__main__ import main
from kiosk.config import simulation
from kiosk.config.schema import ConfigError, load_config
from tests.sites import DEMO_PLATFORM, REAL_DEVICES, write_site

PRODUCTION = '[platform]\nbase_url = "https://platform.example.gov.cn"\n'


def problems(path: Path) -> list[tuple[str, str, str]]:
    with pytest.raises(ConfigError) as info:
        load_config(path)
    return info.value.problems


def test_the_development_defaults_simulate_everything() -> None:
    config = load_config()
    assert config.platform.simulate and not config.platform.base_url
    assert simulation.is_demo(config)
    assert set(simulation.simulated_devices(config)) == set(config.devices)


def test_a_site_file_without_a_platform_is_refused(tmp_path: Path) -> None:
    path = write_site(tmp_path, '[kiosk]\nid = "HALL-1-K01"\n')
    [(file, key, msg)] = problems(path)
    assert (file, key) == (str(path), "platform.base_url")
    assert "simulate = true" in msg


def test_a_site_file_may_ask_for_the_simulator(tmp_path: Path) -> None:
    config = load_config(write_site(tmp_path, DEMO_PLATFORM))
    assert config.platform.simulate


def test_a_site_file_with_a_url_is_production(tmp_path: Path) -> None:
    config = load_config(write_site(tmp_path, PRODUCTION))
    assert not config.platform.simulate  # the defaults' simulate = true is not inherited
    assert config.platform.base_url == "https://platform.example.gov.cn"


def test_simulate_and_a_url_together_are_ambiguous(tmp_path: Path) -> None:
    path = write_site(tmp_path, PRODUCTION + "simulate = true\n")
    [(file, key, msg)] = problems(path)
    assert (file, key) == (str(path), "platform")
    assert "simulate = true and a base_url" in msg


def test_a_defaults_file_without_either_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    conf = tmp_path / "conf"
    conf.mkdir()
    root = Path(__file__).resolve().parents[3] / "config"
    text = (root / "kiosk.toml").read_text(encoding="utf-8")
    assert "simulate = true\n" in text
    (conf / "kiosk.toml").write_text(text.replace("simulate = true\n", ""), encoding="utf-8")
    (conf / "services.toml").write_bytes((root / "services.toml").read_bytes())
    monkeypatch.setenv("KIOSK_CONFIG_DIR", str(conf))
    with pytest.raises(ConfigError) as info:
        load_config()
    assert [k for _, k, _ in info.value.problems] == ["platform.base_url"]


def test_config_check_names_the_simulated_mode(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["config", "check"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert "platform: simulated (loopback simulator, demo data only)" in out
    assert (
        "simulated devices: camera (camera-sim), docprinter (docprinter-memory-sim), "
        "fingerprint (fingerprint-sim), "
        "idcard (sam-sim), payment (payment-sim), printer (escpos-sim), scanner (scanner-sim)"
    ) in out


def test_config_check_names_the_production_platform(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["config", "check", str(write_site(tmp_path, PRODUCTION + REAL_DEVICES))]) == 0
    out = capsys.readouterr().out.splitlines()
    assert "platform: https://platform.example.gov.cn (production)" in out
    assert "simulated devices: none" in out


def test_real_platform_with_simulated_devices_is_still_a_demo(tmp_path: Path) -> None:
    config = load_config(write_site(tmp_path, PRODUCTION))
    assert simulation.is_demo(config)  # the devices come from the defaults: simulators
    real = load_config(write_site(tmp_path, PRODUCTION + REAL_DEVICES))
    assert not simulation.is_demo(real)


def test_start_up_refuses_a_site_without_a_platform(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    for var in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):  # never a window, whatever
        monkeypatch.delenv(var, raising=False)
    path = write_site(tmp_path, '[kiosk]\nid = "HALL-1-K01"\n')
    with pytest.raises(SystemExit) as info:
        main(["run", "--config", str(path)])
    assert info.value.code == 2
    assert f"{path}: platform.base_url: no platform" in capsys.readouterr().err
