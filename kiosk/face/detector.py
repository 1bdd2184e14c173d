"""Face detection, 468-point landmarks and eye-lid contours on CPU through OpenCV's DNN module.

Runs the MediaPipe BlazeFace short-range detector, FaceMesh and the iris/eye-contour model
(the ``.tflite`` files vendored in ``kiosk/face/models``; see ``models/README.md``) with
``cv2.dnn.readNetFromTFLite`` — no TensorFlow, no download. Pre- and post-processing follow
MediaPipe's graphs: letterboxed 128×128 input scaled to [-1, 1], SSD anchors, weighted
non-maximum suppression; a rotated ROI 1.5× the detection for FaceMesh (192×192, [0, 1]);
64×64 eye crops 2.3× the eye width for the iris model, the image-right eye mirrored.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path
from typing import cast

import cv2
import numpy as np

from kiosk.face.types import (
    MESH_LEFT_EYE_INNER,
    MESH_LEFT_EYE_OUTER,
    MESH_RIGHT_EYE_INNER,
    MESH_RIGHT_EYE_OUTER,
    Box,
    Face,
)

MODELS_DIR = Path(__file__).with_name("models")
DETECTOR_MODEL = "face_detection_short_range.tflite"
MESH_MODEL = "face_landmark.tflite"
IRIS_MODEL = "iris_landmark.tflite"

_DET_SIZE = 128
_MESH_SIZE = 192
_IRIS_SIZE = 64
_ROI_SCALE = 1.5  # MediaPipe face_landmark ROI: 1.5× the detection box, square on the long side
_EYE_SCALE = 2.3  # MediaPipe iris ROI: 2.3× the eye-corner distance
_RAW_SCORE_LIMIT = 80.0  # sigmoid input clip, as in MediaPipe (100 overflows float32)


def _ssd_anchors() -> np.ndarray:
    """Anchor centres of the short-range BlazeFace (4 layers, strides 8/16/16/16, 896 anchors)."""
    strides = [8, 16, 16, 16]
    out: list[tuple[float, float]] = []
    i = 0
    while i < len(strides):
        j, repeats = i, 0
        while j < len(strides) and strides[j] == strides[i]:
            j += 1
            repeats += 2  # interpolated_scale_aspect_ratio = 1.0 adds two anchors per layer
        fm = _DET_SIZE // strides[i]
        for y in range(fm):
            for x in range(fm):
                out.extend([((x + 0.5) / fm, (y + 0.5) / fm)] * repeats)
        i = j
    return np.asarray(out, dtype=np.float32)


_ANCHORS = _ssd_anchors()


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return cast(np.ndarray, 1.0 / (1.0 + np.exp(-np.clip(x, -_RAW_SCORE_LIMIT, _RAW_SCORE_LIMIT))))


@dataclass
class _Raw:
    score: float
    box: np.ndarray  # x0, y0, x1, y1 in pixels
    kps: np.ndarray  # 6×2 pixels


def _iou(a: np.ndarray, b: np.ndarray) -> float:
    ix = max(0.0, min(a[2], b[2]) - max(a[0], b[0]))
    iy = max(0.0, min(a[3], b[3]) - max(a[1], b[1]))
    inter = ix * iy
    union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter
    return float(inter / union) if union > 0 else 0.0


def _weighted_nms(cands: list[_Raw], iou_threshold: float) -> list[_Raw]:
    """MediaPipe's weighted NMS: overlapping candidates are averaged, weighted by score."""
    rest = sorted(cands, key=lambda c: c.score, reverse=True)
    out: list[_Raw] = []
    while rest:
        best = rest[0]
        group = [c for c in rest if _iou(best.box, c.box) > iou_threshold]
        rest = [c for c in rest if _iou(best.box, c.box) <= iou_threshold]
        w = np.array([c.score for c in group], dtype=np.float64)
        w /= w.sum()
        box = sum(wi * c.box for wi, c in zip(w, group, strict=True))
        kps = sum(wi * c.kps for wi, c in zip(w, group, strict=True))
        out.append(_Raw(best.score, np.asarray(box), np.asarray(kps)))
    return out


class FaceDetector:
    """Finds faces in BGR frames; lazy model loading, safe to share between threads.

    ``min_score`` is the BlazeFace confidence needed for a face; ``landmarks`` and ``eyes``
    switch the FaceMesh and eye-contour stages off when only boxes are needed.
    """

    def __init__(
        self,
        models_dir: Path | None = None,
        *,
        min_score: float = 0.6,
        nms_iou: float = 0.3,
        landmarks: bool = True,
        eyes: bool = True,
    ) -> None:
        self.models_dir = Path(models_dir) if models_dir is not None else MODELS_DIR
        self.min_score = min_score
        self.nms_iou = nms_iou
        self.landmarks = landmarks
        self.eyes = eyes and landmarks
        self._lock = threading.Lock()
        self._nets: dict[str, cv2.dnn.Net] = {}

    def _net(self, name: str) -> cv2.dnn.Net:
        net = self._nets.get(name)
        if net is None:
            path = self.models_dir / name
            if not path.is_file():
                raise FileNotFoundError(f"face model missing: {path}")
            net = cv2.dnn.readNetFromTFLite(str(path))
            self._nets[name] = net
        return net

    def load(self) -> None:
        """Load every model now (e.g. at start-up, off the GUI thread) instead of on first use."""
        with self._lock:
            self._net(DETECTOR_MODEL)
            if self.landmarks:
                self._net(MESH_MODEL)
            if self.eyes:
                self._net(IRIS_MODEL)

    def detect(self, frame: np.ndarray) -> list[Face]:
        """All faces in a BGR uint8 frame, highest score first."""
        if frame.ndim != 3 or frame.shape[2] != 3 or frame.dtype != np.uint8:
            raise ValueError("expected a BGR uint8 image of shape (h, w, 3)")
        with self._lock:
            raws = self._detect_boxes(frame)
            faces = [self._refine(frame, r) for r in raws]
        return sorted(faces, key=lambda f: f.score, reverse=True)

    def _detect_boxes(self, frame: np.ndarray) -> list[_Raw]:
        h, w = frame.shape[:2]
        side = max(h, w)
        ox, oy = (side - w) // 2, (side - h) // 2
        square = cv2.copyMakeBorder(
            frame, oy, side - h - oy, ox, side - w - ox, cv2.BORDER_CONSTANT, value=(0, 0, 0)
        )
        blob = cv2.dnn.blobFromImage(
            square, 1 / 127.5, (_DET_SIZE, _DET_SIZE), (127.5, 127.5, 127.5), swapRB=True
        )
        net = self._net(DETECTOR_MODEL)
        net.setInput(blob)
        cls, reg = net.forward(["classificators", "regressors"])
        scores = _sigmoid(cls.reshape(-1))
        reg = reg.reshape(-1, 8, 2) / _DET_SIZE
        cands: list[_Raw] = []
        for i in np.flatnonzero(scores >= self.min_score):
            centre = reg[i, 0] + _ANCHORS[i]
            half = reg[i, 1] / 2
            if half[0] <= 0 or half[1] <= 0:
                continue
            box = np.concatenate([centre - half, centre + half]) * side
            box -= (ox, oy, ox, oy)
            kps = (reg[i, 2:] + _ANCHORS[i]) * side - (ox, oy)
            cands.append(_Raw(float(scores[i]), box, kps))
        return _weighted_nms(cands, self.nms_iou)

    def _refine(self, frame: np.ndarray, raw: _Raw) -> Face:
        x0, y0, x1, y1 = (float(v) for v in raw.box)
        box = Box(x0, y0, x1 - x0, y1 - y0)
        if not self.landmarks:
            return Face(box=box, score=raw.score, keypoints=raw.kps)
        lm, depth, mesh_score = self._mesh(frame, raw)
        if lm is None:
            return Face(box=box, score=raw.score, keypoints=raw.kps, mesh_score=mesh_score)
        eyes = self._eye_openness(frame, lm) if self.eyes else None
        return Face(
            box=box,
            score=raw.score,
            keypoints=raw.kps,
            landmarks=lm,
            depth=depth,
            mesh_score=mesh_score,
            eye_openness=eyes,
        )

    def _mesh(
        self, frame: np.ndarray, raw: _Raw
    ) -> tuple[np.ndarray | None, np.ndarray | None, float]:
        """FaceMesh on a rotated square ROI; returns landmarks, depth and the face flag."""
        cx, cy = (raw.box[0] + raw.box[2]) / 2, (raw.box[1] + raw.box[3]) / 2
        side = _ROI_SCALE * max(raw.box[2] - raw.box[0], raw.box[3] - raw.box[1])
        eye_a, eye_b = raw.kps[0], raw.kps[1]
        angle = float(np.degrees(np.arctan2(eye_b[1] - eye_a[1], eye_b[0] - eye_a[0])))
        m = cv2.getRotationMatrix2D((float(cx), float(cy)), angle, _MESH_SIZE / side)
        m[:, 2] += (_MESH_SIZE / 2 - cx, _MESH_SIZE / 2 - cy)
        crop = cv2.warpAffine(frame, m, (_MESH_SIZE, _MESH_SIZE), flags=cv2.INTER_LINEAR)
        net = self._net(MESH_MODEL)
        net.setInput(cv2.dnn.blobFromImage(crop, 1 / 255.0, swapRB=True))
        flag, pts = net.forward(["conv2d_30", "conv2d_20"])
        score = float(_sigmoid(flag.reshape(-1)[-1:])[0])
        if score < 0.5:
            return None, None, score
        pts = pts.reshape(-1, 3)[:468]
        inv = cv2.invertAffineTransform(m)
        xy = pts[:, :2] @ inv[:, :2].T + inv[:, 2]
        depth = pts[:, 2] * (side / _MESH_SIZE)
        return xy.astype(np.float32), depth.astype(np.float32), score

    def _eye_openness(self, frame: np.ndarray, lm: np.ndarray) -> tuple[float, float]:
        right = self._one_eye(frame, lm[MESH_RIGHT_EYE_OUTER], lm[MESH_RIGHT_EYE_INNER], False)
        left = self._one_eye(frame, lm[MESH_LEFT_EYE_INNER], lm[MESH_LEFT_EYE_OUTER], True)
        return right, left

    def _one_eye(self, frame: np.ndarray, a: np.ndarray, b: np.ndarray, mirror: bool) -> float:
        """Lid opening height / width of one eye, from the iris model's 16-point eye contour."""
        c = (a + b) / 2
        width = float(np.linalg.norm(b - a)) * _EYE_SCALE
        if width < 4:
            return 0.0
        angle = float(np.degrees(np.arctan2(b[1] - a[1], b[0] - a[0])))
        m = cv2.getRotationMatrix2D((float(c[0]), float(c[1])), angle, _IRIS_SIZE / width)
        m[:, 2] += (_IRIS_SIZE / 2 - c[0], _IRIS_SIZE / 2 - c[1])
        crop = cv2.warpAffine(frame, m, (_IRIS_SIZE, _IRIS_SIZE), flags=cv2.INTER_LINEAR)
        if mirror:
            crop = cv2.flip(crop, 1)  # the model is trained on one eye; mirror the other
        net = self._net(IRIS_MODEL)
        net.setInput(cv2.dnn.blobFromImage(crop, 1 / 255.0, swapRB=True))
        contour, _iris = net.forward(["output_eyes_contours_and_brows", "output_iris"])
        eye = contour.reshape(-1, 3)[:16, :2]  # the first 16 points outline the lids
        span = np.ptp(eye, axis=0)
        return float(span[1] / span[0]) if span[0] > 0 else 0.0
