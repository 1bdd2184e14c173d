"""Challenge-response liveness: blink and head-turn prompts judged frame by frame.

Feed ``LivenessChallenge.update(faces, t)`` with the detector's faces for every camera
frame and the frame's monotonic time in seconds; it answers IN_PROGRESS, PASSED or FAILED.

- Blink: eye openness (lid height / width from the iris model's eye contours) must be
  seen open, drop below ``closed_ratio`` × the open level and come back above
  ``reopen_ratio`` × it.
- Head turn: the FaceMesh-depth yaw must be seen near centre, then past ``turn_deg`` in the
  asked direction (the citizen's own left / right).
- The same face must stay in view: a face missing for longer than ``max_face_lost_s``, a
  jump of the face box between frames or a second large face fails the check.

Limits, stated plainly: this stops a printed photo held to the camera (it cannot blink;
bending it is unlikely to pass a turn). It does **not** stop a video replayed on a phone
or tablet, a 3-D mask or a deep-fake stream — that needs certified presentation-attack
detection (IR / depth camera and a vendor's certified SDK). A turn alone is weaker than a
blink, because tilting a flat photo changes its apparent yaw; prefer BLINK in every set.
"""

from __future__ import annotations

import random
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

from kiosk.face.guidance import Reason, en, zh
from kiosk.face.types import Box, Face


class ChallengeKind(StrEnum):
    """One prompted action."""

    BLINK = "blink"
    TURN_LEFT = "turn_left"
    TURN_RIGHT = "turn_right"


class LivenessState(StrEnum):
    IN_PROGRESS = "in_progress"
    PASSED = "passed"
    FAILED = "failed"


PROMPTS: dict[ChallengeKind, tuple[str, str]] = {
    ChallengeKind.BLINK: ("请眨一眨眼睛", "Please blink"),
    ChallengeKind.TURN_LEFT: ("请慢慢向左转头", "Slowly turn your head to the left"),
    ChallengeKind.TURN_RIGHT: ("请慢慢向右转头", "Slowly turn your head to the right"),
}
PASSED_TEXT = ("验证通过", "Check passed")


class LivenessSettings(BaseModel):
    """Thresholds of the liveness challenge ([synthetic]: tuned on rendered faces only)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    timeout_s: float = Field(10.0, gt=0, description="whole challenge, from the first frame")
    min_face_score: float = Field(0.6, ge=0, le=1)
    open_frames: int = Field(2, ge=1, description="open-eye frames needed before a blink")
    closed_ratio: float = Field(0.6, gt=0, lt=1, description="[synthetic] of the open level")
    reopen_ratio: float = Field(0.85, gt=0, le=1, description="[synthetic] of the open level")
    centre_deg: float = Field(8.0, gt=0, description="a turn must start within ±this yaw")
    turn_deg: float = Field(15.0, gt=0, description="yaw to reach in the asked direction")
    max_face_lost_s: float = Field(1.0, gt=0)
    min_frame_iou: float = Field(0.2, ge=0, le=1, description="face box overlap frame to frame")
    other_face_min_ratio: float = Field(0.5, gt=0, description="a face this large is a 2nd one")
    frame_mirrored: bool = Field(False, description="the camera delivers mirror images")


@dataclass(frozen=True)
class LivenessStatus:
    """What the challenge says after a frame."""

    state: LivenessState
    step: ChallengeKind | None
    prompt_zh: str
    prompt_en: str
    reason: Reason | None = None

    @property
    def done(self) -> bool:
        return self.state is not LivenessState.IN_PROGRESS


def random_steps(rng: random.Random | None = None, turns: bool = True) -> list[ChallengeKind]:
    """A blink, optionally followed by a turn in a random direction (unpredictable prompts)."""
    rng = rng or random.Random()
    steps = [ChallengeKind.BLINK]
    if turns:
        steps.append(rng.choice([ChallengeKind.TURN_LEFT, ChallengeKind.TURN_RIGHT]))
    return steps


class LivenessChallenge:
    """State machine for a sequence of prompted actions; one instance per attempt."""

    def __init__(
        self, steps: Sequence[ChallengeKind], settings: LivenessSettings | None = None
    ) -> None:
        if not steps:
            raise ValueError("at least one step is needed")
        self.steps = list(steps)
        self.settings = settings or LivenessSettings()
        self._index = 0
        self._start: float | None = None
        self._last_seen: float | None = None
        self._last_box: Box | None = None
        self._status = self._progress()
        self._reset_step()

    @property
    def status(self) -> LivenessStatus:
        return self._status

    def _reset_step(self) -> None:
        self._open: deque[float] = deque(maxlen=15)
        self._closed = False
        self._level = 0.0
        self._centred = False

    def _progress(self) -> LivenessStatus:
        step = self.steps[self._index]
        return LivenessStatus(LivenessState.IN_PROGRESS, step, *PROMPTS[step])

    def _fail(self, reason: Reason) -> LivenessStatus:
        self._status = LivenessStatus(
            LivenessState.FAILED, self.steps[self._index], zh(reason), en(reason), reason
        )
        return self._status

    def update(self, faces: Sequence[Face], t: float) -> LivenessStatus:
        """Take one frame's detections at monotonic time ``t`` (seconds)."""
        if self._status.done:
            return self._status
        s = self.settings
        if self._start is None:
            self._start = self._last_seen = t
        if t - self._start > s.timeout_s:
            return self._fail(Reason.LIVENESS_TIMEOUT)
        usable = [f for f in faces if f.score >= s.min_face_score and f.has_landmarks]
        if not usable:
            assert self._last_seen is not None
            if t - self._last_seen > s.max_face_lost_s:
                return self._fail(Reason.FACE_LOST)
            return self._status
        face = max(usable, key=lambda f: f.box.w * f.box.h)
        if any(f is not face and f.box.w >= s.other_face_min_ratio * face.box.w for f in usable):
            return self._fail(Reason.MULTIPLE_FACES)
        if self._last_box is not None and face.box.iou(self._last_box) < s.min_frame_iou:
            return self._fail(Reason.FACE_CHANGED)
        self._last_box, self._last_seen = face.box, t
        if self._step_done(self.steps[self._index], face):
            self._index += 1
            if self._index == len(self.steps):
                self._status = LivenessStatus(LivenessState.PASSED, None, *PASSED_TEXT)
                return self._status
            self._reset_step()
            self._status = self._progress()
        return self._status

    def _step_done(self, step: ChallengeKind, face: Face) -> bool:
        if step is ChallengeKind.BLINK:
            return self._blink(face)
        return self._turn(face, left=step is ChallengeKind.TURN_LEFT)

    def _blink(self, face: Face) -> bool:
        if face.eye_openness is None:
            return False
        s = self.settings
        value = face.mean_eye_openness
        if not self._closed:
            if len(self._open) >= s.open_frames:
                level = float(np.percentile(self._open, 90))
                if value < s.closed_ratio * level:
                    self._closed = True
                    self._level = level
                    return False
            self._open.append(value)
            return False
        return value > s.reopen_ratio * self._level

    def _turn(self, face: Face, *, left: bool) -> bool:
        s = self.settings
        # Face.yaw_deg > 0 is a turn to the citizen's left in an unmirrored frame.
        yaw = -face.yaw_deg if s.frame_mirrored else face.yaw_deg
        if abs(yaw) <= s.centre_deg:
            self._centred = True
        if not self._centred:
            return False
        return yaw >= s.turn_deg if left else yaw <= -s.turn_deg
