"""证件照: live compliance guidance, automatic capture, then the citizen accepts or retakes.

Every frame is checked (one face, centred, head size, pose, eyes, light, background,
sharpness). The guidance shown is the reason seen in most frames of the last half
second, so a blink or a jittery landmark does not make the text flicker. Once the
frame has been compliant for ``hold_s`` the sharpest compliant frame of that run is
cut to the 358×441 GA 461 photo; the citizen may also press 拍照 as soon as it is
compliant. The accepted JPEG goes into the case's personal data (``photo``, base64).

An attempt that has not produced a photo within ``timeout_s`` stops (PHOTO_TIMEOUT) and
says which check failed most during it; the citizen may try again, ask staff or cancel.
After ``max_attempts`` such attempts in one visit only staff can help (PHOTO_TIMEOUT_LIMIT),
as with face_verify's mismatches: an endless guidance loop helps nobody.
"""

from __future__ import annotations

import base64
import enum
import logging
from collections import Counter
from concurrent.futures import Future
from typing import TYPE_CHECKING, Any

import numpy as np

from drivers.camera.frames import Frame
from kiosk.cases.case import add_to_case
from kiosk.flow.camera_steps import Analysed, Analyser, CameraStep, Debouncer, face_detector
from kiosk.flow.engine import FlowEnv, FlowError, step_kind

if TYPE_CHECKING:
    from kiosk.face import ComplianceChecker

log = logging.getLogger(__name__)

#: Session-data keys (wiped with the session; the array is zeroed).
IMAGE_KEY = "photo_capture.image"
JPEG_KEY = "photo_capture.jpeg"


#: Codes after which the citizen may try again (the rest need staff or another way).
RETRYABLE = frozenset(
    {"PHOTO_TIMEOUT", "PHOTO_FAILED", "CAMERA_NO_FRAMES", "FACE_ENGINE_FAILED", "DEVICE_MISSING"}
)


class PhotoState(enum.StrEnum):
    LIVE = "live"  # guidance on the live picture
    CAPTURING = "capturing"  # cutting the photo
    REVIEW = "review"  # 使用这张 / 重拍
    STOPPED = "stopped"  # no photo this attempt; see ``error``


def compliance_checker(env: FlowEnv) -> ComplianceChecker:
    """The kiosk's shared ``ComplianceChecker`` on the shared detector ([capture.compliance])."""
    checker = env.services.face_compliance
    if checker is None:
        from kiosk.face import ComplianceChecker

        checker = env.services.face_compliance = ComplianceChecker(
            face_detector(env), env.config.capture.compliance
        )
    return checker


def cut_photo(image: np.ndarray, face: Any) -> tuple[np.ndarray, bytes]:
    """The 358×441 photo (BGR, writable so it can be zeroed) and its JPEG."""
    from kiosk.face import crop_id_photo, encode_id_photo

    photo = crop_id_photo(image, face)
    return photo, encode_id_photo(photo)


@step_kind
class PhotoCapture(CameraStep):
    kind = "photo_capture"
    prompt_key = "photo_capture"

    def __init__(self, flow: Any) -> None:
        super().__init__(flow)
        capture = self.env.config.capture
        settings = capture.photo
        #: Compliant for this long (debounced) → the photo is taken.
        self.hold_s = settings.hold_s
        #: Guidance window: the reason held for most of it is shown.
        self.debounce_s = capture.debounce_s
        #: An attempt without a photo for this long stops (frame time, from its first frame).
        self.timeout_s = settings.timeout_s
        #: Attempts that may time out in one visit before only staff can help.
        self.max_attempts = settings.max_attempts
        self.timeouts = 0  # attempts that timed out in this visit
        self.timeout_reason: str | None = None  # the check failed most in the last one
        self.state = PhotoState.LIVE
        self.guidance: str | None = "NO_FACE"  # a kiosk.face Reason value; None = compliant
        self.photo: np.ndarray | None = None
        self._live_since: float | None = None
        self._reasons: Counter[str] = Counter()  # failed checks seen during this attempt
        self._debounce = Debouncer(self.debounce_s)
        self._ok_since: float | None = None
        self._last_t = 0.0
        self._best: tuple[Frame, Any, float] | None = None  # frame, face, sharpness

    # ---- for the page
    @property
    def previewing(self) -> bool:
        return self.state is PhotoState.LIVE

    @property
    def can_capture(self) -> bool:
        return self.state is PhotoState.LIVE and self.guidance is None and self._best is not None

    @property
    def can_retry(self) -> bool:
        return (
            self.state is PhotoState.STOPPED
            and self.error is not None
            and self.error.code in RETRYABLE
        )

    @property
    def hold_progress(self) -> float:
        """0 … 1 towards the automatic capture."""
        if self._ok_since is None or self.state is not PhotoState.LIVE:
            return 0.0
        return min(1.0, (self._last_t - self._ok_since) / self.hold_s)

    # ---- lifecycle
    def enter(self) -> None:
        super().enter()
        kept = self.data.get(IMAGE_KEY)
        if isinstance(kept, np.ndarray):  # came back: show the photo taken before
            self.photo = kept
            self.state = PhotoState.REVIEW
            self.changed()
            return
        if self.timeouts >= self.max_attempts:  # going back and forth does not buy attempts
            self._stop(FlowError("PHOTO_TIMEOUT_LIMIT", "no attempts left"))
            return
        self._go_live()

    def leave(self) -> None:
        self.photo = None  # the copy in session data is zeroed when the session ends
        super().leave()

    def drop_frames(self) -> None:
        self._best = None
        self._ok_since = None
        self._debounce.reset()

    def _go_live(self) -> None:
        self.photo = None
        self.state = PhotoState.LIVE
        self.guidance = "NO_FACE"
        self.timeout_reason = None
        self._live_since = None
        self._reasons.clear()
        self.drop_frames()
        if self.camera is None:
            self._stop(FlowError("DEVICE_MISSING", self.device))
            return
        self.clear_error()
        self.start_loop()
        self.changed()

    def _stop(self, error: FlowError) -> None:
        """No photo this attempt: camera loop off, frames dropped, the problem shown."""
        self.stop_loop()
        self.drop_frames()
        self.state = PhotoState.STOPPED
        self.fail(error)

    def fail(self, error: FlowError) -> None:
        # Failures of the shared frame loop (no frames, engine error) stop the attempt too.
        if self.state is PhotoState.LIVE and not self.looping:
            self.state = PhotoState.STOPPED
        super().fail(error)

    def retry(self) -> None:
        """Start a new attempt after a problem (not once the attempts are used up)."""
        if self.can_retry:
            self._go_live()

    def _time_out(self) -> None:
        self.timeouts += 1
        common = self._reasons.most_common(1)
        self.timeout_reason = common[0][0] if common else self.guidance
        log.info(
            "photo attempt timed out",
            extra={"step": self.kind, "code": self.timeout_reason, "attempt": self.timeouts},
        )
        code = "PHOTO_TIMEOUT" if self.timeouts < self.max_attempts else "PHOTO_TIMEOUT_LIMIT"
        self._stop(FlowError(code, self.timeout_reason or ""))

    # ---- frames
    def analyser(self) -> Analyser:
        checker = compliance_checker(self.env)

        def analyse(frame: Frame) -> Analysed:
            faces = checker.detector.detect(frame.image)
            return Analysed(frame, faces, checker.check_faces(frame.image, faces))

        return analyse

    def on_frame(self, analysed: Analysed) -> None:
        report, t = analysed.report, analysed.frame.timestamp
        self._last_t = t
        if self._live_since is None:
            self._live_since = t
        if report.face is not None:
            self.env.idle.touch()  # someone is in front of the camera
        raw = None if report.ok else str(report.primary.reason)
        if raw is not None:
            self._reasons[raw] += 1
        shown = self._debounce.add(t, raw)
        if shown is not None:
            self._ok_since = None
            self._best = None  # the compliant run is broken: start a new one
        elif self._ok_since is None:
            self._ok_since = t
        if raw is None:
            sharpness = float(report.metrics.get("sharpness", 0.0))
            if self._best is None or sharpness > self._best[2]:
                self._best = (analysed.frame, report.face, sharpness)
        self.guidance = str(shown) if shown is not None else None
        if self.hold_progress >= 1.0 and self._best is not None:
            self.capture()
            return
        # Out of time, unless a compliant run is under way: that one may still finish.
        if shown is not None and t - self._live_since >= self.timeout_s:
            self._time_out()
            return
        self.changed()

    # ---- actions
    def capture(self) -> None:
        """Take the photo now from the best compliant frame (the 拍照 button or automatic)."""
        if not self.can_capture:
            return
        best, self._best = self._best, None
        assert best is not None
        self.stop_loop()
        self.drop_frames()
        self.state = PhotoState.CAPTURING
        self.changed()
        run, image, face = self._run, best[0].image, best[1]
        self.env.call(lambda: cut_photo(image, face), lambda f: self._cut(run, f))

    def _cut(self, run: int, future: Future[Any]) -> None:
        if run != self._run or not self.active:
            return
        error = future.exception()
        if error is not None:
            log.error("photo cut failed", extra={"step": self.kind, "error": type(error).__name__})
            self._go_live()
            self.fail(FlowError("PHOTO_FAILED", type(error).__name__))
            return
        photo, jpeg = future.result()
        self.photo = photo
        self.data[IMAGE_KEY] = photo
        self.data[JPEG_KEY] = bytearray(jpeg)
        self.state = PhotoState.REVIEW
        log.info("photo taken", extra={"step": self.kind, "bytes": len(jpeg)})
        self.changed()

    def retake(self) -> None:
        """Discard the photo and go back to the live picture."""
        if self.state is not PhotoState.REVIEW:
            return
        old = self.data.get(IMAGE_KEY)
        if isinstance(old, np.ndarray):
            old.fill(0)
        jpeg = self.data.get(JPEG_KEY)
        if isinstance(jpeg, bytearray):
            jpeg[:] = bytes(len(jpeg))
        self.data[IMAGE_KEY] = None
        self.data[JPEG_KEY] = None
        self._go_live()

    def accept(self) -> None:
        """Use this photo: it goes into the case and the flow moves on."""
        jpeg = self.data.get(JPEG_KEY)
        if self.state is not PhotoState.REVIEW or not jpeg:
            return
        h, w = self.photo.shape[:2] if self.photo is not None else (0, 0)
        add_to_case(
            self.data,
            payload={"id_photo": {"width": w, "height": h, "format": "jpeg", "standard": "GA 461"}},
            pii={"photo": base64.b64encode(bytes(jpeg)).decode("ascii")},
        )
        self.complete()
