"""Secrets in the configuration: taken from files only, never echoed back."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.__main__ import main
from kiosk.config.schema import ConfigError, driver_settings, load_config
from tests.sites import DEMO_PLATFORM, write_site

SECRET = "s3cret-signing-key"


def _site(tmp_path: Path, settings: str) -> Path:
    path = write_site(
        tmp_path,
        DEMO_PLATFORM
        + f'[devices.payment]\ndriver = "payment-http"\n[devices.payment.settings]\n{settings}\n',
    )
    return path


def _problems(site: Path) -> list[tuple[str, str, str]]:
    with pytest.raises(ConfigError) as info:
        load_config(site)
    return info.value.problems


@pytest.mark.parametrize("value", [f'"{SECRET}"', f'["{SECRET}"]', f'{{ k = "{SECRET}" }}'])
def test_config_check_never_prints_a_rejected_key(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], value: str
) -> None:
    site = _site(tmp_path, f"api_key = {value}")
    assert main(["config", "check", str(site)]) == 2
    out = capsys.readouterr()
    assert "devices.payment.settings.api_key" in out.err and "api_key_file" in out.err
    assert SECRET not in out.err + out.out


def test_key_comes_from_its_file(tmp_path: Path) -> None:
    key_file = tmp_path / "payment.key"
    key_file.write_text(SECRET + "\n")
    key_file.chmod(0o600)
    config = load_config(_site(tmp_path, f'api_key_file = "{key_file}"'))
    assert driver_settings(config, "payment").api_key.get_secret_value() == SECRET


def test_key_file_readable_by_others_is_refused_naming_it(tmp_path: Path) -> None:
    key_file = tmp_path / "payment.key"
    key_file.write_text(SECRET)
    key_file.chmod(0o644)
    [(_, key, msg)] = _problems(_site(tmp_path, f'api_key_file = "{key_file}"'))
    assert key == "devices.payment.settings.api_key"
    assert str(key_file) in msg and "chmod 600" in msg and SECRET not in msg


def test_relative_key_file_is_a_systemd_credential(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = _site(tmp_path, 'api_key_file = "payment-api-key"')
    monkeypatch.delenv("CREDENTIALS_DIRECTORY", raising=False)
    # Outside the service (a technician's shell) the credential cannot be seen: the
    # driver reads it when it opens inside the service.
    config = load_config(site)
    assert driver_settings(config, "payment").api_key.get_secret_value() == ""
    credentials = tmp_path / "credentials"
    credentials.mkdir()
    (credentials / "payment-api-key").write_text(SECRET)
    (credentials / "payment-api-key").chmod(0o400)
    monkeypatch.setenv("CREDENTIALS_DIRECTORY", str(credentials))
    config = load_config(site)
    assert driver_settings(config, "payment").api_key.get_secret_value() == SECRET


def test_missing_key_file_is_named(tmp_path: Path) -> None:
    [(_, _, msg)] = _problems(_site(tmp_path, f'api_key_file = "{tmp_path / "absent"}"'))
    assert "absent" in msg and "does not exist" in msg


def test_old_timeouts_factor_name_says_what_it_became(tmp_path: Path) -> None:
    site = write_site(tmp_path, DEMO_PLATFORM + "[timeouts]\nlarge_type_factor = 3.0\n")
    [(file, key, msg)] = _problems(site)
    assert (file, key) == (str(site), "timeouts")
    assert "large_type_time_factor" in msg


def test_the_two_factors_are_told_apart(tmp_path: Path) -> None:
    site = write_site(tmp_path, DEMO_PLATFORM + "[timeouts]\nlarge_type_time_factor = 3.0\n")
    config = load_config(site)
    assert config.timeouts.large_type_time_factor == 3.0
    assert config.ui.large_type_factor == 1.5


def test_gateway_reads_its_credential_when_it_opens(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from drivers.payment.http_gateway import HttpPaymentGateway

    monkeypatch.delenv("CREDENTIALS_DIRECTORY", raising=False)
    site = _site(
        tmp_path,
        'api_key_file = "payment-api-key"\nbase_url = "https://pay.invalid"\nmerchant_id = "M1"',
    )
    settings = driver_settings(load_config(site), "payment")
    gateway = HttpPaymentGateway(settings)
    assert "CREDENTIALS_DIRECTORY" in gateway._configure()
    credentials = tmp_path / "credentials"
    credentials.mkdir()
    (credentials / "payment-api-key").write_text(SECRET)
    (credentials / "payment-api-key").chmod(0o644)
    monkeypatch.setenv("CREDENTIALS_DIRECTORY", str(credentials))
    assert "chmod 600" in gateway._configure()
    (credentials / "payment-api-key").chmod(0o400)
    assert gateway._configure() == ""
    assert gateway._key == SECRET.encode()
