"""Liveness state machine: fed hand-made faces (fast, exact) and rendered frames."""

from __future__ import annotations

import math
import random
from dataclasses import replace

import numpy as np
import pytest

from kiosk.face.guidance import Reason
from kiosk.face.liveness import (
    ChallengeKind,
    LivenessChallenge,
    LivenessSettings,
    LivenessState,
    random_steps,
)
from kiosk.face.synthetic import Scene, render
from kiosk.face.types import MESH_LEFT_CHEEK, MESH_RIGHT_CHEEK, Box, Face
from tests.kiosk.face.face_helpers import CENTRED, load_asset


def fake_face(openness: float = 0.45, yaw: float = 0.0, x: float = 250.0, w: float = 150.0):
    """A face whose eye openness and FaceMesh-depth yaw are exactly the given values."""
    lm = np.zeros((468, 2), np.float32)
    lm[MESH_RIGHT_CHEEK] = (x, 200)
    lm[MESH_LEFT_CHEEK] = (x + 100, 200)
    depth = np.zeros(468, np.float32)
    depth[MESH_RIGHT_CHEEK] = -math.tan(math.radians(yaw)) * 100
    return Face(
        box=Box(x, 150, w, w),
        score=0.9,
        keypoints=np.zeros((6, 2)),
        landmarks=lm,
        depth=depth,
        mesh_score=1.0,
        eye_openness=(openness, openness),
    )


def feed(ch: LivenessChallenge, faces_seq, t0: float = 0.0, dt: float = 1 / 15):
    status = ch.status
    for i, faces in enumerate(faces_seq):
        status = ch.update(faces, t0 + i * dt)
    return status


def test_fake_face_helper_is_exact() -> None:
    assert fake_face(yaw=20).yaw_deg == pytest.approx(20, abs=1e-3)


def test_blink_passes() -> None:
    ch = LivenessChallenge([ChallengeKind.BLINK])
    assert ch.status.state is LivenessState.IN_PROGRESS and ch.status.prompt_zh == "请眨一眨眼睛"
    status = feed(ch, [[fake_face(o)] for o in (0.45, 0.46, 0.44, 0.2, 0.12, 0.3, 0.45)])
    assert status.state is LivenessState.PASSED and status.done


def test_a_still_face_times_out() -> None:
    ch = LivenessChallenge([ChallengeKind.BLINK], LivenessSettings(timeout_s=2.0))
    status = feed(ch, [[fake_face(0.45)]] * 40)  # 40 frames at 15 fps > 2 s
    assert status.state is LivenessState.FAILED
    assert status.reason is Reason.LIVENESS_TIMEOUT
    assert ch.update([fake_face(0.1)], 100.0) is status  # finished: stays failed


def test_closed_from_the_start_is_not_a_blink() -> None:
    ch = LivenessChallenge([ChallengeKind.BLINK])
    # eyes never seen open first: the low level becomes the baseline, so no drop is seen
    status = feed(ch, [[fake_face(o)] for o in (0.1, 0.1, 0.1, 0.1, 0.1)])
    assert status.state is LivenessState.IN_PROGRESS


@pytest.mark.parametrize(
    ("step", "yaws", "passes"),
    [
        (ChallengeKind.TURN_LEFT, (0, 8, 14, 20), True),
        (ChallengeKind.TURN_LEFT, (0, -8, -14, -20), False),
        (ChallengeKind.TURN_RIGHT, (0, -8, -14, -20), True),
        (ChallengeKind.TURN_RIGHT, (-25, -25, -25), False),  # never seen facing the camera
    ],
)
def test_turns(step, yaws, passes) -> None:
    status = feed(LivenessChallenge([step]), [[fake_face(yaw=y)] for y in yaws])
    assert (status.state is LivenessState.PASSED) is passes


def test_mirrored_camera_flips_turn_direction() -> None:
    ch = LivenessChallenge([ChallengeKind.TURN_LEFT], LivenessSettings(frame_mirrored=True))
    assert feed(ch, [[fake_face(yaw=y)] for y in (0, -10, -20)]).state is LivenessState.PASSED


def test_steps_run_in_order_and_prompt_changes() -> None:
    ch = LivenessChallenge([ChallengeKind.BLINK, ChallengeKind.TURN_RIGHT])
    status = feed(ch, [[fake_face(o)] for o in (0.45, 0.45, 0.1, 0.45)])
    assert status.state is LivenessState.IN_PROGRESS and status.step is ChallengeKind.TURN_RIGHT
    assert status.prompt_en == "Slowly turn your head to the right"
    status = feed(ch, [[fake_face(yaw=y)] for y in (0, -10, -18)], t0=1.0)
    assert status.state is LivenessState.PASSED


def test_face_lost_too_long_fails_but_a_short_gap_does_not() -> None:
    ch = LivenessChallenge([ChallengeKind.BLINK])
    ch.update([fake_face()], 0.0)
    assert ch.update([], 0.5).state is LivenessState.IN_PROGRESS
    status = ch.update([], 1.6)
    assert status.state is LivenessState.FAILED and status.reason is Reason.FACE_LOST


def test_swapped_face_fails() -> None:
    ch = LivenessChallenge([ChallengeKind.BLINK])
    ch.update([fake_face(x=100)], 0.0)
    status = ch.update([fake_face(x=400)], 0.07)
    assert status.reason is Reason.FACE_CHANGED


def test_second_person_fails() -> None:
    ch = LivenessChallenge([ChallengeKind.BLINK])
    status = ch.update([fake_face(x=100), fake_face(x=400, w=120)], 0.0)
    assert status.reason is Reason.MULTIPLE_FACES


def test_needs_a_step_and_random_steps_start_with_a_blink() -> None:
    with pytest.raises(ValueError):
        LivenessChallenge([])
    steps = random_steps(random.Random(3))
    assert steps[0] is ChallengeKind.BLINK and len(steps) == 2
    assert random_steps(turns=False) == [ChallengeKind.BLINK]


def test_rendered_blink_and_turn_pass_through_the_detector(detector, person) -> None:
    ch = LivenessChallenge([ChallengeKind.BLINK, ChallengeKind.TURN_LEFT])
    poses = [replace(CENTRED, eye_open=e) for e in (1, 1, 1, 0.4, 0.0, 0.6, 1)]
    poses += [replace(CENTRED, yaw=y) for y in (0, 8, 16, 24)]
    status = ch.status
    for i, pose in enumerate(poses):
        status = ch.update(detector.detect(render(person, pose, Scene(seed=i))), i / 15)
    assert status.state is LivenessState.PASSED


def test_printed_photo_replayed_still_fails(detector) -> None:
    faces = detector.detect(load_asset("person_a_compliant.jpg"))
    ch = LivenessChallenge([ChallengeKind.BLINK], LivenessSettings(timeout_s=3.0))
    status = feed(ch, [faces] * 60)
    assert status.reason is Reason.LIVENESS_TIMEOUT


def test_camera_assets_blink_sequence_passes(detector) -> None:
    opened = detector.detect(load_asset("person_a_compliant.jpg"))
    closed = detector.detect(load_asset("person_a_eyes_closed.jpg"))
    status = feed(LivenessChallenge([ChallengeKind.BLINK]), [opened, opened, closed, opened])
    assert status.state is LivenessState.PASSED
