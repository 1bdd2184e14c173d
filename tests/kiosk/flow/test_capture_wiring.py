"""The camera steps take their thresholds and timeouts from the [capture] configuration."""

from __future__ import annotations

from pathlib import Path

from kiosk.config.schema import load_config
from kiosk.flow.camera_steps import face_matcher
from kiosk.flow.engine import Flow, FlowEnv
from kiosk.flow.face_verify import FaceVerify
from kiosk.flow.photo import PhotoCapture, compliance_checker
from kiosk.visit.idle import IdleTracker
from kiosk.visit.session import EndReason, SessionManager
from tests.sites import DEMO_PLATFORM

SITE = (
    DEMO_PLATFORM
    + """
[capture]
debounce_s = 0.8
[capture.photo]
hold_s = 2.5
timeout_s = 45
max_attempts = 5
[capture.compliance]
max_roll_deg = 6.0
centre_tolerance_ratio = 0.1
frame_mirrored = true
[capture.face_verify]
position_timeout_s = 20
liveness_timeout_s = 15
match_threshold = 0.4
"""
)


def test_steps_use_the_configured_values(tmp_path: Path) -> None:
    site = tmp_path / "site.toml"
    site.write_text(SITE, encoding="utf-8")
    config = load_config(site)
    env = FlowEnv(config=config, idle=IdleTracker(60, 30))
    sessions = SessionManager()
    service = config.service("id_card_reissue").model_copy(
        update={"steps": ["photo_capture", "face_verify"]}
    )
    flow = Flow(service, sessions.start(service.id), env)  # built, not started: no camera
    photo, verify = flow.steps
    assert isinstance(photo, PhotoCapture) and isinstance(verify, FaceVerify)
    assert (photo.hold_s, photo.timeout_s, photo.max_attempts) == (2.5, 45, 5)
    assert photo.debounce_s == 0.8 and photo._debounce.window_s == 0.8
    assert verify.position_timeout_s == 20 and verify._debounce.window_s == 0.8
    assert verify.liveness_settings.timeout_s == 15
    assert verify.liveness_settings.frame_mirrored  # one camera, one mirroring
    checker = compliance_checker(env)
    assert checker.settings.max_roll_deg == 6.0
    assert checker.settings.centre_tolerance_ratio == 0.1
    assert face_matcher(env).threshold == 0.4
    sessions.end(EndReason.SHUTDOWN)


def test_a_supplied_matcher_is_kept(tmp_path: Path) -> None:
    from kiosk.face import SimulatedFaceMatcher

    env = FlowEnv(config=load_config(), idle=IdleTracker(60, 30))
    supplied = env.services.face_matcher = SimulatedFaceMatcher()
    assert face_matcher(env) is supplied
