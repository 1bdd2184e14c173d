"""What the camera steps share: a frame loop off the flow's thread, the face engine, debouncing.

A camera step analyses one frame at a time. Each iteration runs on a worker through
``env.call``: it waits for a frame newer than the last one analysed (so the newest is
always taken and none is analysed twice), runs the face engine on it, and hands the
result back to the flow's thread, which updates the step and schedules the next
iteration while the step is current. No thread of its own, at most one frame in flight,
and nothing is kept after ``leave()``.
"""

from __future__ import annotations

import logging
from collections import Counter, deque
from collections.abc import Callable, Hashable
from concurrent.futures import Future
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from drivers.camera.frames import Frame
from drivers.camera.interface import Camera
from kiosk.flow.engine import FlowEnv, FlowError, Step

if TYPE_CHECKING:
    from kiosk.face import FaceDetector, FaceMatcher

log = logging.getLogger(__name__)

#: How long one iteration waits for a new frame before it reports "no frame".
FRAME_WAIT_S = 1.0
#: No frame for this long: the camera is not delivering (unplugged, frozen).
NO_FRAMES_S = 4.0


def face_detector(env: FlowEnv) -> FaceDetector:
    """The kiosk's shared ``FaceDetector`` (made on first use; its models load on first detect)."""
    detector = env.services.face_detector
    if detector is None:
        from kiosk.face import FaceDetector

        detector = env.services.face_detector = FaceDetector()
    return detector


def face_matcher(env: FlowEnv) -> FaceMatcher:
    """The configured ``FaceMatcher``; ``DlibFaceMatcher`` unless one is supplied.

    Its threshold is ``[capture.face_verify] match_threshold``.
    """
    matcher = env.services.face_matcher
    if matcher is None:
        from kiosk.face import DlibFaceMatcher

        threshold = env.config.capture.face_verify.match_threshold
        matcher = env.services.face_matcher = DlibFaceMatcher(threshold=threshold)
    return matcher


class Debouncer:
    """The value seen in most frames of the last ``window_s`` seconds.

    Guidance that flickers for a frame or two (a blink, a landmark jitter) does not
    change what the citizen reads; the shown value only changes when another one has
    been seen more often in the window. Ties keep the value already shown.
    """

    def __init__(self, window_s: float = 0.5) -> None:
        self.window_s = window_s
        self._samples: deque[tuple[float, Hashable]] = deque()
        self.value: Hashable = None
        self._started = False

    def add(self, t: float, value: Hashable) -> Hashable:
        self._samples.append((t, value))
        while self._samples and self._samples[0][0] < t - self.window_s:
            self._samples.popleft()
        counts = Counter(v for _, v in self._samples)
        best = max(counts.values())
        if not self._started or counts.get(self.value, 0) < best:
            # most frequent; among equals the most recent
            self.value = next(v for _, v in reversed(self._samples) if counts[v] == best)
            self._started = True
        return self.value

    def reset(self) -> None:
        self._samples.clear()
        self.value = None
        self._started = False


@dataclass(frozen=True, eq=False)
class Analysed:
    """One frame and what the face engine found in it (made on a worker, read on the flow)."""

    frame: Frame
    faces: list[Any]
    report: Any = None


Analyser = Callable[[Frame], Analysed]


class CameraStep(Step):
    """Base of the steps that look at the citizen through the camera."""

    device = "camera"
    needs = ("camera",)
    #: How long one iteration waits for a new frame before it reports "no frame".
    frame_wait_s = FRAME_WAIT_S
    #: No frame for this long: CAMERA_NO_FRAMES.
    no_frames_s = NO_FRAMES_S

    def __init__(self, flow: Any) -> None:
        super().__init__(flow)
        self.active = False
        self.camera: Camera | None = None
        self._run = 0  # bumped to orphan iterations still in flight
        self._looping = False
        self._last_seq = -1
        self._waited_s = 0.0

    # ---- for the page
    @property
    def previewing(self) -> bool:
        """Whether the page should show the live picture now."""
        return False

    def preview_frame(self) -> Frame | None:
        """The newest camera frame while previewing, else None (called by the page's timer)."""
        camera = self.camera
        if not (self.active and self.previewing) or camera is None:
            return None
        return camera.latest()

    # ---- lifecycle
    def enter(self) -> None:
        self.active = True
        self._run += 1
        self._last_seq = -1
        self.camera = self.env.devices.camera(self.device)

    def leave(self) -> None:
        self.active = False
        self.stop_loop()
        self.camera = None
        self.drop_frames()
        self.changed()  # the page turns its preview off

    def drop_frames(self) -> None:
        """Forget every frame the step holds (on leave, retake, failure)."""

    # ---- the frame loop
    def analyser(self) -> Analyser:
        """A function run on a worker for each frame; built on the flow's thread."""
        raise NotImplementedError

    def on_frame(self, analysed: Analysed) -> None:
        """A frame's analysis, on the flow's thread, while the loop runs."""

    def start_loop(self) -> bool:
        """Start analysing frames; False (and the step fails) without a camera."""
        if self.camera is None:
            self.fail(FlowError("DEVICE_MISSING", self.device))
            return False
        self._run += 1
        self._looping = True
        self._waited_s = 0.0
        self._schedule()
        return True

    def stop_loop(self) -> None:
        self._looping = False
        self._run += 1

    @property
    def looping(self) -> bool:
        return self._looping

    def _schedule(self) -> None:
        camera, after, run, wait_s = self.camera, self._last_seq, self._run, self.frame_wait_s
        assert camera is not None
        analyse = self.analyser()

        def work() -> Analysed | None:
            frame = camera.wait_frame(after, timeout=wait_s)
            return None if frame is None else analyse(frame)

        self.env.call(work, lambda future: self._analysed(run, future))

    def _analysed(self, run: int, future: Future[Any]) -> None:
        if run != self._run or not self._looping:
            return  # the step left or restarted meanwhile: drop the result
        error = future.exception()
        if error is not None:
            log.error(
                "frame analysis failed", extra={"step": self.kind, "error": type(error).__name__}
            )
            self.stop_loop()
            self.drop_frames()
            self.fail(FlowError("FACE_ENGINE_FAILED", type(error).__name__))
            return
        analysed: Analysed | None = future.result()
        if analysed is None:
            self._waited_s += self.frame_wait_s
            if self._waited_s >= self.no_frames_s:
                log.warning("camera delivers no frames", extra={"step": self.kind})
                self.stop_loop()
                self.drop_frames()
                self.fail(FlowError("CAMERA_NO_FRAMES", self.device))
                return
        else:
            self._waited_s = 0.0
            self._last_seq = analysed.frame.seq
            self.on_frame(analysed)
        if self._looping and run == self._run:
            self._schedule()
