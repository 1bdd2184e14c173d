"""人证比对: a liveness challenge on the live camera, then a comparison with a reference photo.

The reference is the photo on the ID card when one was read (compared on the kiosk with
the configured face matcher), or, for a lost card, the platform's record photo (the
platform compares; the record never leaves it). The probe is the most frontal open-eyed
frame seen during the challenge, cut to an ID-photo crop.

Phases: POSITIONING (one face, close enough; guidance shown) → CHALLENGE (two actions
drawn afresh for every attempt from a CSPRNG, each prompted after a random pause) →
COMPARING (busy) → PASSED. Problems fail the step with a stable code and the citizen may
retry, except after ``MAX_MISMATCHES`` mismatches, when only staff can help. Liveness
here stops a printed photo and a recording of an earlier attempt played back, not a
mask or a live deep-fake (``kiosk.face.liveness``).
"""

from __future__ import annotations

import enum
import logging
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any

import numpy as np

from drivers.camera.frames import Frame
from kiosk.cases.case import add_to_case, applicant
from kiosk.flow.camera_steps import (
    Analysed,
    Analyser,
    CameraStep,
    Debouncer,
    face_detector,
    face_matcher,
)
from kiosk.flow.engine import FlowError, step_kind

log = logging.getLogger(__name__)

#: After this many mismatches in one visit the step stops offering a retry.
MAX_MISMATCHES = 3

#: Codes after which the citizen may try again (the rest need staff or another way).
RETRYABLE = frozenset(
    {
        "FACE_NOT_FOUND",
        "LIVENESS_FAILED",
        "FACE_MISMATCH",
        "FACE_NOT_USABLE",
        "VERIFY_UNAVAILABLE",
        "CAMERA_NO_FRAMES",
        "FACE_ENGINE_FAILED",
        "DEVICE_MISSING",
    }
)


class Phase(enum.StrEnum):
    POSITIONING = "positioning"
    CHALLENGE = "challenge"
    COMPARING = "comparing"
    PASSED = "passed"
    STOPPED = "stopped"  # failed; see ``error``


class Reference(enum.StrEnum):
    CARD = "card_photo"  # compared on the kiosk
    PLATFORM = "platform"  # the platform compares with its record


def _liveness_settings(capture: Any) -> Any:
    """The challenge's settings from ``[capture]``: its timeout and the camera's mirroring."""
    from kiosk.face import LivenessSettings

    return LivenessSettings(
        timeout_s=capture.face_verify.liveness_timeout_s,
        frame_mirrored=capture.compliance.frame_mirrored,
    )


def _draw_challenge(settings: Any) -> list[Any]:
    from kiosk.face import draw_challenge

    return draw_challenge(settings)


def probe_jpeg(image: np.ndarray, face: Any) -> bytes:
    """The probe sent or kept: an ID-photo crop of the face (358×441 JPEG), not the whole frame."""
    from kiosk.face import crop_id_photo, encode_id_photo

    return encode_id_photo(crop_id_photo(image, face))


@step_kind
class FaceVerify(CameraStep):
    kind = "face_verify"
    prompt_key = "face_verify"

    #: Consecutive frames with one usable face before the challenge starts.
    settle_frames = 3
    #: Narrower faces (share of the frame width) are too far away to judge.
    min_face_width_ratio = 0.15
    #: Frames for the probe must be this frontal and open-eyed.
    probe_max_yaw_deg = 10.0
    #: … and no further from the citizen's own pitch level (a look-up is 12° or more).
    probe_max_pitch_deg = 6.0
    probe_min_eye_openness = 0.25

    def __init__(self, flow: Any) -> None:
        super().__init__(flow)
        capture = self.env.config.capture
        #: No usable face for this long while positioning: the step fails (FACE_NOT_FOUND).
        self.position_timeout_s = capture.face_verify.position_timeout_s
        #: Thresholds and timeout of the challenge (``kiosk.face.LivenessSettings``).
        self.liveness_settings: Any = _liveness_settings(capture)
        self.mismatches = 0
        self.phase = Phase.STOPPED
        #: Draws the challenge of each attempt (``kiosk.face.draw_challenge``: CSPRNG).
        self.draw_challenge: Callable[[Any], list[Any]] = _draw_challenge
        self.guidance: str | None = None  # a kiosk.face Reason value, or None
        self.liveness_reason: str | None = None
        self.challenge: Any = None
        self.reference: Reference | None = None
        self.score: float | None = None
        self._debounce = Debouncer(capture.debounce_s)
        self._card_photo_unusable = False
        self._settled = 0
        self._started_at: float | None = None
        self._probe: tuple[Frame, Any, float] | None = None  # frame, face, quality (lower better)

    # ---- for the page
    @property
    def previewing(self) -> bool:
        return self.phase in (Phase.POSITIONING, Phase.CHALLENGE)

    @property
    def can_retry(self) -> bool:
        return (
            self.error is not None
            and self.error.code in RETRYABLE
            and self.mismatches < MAX_MISMATCHES
            and not self.busy
        )

    @property
    def challenge_step(self) -> str | None:
        """The action asked now ("blink", "turn_left", "turn_right", "look_up") during the
        challenge; None in the pauses before the prompts (the citizen holds still)."""
        if self.phase is not Phase.CHALLENGE or self.challenge is None:
            return None
        step = self.challenge.status.step
        return str(step) if step is not None else None

    @property
    def challenge_progress(self) -> tuple[int, int]:
        """(actions done, actions asked) of the current challenge."""
        if self.challenge is None:
            return 0, 0
        return self.challenge.done_count, len(self.challenge.steps)

    # ---- lifecycle
    def enter(self) -> None:
        super().enter()
        if self.data.get("face_verify.passed"):
            self.phase = Phase.PASSED  # came back: already verified in this visit
            self.changed()
            return
        if self.mismatches >= MAX_MISMATCHES:  # going back and forth does not buy attempts
            self._stop(FlowError("FACE_MISMATCH_LIMIT", "no attempts left"))
            return
        self._start_attempt()

    def drop_frames(self) -> None:
        self._probe = None
        self._debounce.reset()

    def retry(self) -> None:
        """Try again after a problem (not after too many mismatches)."""
        if not self.can_retry:
            return
        self.clear_error()
        self._start_attempt()

    def proceed(self) -> None:
        """Go on from the PASSED view shown when the citizen came back to this step."""
        if self.phase is Phase.PASSED:
            self.complete()

    def _start_attempt(self) -> None:
        self.reference = self._choose_reference()
        if self.reference is None:
            self._stop(FlowError("NO_REFERENCE", "neither a card photo nor an ID number"))
            return
        if self.reference is Reference.PLATFORM and self.env.platform is None:
            self._stop(FlowError("VERIFY_UNAVAILABLE", "no platform client"))
            return
        if self.camera is None:
            self._stop(FlowError("DEVICE_MISSING", self.device))
            return
        self.phase = Phase.POSITIONING
        self.challenge = None
        self.liveness_reason = None
        self.guidance = None
        self.score = None
        self._settled = 0
        self._started_at = None
        self.drop_frames()
        self.start_loop()
        self.changed()

    def _choose_reference(self) -> Reference | None:
        card = self.data.get("card")
        if (
            card is not None
            and not card.wiped
            and card.photo is not None
            and not self._card_photo_unusable
        ):
            return Reference.CARD
        if applicant(self.data).get("id_number"):
            return Reference.PLATFORM
        return None

    def _stop(self, error: FlowError) -> None:
        self.stop_loop()
        self.drop_frames()
        self.phase = Phase.STOPPED
        self.challenge = None
        self.fail(error)

    # ---- frames
    def analyser(self) -> Analyser:
        detector = face_detector(self.env)

        def analyse(frame: Frame) -> Analysed:
            return Analysed(frame, detector.detect(frame.image))

        return analyse

    def _usable(self, faces: list[Any]) -> list[Any]:
        return [f for f in faces if f.score >= 0.6 and f.has_landmarks]

    def on_frame(self, analysed: Analysed) -> None:
        t = analysed.frame.timestamp
        faces = self._usable(analysed.faces)
        if faces:
            self.env.idle.touch()  # someone is in front of the camera
        if self.phase is Phase.POSITIONING:
            self._position(analysed.frame, faces, t)
        elif self.phase is Phase.CHALLENGE:
            self._challenge(analysed, faces, t)

    def _position(self, frame: Frame, faces: list[Any], t: float) -> None:
        if self._started_at is None:
            self._started_at = t
        reason = self._placement(frame, faces)
        self._settled = self._settled + 1 if reason is None else 0
        shown = self._debounce.add(t, reason)
        if self._settled >= self.settle_frames:
            from kiosk.face import LivenessChallenge

            actions = self.draw_challenge(self.liveness_settings)  # new for every attempt
            self.challenge = LivenessChallenge(actions, self.liveness_settings)
            self.phase = Phase.CHALLENGE
            self.guidance = None
            self._debounce.reset()
            log.info("liveness challenge started", extra={"step": self.kind})
            self.changed()
            return
        if t - self._started_at > self.position_timeout_s:
            self._stop(FlowError("FACE_NOT_FOUND", str(shown)))
            return
        if shown != self.guidance:
            self.guidance = str(shown) if shown is not None else None
            self.changed()

    def _placement(self, frame: Frame, faces: list[Any]) -> str | None:
        """Why the challenge cannot start on this frame (a Reason value), or None."""
        if not faces:
            return "NO_FACE"
        face = max(faces, key=lambda f: f.box.w * f.box.h)
        if any(f is not face and f.box.w >= 0.5 * face.box.w for f in faces):
            return "MULTIPLE_FACES"
        if face.face_width < self.min_face_width_ratio * frame.size[0]:
            return "TOO_FAR"
        return None

    def _challenge(self, analysed: Analysed, faces: list[Any], t: float) -> None:
        from kiosk.face import LivenessState

        before = self.challenge.status
        status = self.challenge.update(analysed.faces, t)
        if faces:
            self._consider_probe(analysed.frame, max(faces, key=lambda f: f.box.w * f.box.h))
        shown = self._debounce.add(t, None if faces else "FACE_LOST")
        if status.state is LivenessState.FAILED:
            self.liveness_reason = str(status.reason) if status.reason else None
            log.info("liveness failed", extra={"step": self.kind, "code": self.liveness_reason})
            self._stop(FlowError("LIVENESS_FAILED", self.liveness_reason or ""))
            return
        if status.state is LivenessState.PASSED:
            self._liveness_passed()
            return
        if status.step != before.step or shown != self.guidance:
            self.guidance = str(shown) if shown is not None else None
            self.changed()

    def _consider_probe(self, frame: Frame, face: Any) -> None:
        """Keep the single most frontal open-eyed frame (or any face until one is seen).

        Frontal in pitch too: a look-up asked by the challenge keeps yaw and roll at
        zero, and a tilted probe fails the comparison with the card photo.
        """
        try:
            yaw, roll = abs(face.yaw_deg), abs(face.roll_deg)
            pitch = self.challenge.pitch_off_level(face)
        except ValueError:
            return
        eyes_open = (
            face.eye_openness is None or face.min_eye_openness >= self.probe_min_eye_openness
        )
        good = eyes_open and yaw <= self.probe_max_yaw_deg and pitch <= self.probe_max_pitch_deg
        quality = yaw + roll + pitch + (0.0 if good else 1000.0)
        if self._probe is None or quality < self._probe[2]:
            self._probe = (frame, face, quality)

    # ---- comparison
    def _liveness_passed(self) -> None:
        self.stop_loop()
        probe, self._probe = self._probe, None
        self._debounce.reset()
        steps = [str(s) for s in self.challenge.steps]
        if probe is None:  # a passed challenge saw faces; be safe anyway
            self._stop(FlowError("FACE_NOT_USABLE", "no probe frame"))
            return
        self.phase = Phase.COMPARING
        self.guidance = None
        self.set_busy(True)
        self._compare(steps, probe[0].image, probe[1])

    def _compare(self, steps: list[str], image: np.ndarray, face: Any) -> None:
        run = self._run
        if self.reference is Reference.CARD:
            matcher, card_photo = face_matcher(self.env), self.data["card"].photo

            def work() -> tuple[bool, float, bytes]:
                result = matcher.compare(card_photo, image)
                return result.match, result.score, probe_jpeg(image, face)

        else:
            platform, who = self.env.platform, applicant(self.data)
            assert platform is not None  # a PLATFORM reference is chosen only with a client
            liveness = {"method": "blink" if "blink" in steps else "turn", "passed": True}

            def work() -> tuple[bool, float, bytes]:
                jpeg = probe_jpeg(image, face)
                result = platform.verify_identity(
                    who.get("id_number", ""), who.get("name", ""), jpeg, liveness
                )
                return result.match, result.score, jpeg

        self.env.call(work, lambda f: self._compared(run, steps, image, face, f))

    def _compared(
        self, run: int, steps: list[str], image: np.ndarray, face: Any, future: Future[Any]
    ) -> None:
        if run != self._run or not self.active:
            return  # the citizen left (cancel, timeout): forget the result
        error = future.exception()
        if error is not None:
            self._comparison_failed(error, steps, image, face)
            return
        match, score, jpeg = future.result()
        self.score = float(score)
        method = str(self.reference)
        log.info("face compared", extra={"step": self.kind, "method": method, "match": match})
        if not match:
            self.mismatches += 1
            code = "FACE_MISMATCH" if self.mismatches < MAX_MISMATCHES else "FACE_MISMATCH_LIMIT"
            self._stop(FlowError(code, f"{method} attempt {self.mismatches}"))
            return
        self.phase = Phase.PASSED
        self.data["face_verify.passed"] = True
        add_to_case(
            self.data,
            payload={
                "face_verify": {
                    "method": method,
                    "liveness": steps,
                    "score": round(self.score, 3),
                    "attempts": self.mismatches + 1,
                }
            },
        )
        # The live face served the comparison only: it stays in the session (zeroed
        # when the session ends) and is not submitted with the case.
        self.data["face_verify.probe_jpeg"] = bytearray(jpeg)
        self.complete()

    def _comparison_failed(
        self, error: BaseException, steps: list[str], image: np.ndarray, face: Any
    ) -> None:
        from kiosk.face import NoFaceError
        from offline_queue.client import FailureKind, PlatformError

        name = type(error).__name__
        if isinstance(error, NoFaceError) and error.which == "reference":
            # The card's photo cannot be used: the platform holds a record photo too.
            self._card_photo_unusable = True
            log.warning("card photo unusable", extra={"step": self.kind})
            if self.env.platform is not None and applicant(self.data).get("id_number"):
                self.reference = Reference.PLATFORM
                self._compare(steps, image, face)
                return
            self._stop(FlowError("FACE_REFERENCE_UNUSABLE", name))
            return
        if isinstance(error, NoFaceError):
            self._stop(FlowError("FACE_NOT_USABLE", name))
        elif isinstance(error, PlatformError) and error.kind is FailureKind.NOT_FOUND:
            self._stop(FlowError("PERSON_NOT_FOUND", error.kind.value))
        elif isinstance(error, PlatformError) and error.kind is FailureKind.NO_USABLE_FACE:
            self._stop(FlowError("FACE_NOT_USABLE", error.kind.value))
        elif isinstance(error, PlatformError):
            self._stop(FlowError("VERIFY_UNAVAILABLE", error.kind.value))
        else:
            log.error("face comparison failed", extra={"step": self.kind, "error": name})
            self._stop(FlowError("FACE_ENGINE_FAILED", name))
