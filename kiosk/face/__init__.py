"""Offline face engine: detection, ID-photo compliance, liveness, comparison (no Qt).

Models (vendored in ``kiosk/face/models``, nothing downloads at run time): MediaPipe
BlazeFace short-range, FaceMesh and the iris/eye-contour model run through OpenCV's DNN
module, and dlib's ResNet face descriptor. Frames are BGR uint8 numpy arrays. Run all of it
off the GUI thread; one ``FaceDetector`` per worker is cheapest (it serialises its calls).

Reason codes (``Reason``, stable strings; zh/en texts in ``kiosk.face.guidance``):
NO_FACE, MULTIPLE_FACES, TOO_FAR, TOO_CLOSE, MOVE_LEFT, MOVE_RIGHT, MOVE_UP, MOVE_DOWN,
FACE_TURNED, CHIN_UP, CHIN_DOWN, HEAD_TILTED, EYES_CLOSED, TOO_DARK, TOO_BRIGHT,
UNEVEN_LIGHTING, BACKGROUND_NOT_PLAIN, BACKGROUND_TOO_DARK, BLURRY, and for liveness
LIVENESS_TIMEOUT, FACE_LOST, FACE_CHANGED, WRONG_ACTION.

Names are imported lazily so ``import kiosk.face`` costs nothing until one is used.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

_EXPORTS = {
    "Box": "types",
    "Face": "types",
    "FaceDetector": "detector",
    "Reason": "guidance",
    "GUIDANCE": "guidance",
    "ComplianceChecker": "compliance",
    "ComplianceReport": "compliance",
    "ComplianceSettings": "compliance",
    "Issue": "compliance",
    "crop_id_photo": "idphoto",
    "encode_id_photo": "idphoto",
    "ID_PHOTO_WIDTH": "idphoto",
    "ID_PHOTO_HEIGHT": "idphoto",
    "ChallengeAction": "liveness",
    "ChallengeKind": "liveness",
    "LivenessChallenge": "liveness",
    "LivenessSettings": "liveness",
    "LivenessState": "liveness",
    "LivenessStatus": "liveness",
    "draw_challenge": "liveness",
    "FaceMatcher": "matcher",
    "MatchResult": "matcher",
    "DlibFaceMatcher": "matcher",
    "SimulatedFaceMatcher": "matcher",
    "FaceError": "matcher",
    "NoFaceError": "matcher",
    "DEFAULT_THRESHOLD": "matcher",
}

__all__ = [
    "DEFAULT_THRESHOLD",
    "GUIDANCE",
    "ID_PHOTO_HEIGHT",
    "ID_PHOTO_WIDTH",
    "Box",
    "ChallengeAction",
    "ChallengeKind",
    "ComplianceChecker",
    "ComplianceReport",
    "ComplianceSettings",
    "DlibFaceMatcher",
    "Face",
    "FaceDetector",
    "FaceError",
    "FaceMatcher",
    "Issue",
    "LivenessChallenge",
    "LivenessSettings",
    "LivenessState",
    "LivenessStatus",
    "MatchResult",
    "NoFaceError",
    "Reason",
    "SimulatedFaceMatcher",
    "crop_id_photo",
    "draw_challenge",
    "encode_id_photo",
]

if TYPE_CHECKING:
    from kiosk.config.capture import ComplianceSettings
    from kiosk.face.compliance import (
        ComplianceChecker,
        ComplianceReport,
        Issue,
    )
    from kiosk.face.detector import FaceDetector
    from kiosk.face.guidance import GUIDANCE, Reason
    from kiosk.face.idphoto import ID_PHOTO_HEIGHT, ID_PHOTO_WIDTH, crop_id_photo, encode_id_photo
    from kiosk.face.liveness import (
        ChallengeAction,
        ChallengeKind,
        LivenessChallenge,
        LivenessSettings,
        LivenessState,
        LivenessStatus,
        draw_challenge,
    )
    from kiosk.face.matcher import (
        DEFAULT_THRESHOLD,
        DlibFaceMatcher,
        FaceError,
        FaceMatcher,
        MatchResult,
        NoFaceError,
        SimulatedFaceMatcher,
    )
    from kiosk.face.types import Box, Face


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'kiosk.face' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"kiosk.face.{module}"), name)
    globals()[name] = value
    return value
