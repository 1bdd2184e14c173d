"""Face comparison (人证比对) behind one interface, with an offline dlib implementation and a fake.

``DlibFaceMatcher`` aligns each face on five points taken from FaceMesh (the eye corners and
the base of the nose, in the order of dlib's 5-point model), cuts dlib's 150×150 face chip
and computes the 128-D ResNet descriptor (``dlib_face_recognition_resnet_model_v1.dat``,
CC0, vendored in ``models/``). dlib is imported on first use so the kiosk starts fast.

Scores: ``score = clip(1 - distance / (2 * threshold), 0, 1)``, so 0.5 sits exactly at the
threshold and 1.0 means identical descriptors.
"""

from __future__ import annotations

import threading
from abc import ABC, abstractmethod
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import cv2
import numpy as np

from kiosk.face.detector import MODELS_DIR, FaceDetector
from kiosk.face.types import (
    MESH_LEFT_EYE_INNER,
    MESH_LEFT_EYE_OUTER,
    MESH_RIGHT_EYE_INNER,
    MESH_RIGHT_EYE_OUTER,
    MESH_SUBNASALE,
    Face,
)

RESNET_MODEL = "dlib_face_recognition_resnet_model_v1.dat"

# L2 distance at or below which two descriptors are taken as the same person: the FAR <= 1 %
# point of the synthetic calibration (benchmarks/face_calibrate.py, 80 identities: held-out
# FAR 1.8 %, FRR 16.7 %). Synthetic faces look far more alike to this network than real ones
# (impostor mean 0.50 here; dlib documents 0.6 as its same-person threshold on real faces,
# LFW), so on real people this is a strict point: few false accepts, more false rejects.
# Re-measure on consented real pairs before relying on it; pass ``threshold=`` to change it.
DEFAULT_THRESHOLD = 0.35

_SMALL_SIDE = 256  # images whose short side is below this are upscaled first (ID-card photos)


class FaceError(Exception):
    """Base class of face-processing errors."""


class NoFaceError(FaceError):
    """No usable face in one of the images (the platform answers 422 for this)."""

    def __init__(self, which: Literal["reference", "probe", "image"]) -> None:
        super().__init__(f"no usable face in the {which} image")
        self.which = which


@dataclass(frozen=True)
class MatchResult:
    """Outcome of one comparison: decision, similarity score in [0, 1] and raw distance."""

    match: bool
    score: float
    distance: float


def score_from_distance(distance: float, threshold: float) -> float:
    """Map a descriptor distance to [0, 1] with 0.5 at the threshold."""
    return float(min(1.0, max(0.0, 1.0 - distance / (2.0 * threshold))))


class FaceMatcher(ABC):
    """Compares a reference photo (ID card, platform record) with a live probe image."""

    threshold: float

    @abstractmethod
    def compare(self, reference_image: np.ndarray, probe_image: np.ndarray) -> MatchResult:
        """Compare two BGR uint8 images; raises ``NoFaceError`` if either has no usable face."""


def _prepare(image: np.ndarray) -> tuple[np.ndarray, float]:
    """Upscale small images and pad them so the detector sees the whole head."""
    h, w = image.shape[:2]
    if min(h, w) >= _SMALL_SIDE:
        return image, 1.0
    k = _SMALL_SIDE / min(h, w)
    big = cv2.resize(image, (round(w * k), round(h * k)), interpolation=cv2.INTER_CUBIC)
    return big, k


def _five_points(face: Face) -> list[tuple[float, float]]:
    """dlib 5-point order: image-right eye outer/inner, image-left eye outer/inner, nose base."""
    lm = face.landmarks
    if lm is None:
        raise ValueError("face has no landmarks")
    idx = [
        MESH_LEFT_EYE_OUTER,
        MESH_LEFT_EYE_INNER,
        MESH_RIGHT_EYE_OUTER,
        MESH_RIGHT_EYE_INNER,
        MESH_SUBNASALE,
    ]
    return [(float(lm[i][0]), float(lm[i][1])) for i in idx]


class DlibFaceMatcher(FaceMatcher):
    """Offline matcher: FaceMesh alignment + dlib ResNet 128-D descriptor, L2 distance."""

    def __init__(
        self,
        detector: FaceDetector | None = None,
        *,
        threshold: float = DEFAULT_THRESHOLD,
        model_path: Path | None = None,
    ) -> None:
        self.detector = detector or FaceDetector(eyes=False)
        self.threshold = threshold
        self.model_path = Path(model_path) if model_path else MODELS_DIR / RESNET_MODEL
        self._lock = threading.Lock()
        self._dlib: Any = None
        self._net: Any = None

    def _model(self) -> tuple[Any, Any]:
        with self._lock:
            if self._net is None:
                import dlib  # heavy native module: loaded on first comparison only

                if not self.model_path.is_file():
                    raise FileNotFoundError(f"face model missing: {self.model_path}")
                self._net = dlib.face_recognition_model_v1(str(self.model_path))
                self._dlib = dlib
            return self._dlib, self._net

    def load(self) -> None:
        """Load the models now (e.g. at start-up, off the GUI thread)."""
        self._model()
        self.detector.load()

    def embed(
        self, image: np.ndarray, which: Literal["reference", "probe", "image"] = "image"
    ) -> np.ndarray:
        """128-D descriptor of the largest face in a BGR image."""
        big, _ = _prepare(image)
        faces = [f for f in self.detector.detect(big) if f.has_landmarks]
        if not faces:
            pad = max(big.shape[:2]) // 4  # a face filling the frame needs margin to be found
            big = cv2.copyMakeBorder(big, pad, pad, pad, pad, cv2.BORDER_REPLICATE)
            faces = [f for f in self.detector.detect(big) if f.has_landmarks]
        if not faces:
            raise NoFaceError(which)
        face = max(faces, key=lambda f: f.box.w * f.box.h)
        dlib, net = self._model()
        rgb = np.ascontiguousarray(big[:, :, ::-1])
        b = face.box
        rect = dlib.rectangle(int(b.x), int(b.y), int(b.x + b.w), int(b.y + b.h))
        parts = [dlib.point(round(x), round(y)) for x, y in _five_points(face)]
        shape = dlib.full_object_detection(rect, parts)
        chip = dlib.get_face_chip(rgb, shape, size=150, padding=0.25)
        return np.asarray(net.compute_face_descriptor(chip), dtype=np.float64)

    def compare_embeddings(self, reference: np.ndarray, probe: np.ndarray) -> MatchResult:
        """Decide on two descriptors from ``embed``."""
        d = float(np.linalg.norm(reference - probe))
        return MatchResult(d <= self.threshold, score_from_distance(d, self.threshold), d)

    def compare(self, reference_image: np.ndarray, probe_image: np.ndarray) -> MatchResult:
        ref = self.embed(reference_image, "reference")
        probe = self.embed(probe_image, "probe")
        return self.compare_embeddings(ref, probe)


class SimulatedFaceMatcher(FaceMatcher):
    """Test double: answers from a script of outcomes, then a default; records every call.

    Script entries are ``True``/``False`` (a clear match / mismatch), a ``MatchResult``, or
    a ``FaceError`` instance to raise. Inputs are checked to be images, nothing more.
    """

    def __init__(
        self,
        script: Iterable[bool | MatchResult | FaceError] = (),
        *,
        default: bool = True,
        threshold: float = DEFAULT_THRESHOLD,
    ) -> None:
        self.threshold = threshold
        self.default = default
        self._script: deque[bool | MatchResult | FaceError] = deque(script)
        self._lock = threading.Lock()
        self.calls = 0

    def push(self, outcome: bool | MatchResult | FaceError) -> None:
        """Queue one more scripted outcome."""
        with self._lock:
            self._script.append(outcome)

    def _result(self, match: bool) -> MatchResult:
        d = self.threshold * (0.5 if match else 1.6)
        return MatchResult(match, score_from_distance(d, self.threshold), d)

    def compare(self, reference_image: np.ndarray, probe_image: np.ndarray) -> MatchResult:
        for img in (reference_image, probe_image):
            if not isinstance(img, np.ndarray) or img.ndim != 3 or img.shape[2] != 3:
                raise ValueError("expected BGR images of shape (h, w, 3)")
        with self._lock:
            self.calls += 1
            outcome = self._script.popleft() if self._script else self.default
        if isinstance(outcome, FaceError):
            raise outcome
        if isinstance(outcome, MatchResult):
            return outcome
        return self._result(bool(outcome))
