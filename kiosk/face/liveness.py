"""Challenge-response liveness: random prompted actions judged frame by frame.

Feed ``LivenessChallenge.update(faces, t)`` with the detector's faces for every camera
frame and the frame's monotonic time in seconds; it answers IN_PROGRESS, PASSED or FAILED.

The challenge of each attempt is drawn from a CSPRNG (:func:`draw_challenge`, ``secrets``):
two different actions out of blink, turn left, turn right and look up, in random order,
each prompted only after a random pause in which the citizen holds still. A recording
of an earlier attempt acts in its own order and at its own times, so it fails:

- Blink: eye openness (lid height / width from the iris model's eye contours) must be
  seen open, drop below ``closed_ratio`` × the open level and come back above
  ``reopen_ratio`` × it.
- Head turn: the FaceMesh-depth yaw must be seen near centre, then past ``turn_deg`` in the
  asked direction (the citizen's own left / right).
- Look up: the pitch must rise ``up_deg`` above the citizen's own level, measured on the
  first frontal frames of the challenge (camera heights differ from kiosk to kiosk).
- A head movement that was not asked for (the other direction, another movement, or any
  movement before its prompt) fails the check with WRONG_ACTION. Blinks are never wrong:
  people blink on their own.
- Each action must be done within ``timeout_s`` of its prompt (LIVENESS_TIMEOUT).
- The same face must stay in view: a face missing for longer than ``max_face_lost_s``, a
  jump of the face box between frames or a second large face fails the check.

Limits, stated plainly: this stops a printed photo held to the camera (it cannot blink;
bending it is unlikely to pass a turn) and a video recorded earlier and played back (it
does not follow prompts it has not seen; with two of four actions it guesses the order in
1 of 12 draws, and must then also hit the random pauses). It does **not** stop a person
who follows the prompts in a 3-D mask, a live-puppeted deep-fake stream or an operator
playing clips to order — that needs certified presentation-attack detection (IR / depth
camera and a vendor's certified SDK).
"""

from __future__ import annotations

import secrets
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
    LOOK_UP = "look_up"


class LivenessState(StrEnum):
    IN_PROGRESS = "in_progress"
    PASSED = "passed"
    FAILED = "failed"


PROMPTS: dict[ChallengeKind, tuple[str, str]] = {
    ChallengeKind.BLINK: ("请眨一眨眼睛", "Please blink"),
    ChallengeKind.TURN_LEFT: ("请慢慢向左转头", "Slowly turn your head to the left"),
    ChallengeKind.TURN_RIGHT: ("请慢慢向右转头", "Slowly turn your head to the right"),
    ChallengeKind.LOOK_UP: ("请慢慢抬头向上看", "Slowly raise your head and look up"),
}
HOLD_TEXT = ("请看着屏幕，保持不动", "Look at the screen and hold still")
PASSED_TEXT = ("验证通过", "Check passed")
#: Actions that move the head (one not asked for is a wrong action).
HEAD_MOVES = frozenset({ChallengeKind.TURN_LEFT, ChallengeKind.TURN_RIGHT, ChallengeKind.LOOK_UP})


class LivenessSettings(BaseModel):
    """Thresholds of the liveness challenge ([synthetic]: tuned on rendered faces only)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    timeout_s: float = Field(10.0, gt=0, description="each action, from its prompt")
    min_face_score: float = Field(0.6, ge=0, le=1)
    open_frames: int = Field(2, ge=1, description="open-eye frames needed before a blink")
    closed_ratio: float = Field(0.6, gt=0, lt=1, description="[synthetic] of the open level")
    reopen_ratio: float = Field(0.85, gt=0, le=1, description="[synthetic] of the open level")
    centre_deg: float = Field(8.0, gt=0, description="a turn must start within ±this yaw")
    turn_deg: float = Field(15.0, gt=0, description="yaw to reach in the asked direction")
    up_deg: float = Field(12.0, gt=0, description="[synthetic] pitch rise over the own level")
    level_frames: int = Field(3, ge=1, description="frontal frames that set the pitch level")
    actions: int = Field(2, ge=1, le=4, description="actions drawn per attempt")
    min_wait_s: float = Field(0.5, ge=0, description="shortest pause before a prompt")
    max_wait_s: float = Field(2.0, ge=0, description="longest pause before a prompt")
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


@dataclass(frozen=True)
class ChallengeAction:
    """One prompted action and the pause (seconds, holding still) before its prompt."""

    kind: ChallengeKind
    wait_s: float = 0.0


def draw_challenge(settings: LivenessSettings | None = None) -> list[ChallengeAction]:
    """A fresh challenge from the system CSPRNG: ``settings.actions`` different actions in
    random order, each after a random pause (to 10 ms). Never reuse one across attempts."""
    s = settings or LivenessSettings()
    rng = secrets.SystemRandom()
    kinds = rng.sample(list(ChallengeKind), s.actions)
    low, high = sorted((s.min_wait_s, s.max_wait_s))
    return [ChallengeAction(k, round(rng.uniform(low, high), 2)) for k in kinds]


class LivenessChallenge:
    """State machine for a sequence of prompted actions; one instance per attempt.

    ``steps`` are :class:`ChallengeAction` (with their pauses) or bare kinds (prompted
    at once); :func:`draw_challenge` makes the random ones an attempt needs.
    """

    def __init__(
        self,
        steps: Sequence[ChallengeAction | ChallengeKind],
        settings: LivenessSettings | None = None,
    ) -> None:
        if not steps:
            raise ValueError("at least one step is needed")
        self.actions = [s if isinstance(s, ChallengeAction) else ChallengeAction(s) for s in steps]
        self.steps = [a.kind for a in self.actions]
        self.settings = settings or LivenessSettings()
        self._index = 0
        self._last_seen: float | None = None
        self._last_box: Box | None = None
        self._levels: list[float] = []  # pitch of the first frontal frames
        self._level: float | None = None
        self._waiting_since: float | None = None  # the pause before the current prompt
        self._prompted_at: float | None = None
        # A head movement counts as an action only once the head was seen back at rest
        # (after an action is done, the head is still turned for a moment).
        self._at_rest = False
        self._status = self._progress() if self.actions[0].wait_s <= 0 else self._hold()
        self._reset_step()

    @property
    def status(self) -> LivenessStatus:
        return self._status

    @property
    def done_count(self) -> int:
        """Actions done so far."""
        return len(self.steps) if self._status.state is LivenessState.PASSED else self._index

    def _reset_step(self) -> None:
        self._open: deque[float] = deque(maxlen=15)
        self._closed = False
        self._open_level = 0.0
        self._centred = False

    def _hold(self) -> LivenessStatus:
        return LivenessStatus(LivenessState.IN_PROGRESS, None, *HOLD_TEXT)

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
        if self._last_seen is None:
            self._last_seen = self._waiting_since = t
        if self._prompted_at is not None and t - self._prompted_at > s.timeout_s:
            return self._fail(Reason.LIVENESS_TIMEOUT)
        usable = [f for f in faces if f.score >= s.min_face_score and f.has_landmarks]
        if not usable:
            if t - self._last_seen > s.max_face_lost_s:
                return self._fail(Reason.FACE_LOST)
            return self._status
        face = max(usable, key=lambda f: f.box.w * f.box.h)
        if any(f is not face and f.box.w >= s.other_face_min_ratio * face.box.w for f in usable):
            return self._fail(Reason.MULTIPLE_FACES)
        if self._last_box is not None and face.box.iou(self._last_box) < s.min_frame_iou:
            return self._fail(Reason.FACE_CHANGED)
        self._last_box, self._last_seen = face.box, t
        yaw, pitch = self._pose(face)
        self._learn_level(yaw, pitch)
        if self._prompted_at is None:  # the pause before the prompt
            assert self._waiting_since is not None
            if t - self._waiting_since >= self.actions[self._index].wait_s:
                self._prompted_at = t
                self._status = self._progress()
        asked = self.steps[self._index] if self._prompted_at is not None else None
        if self._wrong_move(yaw, pitch, asked):
            return self._fail(Reason.WRONG_ACTION)
        if asked is not None and self._step_done(asked, face, yaw, pitch):
            self._index += 1
            self._at_rest = asked not in HEAD_MOVES
            if self._index == len(self.steps):
                self._status = LivenessStatus(LivenessState.PASSED, None, *PASSED_TEXT)
                return self._status
            self._reset_step()
            self._prompted_at, self._waiting_since = None, t
            self._status = self._hold()
            if self.actions[self._index].wait_s <= 0:
                self._prompted_at, self._status = t, self._progress()
        return self._status

    def _pose(self, face: Face) -> tuple[float, float]:
        """(yaw, pitch) in degrees; yaw > 0 is a turn to the citizen's own left."""
        # Face.yaw_deg > 0 is a turn to the citizen's left in an unmirrored frame.
        yaw = -face.yaw_deg if self.settings.frame_mirrored else face.yaw_deg
        return yaw, face.pitch_deg

    def _learn_level(self, yaw: float, pitch: float) -> None:
        if self._level is None and abs(yaw) <= self.settings.centre_deg:
            self._levels.append(pitch)
            if len(self._levels) >= self.settings.level_frames:
                self._level = float(np.median(self._levels))

    def _rise(self, pitch: float) -> float:
        """Pitch above the citizen's own level (0 until that level is known)."""
        return 0.0 if self._level is None else pitch - self._level

    def pitch_off_level(self, face: Face) -> float:
        """How far ``face`` looks up or down from the citizen's own level, in degrees."""
        return abs(self._rise(face.pitch_deg))

    def _moves(self, yaw: float, pitch: float) -> set[ChallengeKind]:
        """The head movements this pose shows."""
        s = self.settings
        moves = set()
        if yaw >= s.turn_deg:
            moves.add(ChallengeKind.TURN_LEFT)
        if yaw <= -s.turn_deg:
            moves.add(ChallengeKind.TURN_RIGHT)
        if self._rise(pitch) >= s.up_deg:
            moves.add(ChallengeKind.LOOK_UP)
        return moves

    def _wrong_move(self, yaw: float, pitch: float, asked: ChallengeKind | None) -> bool:
        """A head movement other than the one asked for, made from rest."""
        s = self.settings
        if abs(yaw) <= s.centre_deg and abs(self._rise(pitch)) <= s.centre_deg:
            self._at_rest = True
            return False
        return self._at_rest and bool(self._moves(yaw, pitch) - {asked})

    def _step_done(self, step: ChallengeKind, face: Face, yaw: float, pitch: float) -> bool:
        if step is ChallengeKind.BLINK:
            return self._blink(face)
        if abs(yaw) <= self.settings.centre_deg:
            self._centred = True
        if not self._centred:
            return False
        if step is ChallengeKind.LOOK_UP:
            return self._level is not None and self._rise(pitch) >= self.settings.up_deg
        s = self.settings
        return yaw >= s.turn_deg if step is ChallengeKind.TURN_LEFT else yaw <= -s.turn_deg

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
                    self._open_level = level
                    return False
            self._open.append(value)
            return False
        return value > s.reopen_ratio * self._open_level
