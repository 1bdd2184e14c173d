"""Live ID-photo compliance: is this camera frame good enough to cut a GA 461 ID photo from?

``ComplianceChecker.check(frame)`` runs the detector once and returns every failed check
in priority order (the UI shows the first), each with a stable ``Reason`` and zh/en text.
Thresholds live in ``ComplianceSettings`` (defined in ``kiosk.config.capture`` so the
``[capture.compliance]`` section of kiosk.toml validates without OpenCV); each field says
where its default comes from.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import cv2
import numpy as np

from kiosk.config.capture import ComplianceSettings
from kiosk.face.detector import FaceDetector
from kiosk.face.guidance import Reason, en, zh
from kiosk.face.idphoto import FACE_WIDTH_PX, crop_box
from kiosk.face.types import Face

# FaceMesh points at the middle of each cheek (subject's right, left): lighting patches.
_CHEEK_RIGHT, _CHEEK_LEFT = 205, 425


@dataclass(frozen=True)
class Issue:
    """One failed check."""

    reason: Reason
    zh: str
    en: str


def _issue(reason: Reason) -> Issue:
    return Issue(reason, zh(reason), en(reason))


@dataclass(frozen=True)
class ComplianceReport:
    """Result for one frame: ``ok`` when no check failed."""

    issues: tuple[Issue, ...]
    face: Face | None
    metrics: dict[str, float] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.issues

    @property
    def primary(self) -> Issue | None:
        """The issue to show first, or None."""
        return self.issues[0] if self.issues else None

    @property
    def reasons(self) -> list[Reason]:
        return [i.reason for i in self.issues]


def _patch_mean(lum: np.ndarray, centre: np.ndarray, half: int) -> float:
    h, w = lum.shape
    x, y = int(centre[0]), int(centre[1])
    patch = lum[max(0, y - half) : min(h, y + half + 1), max(0, x - half) : min(w, x + half + 1)]
    return float(patch.mean()) if patch.size else 0.0


class ComplianceChecker:
    """Runs the detector and every ID-photo check on a frame."""

    def __init__(
        self, detector: FaceDetector | None = None, settings: ComplianceSettings | None = None
    ) -> None:
        self.detector = detector or FaceDetector()
        self.settings = settings or ComplianceSettings()

    def check(self, frame: np.ndarray) -> ComplianceReport:
        """All failed checks for this BGR frame, most important first."""
        return self.check_faces(frame, self.detector.detect(frame))

    def check_faces(self, frame: np.ndarray, faces: list[Face]) -> ComplianceReport:
        """Same as ``check`` with detections already made (one detector pass per frame)."""
        s = self.settings
        good = [f for f in faces if f.score >= s.min_face_score and f.has_landmarks]
        if not good:
            return ComplianceReport((_issue(Reason.NO_FACE),), None)
        face = max(good, key=lambda f: f.box.w * f.box.h)
        others = [
            f
            for f in faces
            if f is not face
            and f.score >= s.min_face_score
            and f.box.w >= s.other_face_min_ratio * face.box.w
        ]
        if others:
            return ComplianceReport((_issue(Reason.MULTIPLE_FACES),), face)
        metrics: dict[str, float] = {}
        # L* only: the checks judge brightness, and one conversion serves them all
        lum = cv2.cvtColor(frame, cv2.COLOR_BGR2LAB)[:, :, 0]
        issues = [
            *self._placement(frame, face, metrics),
            *self._pose(face, metrics),
            *self._lighting(lum, face, metrics),
            *self._background(lum, face, metrics),
            *self._sharpness(frame, face, metrics),
        ]
        return ComplianceReport(tuple(_issue(r) for r in issues), face, metrics)

    def _placement(self, frame: np.ndarray, face: Face, m: dict[str, float]) -> list[Reason]:
        s = self.settings
        h, w = frame.shape[:2]
        m["face_width_px"] = face.face_width
        m["upscale"] = FACE_WIDTH_PX / face.face_width
        x0, y0, x1, y1 = crop_box(face)
        m["crop_fill_ratio"] = max((y1 - y0) / h, (x1 - x0) / w)
        if m["upscale"] > s.max_upscale:
            return [Reason.TOO_FAR]
        if m["crop_fill_ratio"] > s.max_crop_fill_ratio:
            return [Reason.TOO_CLOSE]
        out: list[Reason] = []
        offset = (float(face.centre[0]) - w / 2) / w
        m["centre_offset_ratio"] = offset
        # Unmirrored, the image's left is the citizen's right: a face left of centre means
        # the citizen must move to their left. A mirrored camera swaps that.
        if offset < -s.centre_tolerance_ratio or x0 < 0:
            out.append(Reason.MOVE_RIGHT if s.frame_mirrored else Reason.MOVE_LEFT)
        elif offset > s.centre_tolerance_ratio or x1 > w:
            out.append(Reason.MOVE_LEFT if s.frame_mirrored else Reason.MOVE_RIGHT)
        if y0 < 0:
            out.append(Reason.MOVE_DOWN)
        elif y1 > h:
            out.append(Reason.MOVE_UP)
        return out

    def _pose(self, face: Face, m: dict[str, float]) -> list[Reason]:
        s = self.settings
        m["yaw_deg"], m["pitch_deg"], m["roll_deg"] = face.yaw_deg, face.pitch_deg, face.roll_deg
        out: list[Reason] = []
        if abs(face.yaw_deg) > s.max_yaw_deg:
            out.append(Reason.FACE_TURNED)
        if face.pitch_deg > s.max_pitch_deg:
            out.append(Reason.CHIN_UP)
        elif face.pitch_deg < -s.max_pitch_deg:
            out.append(Reason.CHIN_DOWN)
        if abs(face.roll_deg) > s.max_roll_deg:
            out.append(Reason.HEAD_TILTED)
        if face.eye_openness is not None:
            m["eye_openness"] = face.min_eye_openness
            if face.min_eye_openness < s.min_eye_openness:
                out.append(Reason.EYES_CLOSED)
        return out

    def _lighting(self, lum: np.ndarray, face: Face, m: dict[str, float]) -> list[Reason]:
        s = self.settings
        lm = face.landmarks
        assert lm is not None
        half = max(2, int(face.face_width * 0.07))
        right = _patch_mean(lum, lm[_CHEEK_RIGHT], half)
        left = _patch_mean(lum, lm[_CHEEK_LEFT], half)
        x0, y0 = np.maximum(lm.min(axis=0).astype(int), 0)
        x1, y1 = lm.max(axis=0).astype(int)
        region = lum[y0 : y1 + 1, x0 : x1 + 1]
        clipped = float((region >= 250).mean()) if region.size else 0.0
        m.update(face_l=(left + right) / 2, clipped_ratio=clipped)
        m["light_asymmetry"] = abs(left - right) / max(left, right, 1.0)
        out: list[Reason] = []
        if m["face_l"] < s.min_face_l:
            out.append(Reason.TOO_DARK)
        elif m["face_l"] > s.max_face_l or clipped > s.max_clipped_ratio:
            out.append(Reason.TOO_BRIGHT)
        if m["light_asymmetry"] > s.max_light_asymmetry_ratio:
            out.append(Reason.UNEVEN_LIGHTING)
        return out

    def _background(self, lum: np.ndarray, face: Face, m: dict[str, float]) -> list[Reason]:
        """Judge the wall around the head, inside the crop, above the shoulders."""
        s = self.settings
        h, w = lum.shape
        fw = face.face_width
        cx, eye_y = float(face.centre[0]), float(face.eye_mid[1])
        x0, y0, x1, _ = crop_box(face)
        top, bottom = max(0, int(y0)), min(h, int(eye_y + 0.3 * fw))
        left, right = max(0, int(x0)), min(w, int(x1))
        if bottom - top < 4 or right - left < 4:
            return []
        mask = np.zeros((h, w), np.uint8)
        mask[top:bottom, left:right] = 255
        # head plus hair as an ellipse, enlarged so hair edges and ears stay out
        centre = (int(cx), int(eye_y - 0.15 * fw))
        cv2.ellipse(mask, centre, (int(0.85 * fw), int(1.25 * fw)), face.roll_deg, 0, 360, 0, -1)
        values = lum[mask > 0]
        m["background_px"] = float(values.size)
        if values.size < s.min_background_px:
            return []
        m["background_l"], m["background_std"] = float(values.mean()), float(values.std())
        if m["background_std"] > s.max_background_std:
            return [Reason.BACKGROUND_NOT_PLAIN]
        if m["background_l"] < s.min_background_l:
            return [Reason.BACKGROUND_TOO_DARK]
        return []

    def _sharpness(self, frame: np.ndarray, face: Face, m: dict[str, float]) -> list[Reason]:
        lm = face.landmarks
        assert lm is not None
        x0, y0 = np.maximum(lm.min(axis=0).astype(int), 0)
        x1, y1 = lm.max(axis=0).astype(int)
        crop = frame[y0 : y1 + 1, x0 : x1 + 1]
        if crop.shape[0] < 8 or crop.shape[1] < 8:
            return [Reason.BLURRY]
        k = 160 / crop.shape[1]
        grey = cv2.cvtColor(cv2.resize(crop, None, fx=k, fy=k), cv2.COLOR_BGR2GRAY)
        m["sharpness"] = float(cv2.Laplacian(grey, cv2.CV_64F).var())
        return [Reason.BLURRY] if m["sharpness"] < self.settings.min_sharpness else []
