"""Value types shared by the face modules: a detected face and its derived geometry."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import cast

import numpy as np

# FaceMesh (468-point) indices used for geometry. "Right"/"left" are the subject's own.
MESH_RIGHT_EYE_OUTER = 33
MESH_RIGHT_EYE_INNER = 133
MESH_LEFT_EYE_INNER = 362
MESH_LEFT_EYE_OUTER = 263
MESH_NOSE_TIP = 1
MESH_SUBNASALE = 2
MESH_FOREHEAD = 10
MESH_CHIN = 152
MESH_RIGHT_CHEEK = 234
MESH_LEFT_CHEEK = 454
MESH_UPPER_LIP = 13
MESH_LOWER_LIP = 14


@dataclass(frozen=True)
class Box:
    """Axis-aligned box in pixels (x, y is the top-left corner)."""

    x: float
    y: float
    w: float
    h: float

    @property
    def cx(self) -> float:
        return self.x + self.w / 2

    @property
    def cy(self) -> float:
        return self.y + self.h / 2

    def iou(self, other: Box) -> float:
        """Intersection over union with another box."""
        ix = max(0.0, min(self.x + self.w, other.x + other.w) - max(self.x, other.x))
        iy = max(0.0, min(self.y + self.h, other.y + other.h) - max(self.y, other.y))
        inter = ix * iy
        union = self.w * self.h + other.w * other.h - inter
        return inter / union if union > 0 else 0.0


@dataclass(frozen=True, eq=False)
class Face:
    """One detected face with its landmarks, in the pixel coordinates of the frame.

    ``landmarks`` is the 468×2 FaceMesh array (``None`` when the landmark model did not
    confirm a face); ``depth`` the matching relative z (same scale as x, larger = farther).
    ``eye_openness`` is (right, left) lid-opening height/width from the iris-model contours.
    """

    box: Box
    score: float
    keypoints: np.ndarray  # 6×2 BlazeFace keypoints: eyes, nose, mouth, ear tragions
    landmarks: np.ndarray | None = None
    depth: np.ndarray | None = None
    mesh_score: float = 0.0
    eye_openness: tuple[float, float] | None = None
    extra: dict[str, float] = field(default_factory=dict)

    @property
    def has_landmarks(self) -> bool:
        return self.landmarks is not None

    def _lm(self, i: int) -> np.ndarray:
        if self.landmarks is None:
            raise ValueError("face has no landmarks")
        return cast(np.ndarray, self.landmarks[i])

    @property
    def eye_centres(self) -> tuple[np.ndarray, np.ndarray]:
        """(right eye, left eye) centres: the image-left eye first in an unmirrored frame."""
        r = (self._lm(MESH_RIGHT_EYE_OUTER) + self._lm(MESH_RIGHT_EYE_INNER)) / 2
        left = (self._lm(MESH_LEFT_EYE_OUTER) + self._lm(MESH_LEFT_EYE_INNER)) / 2
        return r, left

    @property
    def roll_deg(self) -> float:
        """Eye-line tilt in degrees (0 = eyes level; positive = image-right eye lower)."""
        r, left = self.eye_centres
        return math.degrees(math.atan2(left[1] - r[1], left[0] - r[0]))

    @property
    def yaw_deg(self) -> float:
        """Head turn estimate from FaceMesh depth; positive = turned to the subject's left.

        In an unmirrored camera frame the nose then moves towards the image's right.
        """
        return self._depth_tilt(MESH_RIGHT_CHEEK, MESH_LEFT_CHEEK)

    @property
    def pitch_deg(self) -> float:
        """Head nod estimate from FaceMesh depth; positive = chin up."""
        return self._depth_tilt(MESH_CHIN, MESH_FOREHEAD)

    def _depth_tilt(self, a: int, b: int) -> float:
        """Tilt of the line between landmarks ``a`` and ``b`` out of the image plane, in
        degrees: their FaceMesh depth difference over their distance in the image, negated."""
        if self.depth is None:
            raise ValueError("face has no landmarks")
        across = float(np.linalg.norm(self._lm(b) - self._lm(a)))
        return -math.degrees(math.atan2(float(self.depth[a] - self.depth[b]), across))

    @property
    def face_width(self) -> float:
        """Cheek-to-cheek width in pixels (the 'face width' of GA 461)."""
        return float(np.linalg.norm(self._lm(MESH_LEFT_CHEEK) - self._lm(MESH_RIGHT_CHEEK)))

    @property
    def centre(self) -> np.ndarray:
        """Midpoint between the cheeks at eye height: the face's horizontal centre."""
        return cast(np.ndarray, (self._lm(MESH_LEFT_CHEEK) + self._lm(MESH_RIGHT_CHEEK)) / 2)

    @property
    def eye_mid(self) -> np.ndarray:
        r, left = self.eye_centres
        return cast(np.ndarray, (r + left) / 2)

    @property
    def min_eye_openness(self) -> float:
        if self.eye_openness is None:
            raise ValueError("face has no eye contours")
        return min(self.eye_openness)

    @property
    def mean_eye_openness(self) -> float:
        if self.eye_openness is None:
            raise ValueError("face has no eye contours")
        return (self.eye_openness[0] + self.eye_openness[1]) / 2
