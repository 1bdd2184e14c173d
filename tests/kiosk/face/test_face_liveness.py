"""Liveness state machine: fed hand-made faces (fast, exact) and rendered frames."""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import replace

import numpy as np
import pytest

from kiosk.face.guidance import Reason
from kiosk.face.liveness import (
    ChallengeAction,
    ChallengeKind,
    LivenessChallenge,
    LivenessSettings,
    LivenessState,
    draw_challenge,
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


def test_needs_a_step() -> None:
    with pytest.raises(ValueError):
        LivenessChallenge([])


def test_each_attempt_draws_two_different_actions_in_any_order_with_random_pauses(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import secrets

    drawn_by: list[object] = []
    system_random = secrets.SystemRandom

    def noted() -> secrets.SystemRandom:
        drawn_by.append("secrets")
        return system_random()

    monkeypatch.setattr(secrets, "SystemRandom", noted)
    settings = LivenessSettings(min_wait_s=0.5, max_wait_s=2.0)
    draws = [draw_challenge(settings) for _ in range(400)]
    assert len(drawn_by) == 400  # every draw from the system CSPRNG
    orders = Counter(tuple(a.kind for a in d) for d in draws)
    assert all(len(set(order)) == 2 for order in orders)
    assert len(orders) == 12  # every ordered pair of the four actions comes up
    waits = {a.wait_s for d in draws for a in d}
    assert min(waits) >= 0.5 and max(waits) <= 2.0 and len(waits) > 50


def test_a_prompt_comes_only_after_its_pause() -> None:
    ch = LivenessChallenge([ChallengeAction(ChallengeKind.TURN_LEFT, wait_s=1.0)])
    status = feed(ch, [[fake_face()]] * 10)  # 0.6 s of holding still
    assert status.state is LivenessState.IN_PROGRESS and status.step is None
    assert status.prompt_en == "Look at the screen and hold still"
    status = feed(ch, [[fake_face()]] * 3, t0=1.1)
    assert status.step is ChallengeKind.TURN_LEFT and ch.done_count == 0
    status = feed(ch, [[fake_face(yaw=y)] for y in (0, 10, 20)], t0=1.5)
    assert status.state is LivenessState.PASSED and ch.done_count == 1


def test_moving_before_the_prompt_fails() -> None:
    ch = LivenessChallenge([ChallengeAction(ChallengeKind.TURN_LEFT, wait_s=1.0)])
    status = feed(ch, [[fake_face(yaw=y)] for y in (0, 0, 10, 20)])  # turns in the pause
    assert status.state is LivenessState.FAILED and status.reason is Reason.WRONG_ACTION


@pytest.mark.parametrize(
    ("asked", "yaws"),
    [
        (ChallengeKind.TURN_LEFT, (0, -10, -20)),  # the other way
        (ChallengeKind.BLINK, (0, 10, 20)),  # a turn when a blink was asked
    ],
)
def test_a_movement_not_asked_for_fails(asked: ChallengeKind, yaws: tuple[int, ...]) -> None:
    status = feed(LivenessChallenge([asked]), [[fake_face(yaw=y)] for y in yaws])
    assert status.state is LivenessState.FAILED and status.reason is Reason.WRONG_ACTION


def test_the_head_may_come_back_from_an_action_while_the_next_pause_runs() -> None:
    ch = LivenessChallenge(
        [ChallengeAction(ChallengeKind.TURN_LEFT), ChallengeAction(ChallengeKind.BLINK, 0.5)]
    )
    status = feed(ch, [[fake_face(yaw=y)] for y in (0, 10, 20, 24, 24, 12, 0, 0)])
    assert status.state is LivenessState.IN_PROGRESS  # still turned a moment: not wrong
    status = feed(ch, [[fake_face(o)] for o in (0.45,) * 10 + (0.1, 0.45)], t0=1.0)
    assert status.state is LivenessState.PASSED


def test_each_action_has_its_own_window() -> None:
    settings = LivenessSettings(timeout_s=1.0)
    ch = LivenessChallenge([ChallengeKind.TURN_LEFT, ChallengeKind.TURN_RIGHT], settings)
    status = feed(ch, [[fake_face(yaw=y)] for y in (0, 0) + (0,) * 10 + (10, 20)], dt=0.07)
    assert status.step is ChallengeKind.TURN_RIGHT  # 0.9 s for the first: in time
    status = feed(ch, [[fake_face(yaw=y)] for y in (12, 0, 0)], t0=1.0, dt=0.07)
    assert status.state is LivenessState.IN_PROGRESS
    status = ch.update([fake_face()], 2.2)
    assert status.state is LivenessState.FAILED and status.reason is Reason.LIVENESS_TIMEOUT


def test_rendered_look_up_passes_and_a_nod_down_does_not(detector, person) -> None:
    ch = LivenessChallenge([ChallengeKind.LOOK_UP])
    poses = [replace(CENTRED, pitch=p) for p in (0, 0, 0, 0, 10, 20, 25)]
    status = ch.status
    for i, pose in enumerate(poses):
        status = ch.update(detector.detect(render(person, pose, Scene(seed=i))), i / 15)
    assert status.state is LivenessState.PASSED
    ch = LivenessChallenge([ChallengeKind.LOOK_UP])
    for i, pose in enumerate(replace(CENTRED, pitch=p) for p in (0, 0, 0, 0, -10, -20)):
        status = ch.update(detector.detect(render(person, pose, Scene(seed=i))), i / 15)
    assert status.state is LivenessState.IN_PROGRESS


def test_camera_assets_look_up_is_seen_as_looking_up(detector) -> None:
    compliant = detector.detect(load_asset("person_a_compliant.jpg"))
    up = detector.detect(load_asset("person_a_look_up.jpg"))
    assert feed(LivenessChallenge([ChallengeKind.LOOK_UP]), [compliant] * 3 + [up]).done
    wrong = feed(LivenessChallenge([ChallengeKind.TURN_LEFT]), [compliant] * 3 + [up])
    assert wrong.reason is Reason.WRONG_ACTION


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


def test_a_look_up_is_off_the_citizens_own_level_and_a_frontal_face_is_not(detector) -> None:
    # The face check keeps the most frontal frame as the probe: pitch counts too, or a
    # look-up (yaw and roll near zero) could be compared with the card photo.
    compliant = detector.detect(load_asset("person_a_compliant.jpg"))
    up = detector.detect(load_asset("person_a_look_up.jpg"))
    ch = LivenessChallenge([ChallengeKind.LOOK_UP, ChallengeKind.BLINK])
    feed(ch, [compliant] * 3)
    assert ch.pitch_off_level(compliant[0]) < 6.0 < ch.pitch_off_level(up[0])
