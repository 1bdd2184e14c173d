"""``kiosk services``: every service, whether it can be offered now, and why not."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kiosk.__main__ import main
from tests.sites import DEMO_PLATFORM

#: The camera points at a device that is not there: it never comes up.
NO_CAMERA_SITE = """
[devices.camera]
driver = "camera-opencv"
settings = { source = "/nonexistent/video9", open_timeout_s = 0.5, reconnect_interval_s = 5 }
"""


def test_a_camera_down_takes_every_service_whose_steps_look_at_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = tmp_path / "site.toml"
    site.write_text(DEMO_PLATFORM + NO_CAMERA_SITE, encoding="utf-8")
    code = main(["services", "--config", str(site), "--json", "--settle", "3"])
    rows = {r["service"]: r for r in json.loads(capsys.readouterr().out)}
    assert code == 1  # not everything can be offered
    for service_id in (
        "id_card_reissue",
        "id_card_renewal",
        "social_insurance_proof",
        "tax_certificate",
    ):
        assert not rows[service_id]["available"], service_id
        assert any(w.startswith("camera:") for w in rows[service_id]["why_not"])
        assert "camera" in rows[service_id]["needs"]
    for service_id in ("medical_insurance_record", "progress_query", "complaint", "service_guide"):
        assert rows[service_id]["available"] and rows[service_id]["why_not"] == []


def test_config_check_fails_when_the_catalogue_forgets_a_device_its_steps_need(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    defaults = Path(__file__).parents[3] / "config"
    catalogue = (defaults / "services.toml").read_text(encoding="utf-8")
    forgetful = catalogue.replace(
        'requires = ["idcard", "camera", "docprinter"]', 'requires = ["idcard", "docprinter"]', 1
    )
    assert forgetful != catalogue
    (tmp_path / "services.toml").write_text(forgetful, encoding="utf-8")
    site = tmp_path / "site.toml"
    site.write_text(
        f'catalogue = "{tmp_path / "services.toml"}"\n' + DEMO_PLATFORM, encoding="utf-8"
    )
    assert main(["config", "check", str(site)]) == 2
    err = capsys.readouterr().err
    assert "social_insurance_proof: requires misses camera" in err
