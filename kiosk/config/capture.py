"""Camera-step settings: ID-photo compliance thresholds, timeouts, face matching.

The ``[capture]`` section of ``kiosk.toml``. Pydantic only (no OpenCV, no numpy), so the
configuration loads without the face engine. Every default equals the value the steps and
the face engine used before it was configurable; the ranges keep a site file from
disabling a check or making the photo step impossible to pass.

Tags in the descriptions say where a default comes from: [GA 461] the standard's
geometry (see ``kiosk.face.idphoto``), [project] a choice made here, [synthetic] measured
on rendered faces only, to be confirmed on the real camera and lights.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, model_validator


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, validate_default=True)


class ComplianceSettings(_Model):
    """Thresholds of the live ID-photo checks (units in the names; L* is 0-255)."""

    min_face_score: float = Field(0.7, ge=0.3, le=1, description="[project] BlazeFace score")
    other_face_min_ratio: float = Field(
        0.3, gt=0, le=1, description="[project] another face this wide (vs the main one) counts"
    )
    max_upscale: float = Field(
        1.6,
        gt=1,
        le=4,
        description="[GA 461 + project] 207 px face width / face width in frame (too far)",
    )
    max_crop_fill_ratio: float = Field(
        0.98, ge=0.5, le=1, description="[GA 461] the 358×441 crop box must fit the frame"
    )
    centre_tolerance_ratio: float = Field(
        0.06, gt=0, le=0.3, description="[project] horizontal offset of the face / frame width"
    )
    max_yaw_deg: float = Field(10.0, gt=0, le=30, description="[project] GA 461 asks for 正面")
    max_pitch_deg: float = Field(
        20.0, gt=0, le=40, description="[project] depth-based pitch reads 0-12° on frontal faces"
    )
    max_roll_deg: float = Field(4.0, gt=0, le=15, description="[project] eye-line tilt")
    min_eye_openness: float = Field(
        0.25, ge=0, le=0.6, description="[project, synthetic] lid height / width (open ≈ 0.45)"
    )
    min_face_l: float = Field(70.0, ge=0, le=255, description="[project] mean L* of the cheeks")
    max_face_l: float = Field(225.0, ge=0, le=255, description="[project]")
    max_clipped_ratio: float = Field(
        0.05, ge=0, le=1, description="[project] face pixels at L* >= 250"
    )
    max_light_asymmetry_ratio: float = Field(
        0.18, gt=0, le=1, description="[project] |L left - L right| / brighter cheek"
    )
    min_background_l: float = Field(
        170.0, ge=0, le=255, description="[GA 461 white] mean L* behind the head"
    )
    max_background_std: float = Field(
        18.0, gt=0, le=128, description="[project] L* std-dev behind the head"
    )
    min_background_px: int = Field(400, ge=0, description="fewer visible pixels: not judged")
    min_sharpness: float = Field(
        25.0, ge=0, description="[project, synthetic] var. of Laplacian, face scaled to 160 px"
    )
    frame_mirrored: bool = Field(False, description="the camera delivers mirror images")

    @model_validator(mode="after")
    def _face_light_range(self) -> ComplianceSettings:
        if self.min_face_l >= self.max_face_l:
            raise ValueError(
                f"min_face_l ({self.min_face_l}) must be below max_face_l ({self.max_face_l})"
            )
        return self


class PhotoSettings(_Model):
    """The ID-photo step (``photo_capture``)."""

    hold_s: float = Field(1.0, ge=0.2, le=10, description="compliant this long → photo taken")
    timeout_s: float = Field(
        90.0, ge=20, le=600, description="no photo within this (per attempt): say why, retry"
    )
    max_attempts: int = Field(
        3, ge=1, le=10, description="attempts that timed out before only staff can help"
    )


class FaceVerifySettings(_Model):
    """The face comparison step (``face_verify``)."""

    position_timeout_s: float = Field(
        30.0, ge=5, le=300, description="no usable face for this long → FACE_NOT_FOUND"
    )
    liveness_timeout_s: float = Field(
        10.0, ge=3, le=120, description="each liveness action, from its prompt"
    )
    match_threshold: float = Field(
        0.35,
        ge=0.2,
        le=0.6,
        description="[synthetic] dlib descriptor distance at or below which faces match "
        "(benchmarks/face_calibrate.py); lower is stricter",
    )


class CaptureSettings(_Model):
    """``[capture]``: what the camera steps judge and how long they wait."""

    debounce_s: float = Field(
        0.5, ge=0.1, le=3, description="guidance shows the reason seen most in this window"
    )
    photo: PhotoSettings = Field(default_factory=PhotoSettings)
    compliance: ComplianceSettings = Field(default_factory=ComplianceSettings)
    face_verify: FaceVerifySettings = Field(default_factory=FaceVerifySettings)
