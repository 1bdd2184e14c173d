"""The [health] table: loopback unless listen_public, windows and addresses checked."""

from __future__ import annotations

from datetime import time
from pathlib import Path

import pytest
from pydantic import ValidationError

from kiosk.config.health import HealthSettings
from kiosk.config.schema import ConfigError, load_config
from tests.sites import DEMO_PLATFORM, write_site


def test_defaults_listen_on_loopback_9464_at_night() -> None:
    s = load_config().health
    assert s.listen_address() == ("127.0.0.1", 9464)
    assert s.heartbeat_s == 60 and s.window() == (time(2), time(5))


@pytest.mark.parametrize("listen", ["0.0.0.0:9464", "10.1.2.3:9464", "[::]:9464", "kiosk:80"])
def test_a_non_loopback_address_is_refused_unless_public(listen: str) -> None:
    with pytest.raises(ValidationError, match="listen_public"):
        HealthSettings(listen=listen)
    assert HealthSettings(listen=listen, listen_public=True).listen == listen


@pytest.mark.parametrize("listen", ["127.0.0.1:9464", "[::1]:0", "localhost:9100", ""])
def test_loopback_and_off_are_fine(listen: str) -> None:
    assert HealthSettings(listen=listen).listen == listen


@pytest.mark.parametrize("bad", {"listen": "9464", "quiet_window": "2-5", "heartbeat_s": 0}.items())
def test_malformed_values_are_refused(bad: tuple[str, object]) -> None:
    with pytest.raises(ValidationError):
        HealthSettings(**{bad[0]: bad[1]})


def test_a_site_file_that_opens_the_listener_to_the_network_names_the_key(tmp_path: Path) -> None:
    site = write_site(tmp_path, DEMO_PLATFORM + '[health]\nlisten = "0.0.0.0:9464"\n')
    with pytest.raises(ConfigError, match=r"health: .*listen_public"):
        load_config(site)
