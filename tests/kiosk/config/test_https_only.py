"""`kiosk config check` names the key when a platform or gateway URL is plain http off loopback."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.__main__ import main
from kiosk.config.schema import ConfigError, load_config
from tests.sites import write_site


def _problems(site: Path) -> dict[str, str]:
    with pytest.raises(ConfigError) as info:
        load_config(site)
    return {key: msg for _file, key, msg in info.value.problems}


def test_plain_http_platform_is_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = write_site(tmp_path, '[platform]\nbase_url = "http://platform.example.gov.cn"\n')
    assert "https://" in _problems(site)["platform.base_url"]
    assert main(["config", "check", str(site)]) == 2
    assert f"{site}: platform.base_url:" in capsys.readouterr().err


def test_plain_http_gateway_is_named(tmp_path: Path) -> None:
    site = write_site(
        tmp_path,
        '[devices.payment]\ndriver = "payment-http"\n'
        'settings = { base_url = "http://pay.example.gov.cn/gw", merchant_id = "M1" }\n',
    )
    assert "https://" in _problems(site)["devices.payment.settings.base_url"]


def test_loopback_and_pins_are_accepted(tmp_path: Path) -> None:
    site = write_site(
        tmp_path,
        '[platform]\nbase_url = "http://127.0.0.1:8080"\n'
        'tls_pin_sha256 = ["AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="]\n',
    )
    assert load_config(site).platform.base_url == "http://127.0.0.1:8080"
