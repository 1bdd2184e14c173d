"""The [capture] section: defaults as before, documented in kiosk.toml, bad values named."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from kiosk.config import paths
from kiosk.config.capture import CaptureSettings
from kiosk.config.schema import ConfigError, load_config
from tests.sites import DEMO_PLATFORM, write_site


def problems(tmp_path: Path, text: str) -> tuple[Path, list[tuple[str, str, str]]]:
    site = write_site(tmp_path, DEMO_PLATFORM + text)
    with pytest.raises(ConfigError) as info:
        load_config(site)
    return site, info.value.problems


def assert_only_problem(tmp_path: Path, text: str, key: str, problem: str) -> None:
    """``text`` is refused for ``problem`` alone, named by file and dotted ``key``."""
    site, found = problems(tmp_path, text)
    assert found == [(str(site), key, problem)]


def test_defaults_are_the_values_used_before_they_were_configurable() -> None:
    from kiosk.face import DEFAULT_THRESHOLD, LivenessSettings
    from kiosk.flow.camera_steps import Debouncer

    c = load_config().capture
    assert c == CaptureSettings()  # kiosk.toml states the built-in defaults
    assert c.photo.hold_s == 1.0 and c.debounce_s == Debouncer().window_s == 0.5
    assert c.face_verify.position_timeout_s == 30.0
    assert c.face_verify.liveness_timeout_s == LivenessSettings().timeout_s
    assert c.face_verify.match_threshold == DEFAULT_THRESHOLD
    assert (c.compliance.max_upscale, c.compliance.max_crop_fill_ratio) == (1.6, 0.98)
    assert (c.compliance.centre_tolerance_ratio, c.compliance.max_roll_deg) == (0.06, 4.0)
    assert (c.compliance.min_background_l, c.compliance.max_background_std) == (170.0, 18.0)


def test_kiosk_toml_documents_every_key() -> None:
    with paths.default_config_file().open("rb") as fh:
        section = tomllib.load(fh)["capture"]
    model = CaptureSettings()
    for name in ("photo", "compliance", "face_verify"):
        assert set(section[name]) == set(type(getattr(model, name)).model_fields), name
    top = {k for k in section if not isinstance(section[k], dict)}
    assert top == {"debounce_s"}


def test_a_site_file_changes_one_threshold(tmp_path: Path) -> None:
    site = write_site(tmp_path, DEMO_PLATFORM + "[capture.compliance]\nmax_roll_deg = 6.5\n")
    c = load_config(site).capture
    assert c.compliance.max_roll_deg == 6.5
    assert c.compliance.max_yaw_deg == 10.0  # the rest stays


def test_out_of_range_value_names_file_key_and_limit(tmp_path: Path) -> None:
    text, key = "[capture.compliance]\nmax_roll_deg = 45\n", "capture.compliance.max_roll_deg"
    assert_only_problem(tmp_path, text, key, "Input should be less than or equal to 15 (got 45)")


def test_photo_timeout_too_short_is_refused(tmp_path: Path) -> None:
    text, key = "[capture.photo]\ntimeout_s = 5\n", "capture.photo.timeout_s"
    assert_only_problem(tmp_path, text, key, "Input should be greater than or equal to 20 (got 5)")


def test_wrong_type_and_unknown_key(tmp_path: Path) -> None:
    site, found = problems(
        tmp_path, '[capture.face_verify]\nmatch_threshold = "strict"\nthreshold = 0.3\n'
    )
    assert sorted(found) == [
        (str(site), "capture.face_verify.match_threshold", found_msg(found, "match_threshold")),
        (str(site), "capture.face_verify.threshold", "unknown key"),
    ]
    assert "valid number" in found_msg(found, "match_threshold")


def found_msg(found: list[tuple[str, str, str]], key: str) -> str:
    return next(msg for _f, k, msg in found if k.endswith("." + key))


def test_face_lightness_range_must_be_a_range(tmp_path: Path) -> None:
    site, found = problems(tmp_path, "[capture.compliance]\nmin_face_l = 230\n")
    assert len(found) == 1
    file, key, msg = found[0]
    assert (file, key) == (str(site), "capture.compliance")
    assert "min_face_l (230.0) must be below max_face_l (225.0)" in msg
