"""FaceDetector on rendered synthetic people: boxes, landmarks, pose and eye signals."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from kiosk.face.detector import FaceDetector
from kiosk.face.synthetic import Pose, Scene, id_card_photo, random_identity, render, render_group
from tests.kiosk.face.face_helpers import CENTRED


def test_finds_one_face_with_landmarks_where_it_was_drawn(detector, person) -> None:
    faces = detector.detect(render(person, CENTRED))
    assert len(faces) == 1
    face = faces[0]
    assert face.score > 0.8
    assert face.landmarks is not None and face.landmarks.shape == (468, 2)
    assert face.depth is not None and face.depth.shape == (468,)
    assert abs(face.box.cx - CENTRED.cx) < 15
    assert abs(face.box.cy - CENTRED.cy) < 40
    right, left = face.eye_centres
    assert right[0] < left[0]  # the subject's right eye is on the image's left
    assert abs(face.roll_deg) < 3


def test_no_face_in_an_empty_frame(detector) -> None:
    blank = np.full((480, 640, 3), 235, np.uint8)
    assert detector.detect(blank) == []


def test_two_people_two_faces(detector) -> None:
    frame = render_group(
        [
            (random_identity(1), Pose(cx=190, scale=85)),
            (random_identity(2), Pose(cx=460, scale=90)),
        ]
    )
    faces = detector.detect(frame)
    assert len(faces) == 2
    assert sorted(round(f.box.cx / 100) for f in faces) == [2, 5]


@pytest.mark.parametrize("yaw", [-25.0, 25.0])
def test_yaw_sign_follows_the_turn(detector, person, yaw: float) -> None:
    face = detector.detect(render(person, replace(CENTRED, yaw=yaw)))[0]
    assert np.sign(face.yaw_deg) == np.sign(yaw)
    assert abs(face.yaw_deg) > 15


def test_frontal_yaw_small(detector, person) -> None:
    assert abs(detector.detect(render(person, CENTRED))[0].yaw_deg) < 6


def test_roll_follows_a_head_tilt(detector, person) -> None:
    face = detector.detect(render(person, replace(CENTRED, roll=10.0)))[0]
    assert 6 < face.roll_deg < 14


def test_closed_eyes_read_much_lower_than_open(detector, person) -> None:
    opened = detector.detect(render(person, CENTRED))[0]
    closed = detector.detect(render(person, replace(CENTRED, eye_open=0.0)))[0]
    assert opened.eye_openness is not None and closed.eye_openness is not None
    assert closed.mean_eye_openness < 0.6 * opened.mean_eye_openness


def test_small_id_card_photo_is_found(detector, person) -> None:
    photo = id_card_photo(person)
    assert photo.shape == (126, 102, 3)
    faces = detector.detect(photo)
    assert faces and faces[0].has_landmarks


def test_boxes_only_mode_skips_landmarks(person) -> None:
    det = FaceDetector(landmarks=False)
    face = det.detect(render(person, CENTRED, Scene(seed=2)))[0]
    assert face.landmarks is None and face.eye_openness is None


def test_rejects_non_bgr_input(detector) -> None:
    with pytest.raises(ValueError):
        detector.detect(np.zeros((480, 640), np.uint8))
    with pytest.raises(ValueError):
        detector.detect(np.zeros((480, 640, 3), np.float32))


def test_missing_model_is_a_clear_error(tmp_path: Path, person) -> None:
    det = FaceDetector(models_dir=tmp_path)
    with pytest.raises(FileNotFoundError, match="face model missing"):
        det.detect(render(person, CENTRED))
