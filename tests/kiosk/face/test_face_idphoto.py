"""The 358×441 crop follows GA 461's geometry."""

from __future__ import annotations

from dataclasses import replace

import cv2
import numpy as np
import pytest

from kiosk.face.idphoto import (
    EYES_MIN_FROM_BOTTOM_PX,
    FACE_WIDTH_PX,
    FACE_WIDTH_TOLERANCE_PX,
    HAIR_TOP_BAND_PX,
    ID_PHOTO_HEIGHT,
    ID_PHOTO_WIDTH,
    crop_id_photo,
    encode_id_photo,
    head_top,
)
from kiosk.face.synthetic import render
from tests.kiosk.face.face_helpers import CENTRED


@pytest.mark.parametrize("pose", [{}, {"cx": 250.0, "scale": 100.0}, {"roll": 6.0}])
def test_crop_geometry(detector, person, pose) -> None:
    frame = render(person, replace(CENTRED, **pose))
    photo = crop_id_photo(frame, detector.detect(frame)[0])
    assert photo.shape == (ID_PHOTO_HEIGHT, ID_PHOTO_WIDTH, 3)
    face = detector.detect(photo)[0]
    assert abs(face.face_width - FACE_WIDTH_PX) <= FACE_WIDTH_TOLERANCE_PX
    assert abs(float(face.centre[0]) - ID_PHOTO_WIDTH / 2) <= 8
    assert ID_PHOTO_HEIGHT - float(face.eye_mid[1]) >= EYES_MIN_FROM_BOTTOM_PX - 3
    assert abs(face.roll_deg) < 2.5
    top = head_top(photo)
    assert top is not None and HAIR_TOP_BAND_PX[0] - 2 <= top <= HAIR_TOP_BAND_PX[1] + 2


def test_crop_needs_landmarks(person) -> None:
    from kiosk.face.detector import FaceDetector

    frame = render(person, CENTRED)
    face = FaceDetector(landmarks=False).detect(frame)[0]
    with pytest.raises(ValueError):
        crop_id_photo(frame, face)


def test_encode_is_a_quality_70_jpeg(detector, person) -> None:
    frame = render(person, CENTRED)
    data = encode_id_photo(crop_id_photo(frame, detector.detect(frame)[0]))
    assert data[:2] == b"\xff\xd8"
    decoded = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_COLOR)
    assert decoded.shape == (ID_PHOTO_HEIGHT, ID_PHOTO_WIDTH, 3)
    with pytest.raises(ValueError):
        encode_id_photo(np.zeros((10, 10, 3), np.uint8))
