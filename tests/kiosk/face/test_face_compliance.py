"""Live ID-photo compliance: each check fails for the frame made to break it, and only then."""

from __future__ import annotations

from dataclasses import replace

import pytest
from pydantic import ValidationError

from kiosk.face.compliance import ComplianceChecker, ComplianceSettings
from kiosk.face.guidance import GUIDANCE, Reason, en, zh
from kiosk.face.synthetic import Pose, Scene, random_identity, render, render_group
from tests.kiosk.face.face_helpers import CENTRED


@pytest.fixture(scope="module")
def checker(detector) -> ComplianceChecker:
    return ComplianceChecker(detector)


def test_compliant_frame_passes(checker, person) -> None:
    report = checker.check(render(person, CENTRED))
    assert report.ok, report.reasons
    assert report.primary is None
    assert report.face is not None
    assert 1.0 < report.metrics["upscale"] < 1.6


CASES = [
    ("left of centre", {"cx": 190.0}, {}, Reason.MOVE_LEFT),
    ("right of centre", {"cx": 450.0}, {}, Reason.MOVE_RIGHT),
    ("too far", {"scale": 60.0}, {}, Reason.TOO_FAR),
    ("too close", {"scale": 200.0, "cy": 250.0}, {}, Reason.TOO_CLOSE),
    ("too high", {"cy": 120.0}, {}, Reason.MOVE_DOWN),
    ("too low", {"cy": 345.0}, {}, Reason.MOVE_UP),
    ("turned", {"yaw": 22.0}, {}, Reason.FACE_TURNED),
    ("chin up", {"pitch": 25.0}, {}, Reason.CHIN_UP),
    ("tilted", {"roll": 9.0}, {}, Reason.HEAD_TILTED),
    ("eyes closed", {"eye_open": 0.0}, {}, Reason.EYES_CLOSED),
    ("dark", {"ambient": 0.2, "diffuse": 0.2}, {}, Reason.TOO_DARK),
    (
        "side light",
        {"light": (1.0, 0.0, 0.3), "ambient": 0.25, "diffuse": 0.9},
        {},
        Reason.UNEVEN_LIGHTING,
    ),
    ("busy background", {}, {"clutter": True}, Reason.BACKGROUND_NOT_PLAIN),
    ("dark background", {}, {"background": (90.0, 90.0, 90.0)}, Reason.BACKGROUND_TOO_DARK),
    ("blurred", {}, {"blur": 3.0}, Reason.BLURRY),
]


@pytest.mark.parametrize(
    ("pose", "scene", "reason"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_each_check_fails_with_its_reason(checker, person, pose, scene, reason) -> None:
    frame = render(person, replace(CENTRED, **pose), Scene(**scene))
    report = checker.check(frame)
    assert not report.ok
    assert reason in report.reasons, (reason, report.reasons, report.metrics)
    issue = next(i for i in report.issues if i.reason is reason)
    assert issue.zh == zh(reason) and issue.en == en(reason)


def test_mirrored_camera_swaps_left_and_right(detector, person) -> None:
    checker = ComplianceChecker(detector, ComplianceSettings(frame_mirrored=True))
    report = checker.check(render(person, replace(CENTRED, cx=190.0)))
    assert Reason.MOVE_RIGHT in report.reasons and Reason.MOVE_LEFT not in report.reasons


def test_no_face_and_multiple_faces_stop_early(checker) -> None:
    empty = checker.check_faces(render_group([]), [])
    assert empty.reasons == [Reason.NO_FACE] and empty.face is None
    two = render_group(
        [(random_identity(1), Pose(cx=200, scale=90)), (random_identity(2), Pose(cx=450, scale=95))]
    )
    report = checker.check(two)
    assert report.reasons == [Reason.MULTIPLE_FACES]
    assert report.primary is not None and report.primary.zh == "请只留一人在镜头前"


def test_small_face_in_the_background_is_not_a_second_person(checker, person) -> None:
    frame = render_group([(random_identity(3), Pose(cx=560, cy=90, scale=22)), (person, CENTRED)])
    assert Reason.MULTIPLE_FACES not in checker.check(frame).reasons


def test_every_reason_has_zh_and_en_guidance() -> None:
    for reason in Reason:
        z, e = GUIDANCE[reason]
        assert z and e and z != e
        assert reason.value == reason.name  # stable codes: the value is the name
    assert zh(Reason.MOVE_LEFT) == "请向左移一点"
    assert en(Reason.MOVE_LEFT) == "Move a little to the left"


def test_settings_reject_unknown_keys() -> None:
    with pytest.raises(ValidationError):
        ComplianceSettings(max_roll=3)  # type: ignore[call-arg]
