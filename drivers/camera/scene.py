"""What the simulated camera sees: a synthetic person, a code held up, or nothing, in motion.

It can also record what it shows and play a recording back, as an impostor holding a
phone with a video of an earlier visit up to the lens would (the liveness replay test).
"""

from __future__ import annotations

import bisect
import math
import threading
from dataclasses import dataclass, field

import cv2
import numpy as np

from drivers.camera import synthetic

#: How long a blink lasts in the simulated person's frames.
BLINK_S = 0.2
#: JPEG quality of recorded frames (a phone video is compressed too; keeps memory small).
RECORD_QUALITY = 85


@dataclass
class Recording:
    """Frames as the camera was shown them: scene time (s) and JPEG bytes, in order."""

    times: list[float] = field(default_factory=list)
    jpegs: list[bytes] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.times)

    @property
    def duration_s(self) -> float:
        return self.times[-1] - self.times[0] if self.times else 0.0

    def add(self, t: float, frame: np.ndarray) -> None:
        ok, buf = cv2.imencode(".jpg", frame, [cv2.IMWRITE_JPEG_QUALITY, RECORD_QUALITY])
        if ok:
            self.times.append(t)
            self.jpegs.append(buf.tobytes())

    def frame_at(self, elapsed_s: float) -> np.ndarray | None:
        """The frame shown ``elapsed_s`` after the first one (the last one after the end)."""
        if not self.times:
            return None
        i = bisect.bisect_right(self.times, self.times[0] + elapsed_s) - 1
        data = np.frombuffer(self.jpegs[max(0, i)], np.uint8)
        return cv2.imdecode(data, cv2.IMREAD_COLOR)


class CameraScene:
    """Thread-safe scene description; :meth:`render` draws the frame for time ``t``.

    People come from the shipped synthetic camera frames
    (``assets/faces/<person>_<pose>.jpg``) moved slightly (a person is never
    perfectly still) and blinking now and then; without assets a drawn face is
    used. Codes are drawn on a card that drifts and tilts over a cluttered
    background.
    """

    def __init__(self, width: int = 640, height: int = 480, seed: int = 0) -> None:
        self.width, self.height = width, height
        self._lock = threading.Lock()
        self._background = synthetic.background(width, height, seed)
        self._content: tuple[str, ...] = ("person", "person_a", "compliant")
        self._image: np.ndarray | None = None
        self._cache: dict[tuple[str, ...], np.ndarray | None] = {}
        #: Scales every movement (0 = a still picture).
        self.motion = 1.0
        #: Seconds between blinks of a shown person (0 = never).
        self.blink_every_s = 4.0
        self.dark = False
        self._recording: Recording | None = None
        self._replay: Recording | None = None
        self._replay_from: float | None = None

    # ---- what is in front of the lens
    def show_person(self, person: str = "person_a", pose: str = "compliant") -> None:
        """A synthetic person ("person_a", "person_b") in a pose of the asset set
        ("compliant", "off_centre", "turn_left", "turn_right", "eyes_closed", …)."""
        with self._lock:
            self._content = ("person", person, pose)

    def show_frame(self, stem: str) -> None:
        """Any shipped frame by name, e.g. "two_people" or "no_face"."""
        with self._lock:
            self._content = ("frame", stem)

    def show_code(self, text: str, symbology: str = "QR", module_px: int = 5) -> None:
        """A QR or Code 128 symbol printed on a slip held up to the camera."""
        if symbology.upper() == "QR":
            code = synthetic.qr_image(text, module_px=module_px)
        else:
            code = synthetic.code128_image(text, module_px=max(2, module_px // 2))
        card = cv2.copyMakeBorder(code, 24, 24, 24, 24, cv2.BORDER_CONSTANT, value=250)
        with self._lock:
            self._content = ("code", text, symbology)
            self._image = cv2.cvtColor(card, cv2.COLOR_GRAY2BGR)

    def show_image(self, image: np.ndarray) -> None:
        with self._lock:
            self._content = ("image",)
            self._image = image.copy()

    def show_nothing(self) -> None:
        with self._lock:
            self._content = ("nothing",)

    def play(self, recording: Recording, *, paused: bool = False) -> None:
        """Play ``recording`` back at its own pace from the next frame, then hold its last
        frame; ``paused``: hold its first frame until :meth:`resume`."""
        if not len(recording):
            raise ValueError("nothing was recorded")
        with self._lock:
            self._content = ("replay", "paused") if paused else ("replay",)
            self._replay, self._replay_from = recording, None

    def resume(self) -> None:
        """Start a paused playback from the next frame (no-op once it plays)."""
        with self._lock:
            if self._content == ("replay", "paused"):
                self._content, self._replay_from = ("replay",), None

    # ---- recording what the camera is shown
    def start_recording(self) -> None:
        with self._lock:
            self._recording = Recording()

    def stop_recording(self) -> Recording:
        with self._lock:
            recording, self._recording = self._recording, None
        if recording is None:
            raise RuntimeError("not recording")
        return recording

    @property
    def content(self) -> tuple[str, ...]:
        return self._content

    # ---- drawing
    def render(self, t: float) -> np.ndarray:
        frame = self._render(t)
        with self._lock:
            recording = self._recording
        if recording is not None:
            recording.add(t, frame)
        return frame

    def _render(self, t: float) -> np.ndarray:
        with self._lock:
            content, image, motion = self._content, self._image, self.motion
            replay = self._replay
            if content == ("replay",) and self._replay_from is None:
                self._replay_from = t
            replay_from = self._replay_from
        kind = content[0]
        if kind == "replay" and replay is not None:
            played = replay.frame_at(0.0 if replay_from is None else t - replay_from)
            if played is not None:
                return played
        if kind == "person":
            frame = self._person(content[1], content[2], t, motion)
        elif kind == "frame":
            frame = self._still(self._asset(content[1]), t, motion)
        elif kind in ("code", "image") and image is not None:
            frame = self._background.copy()
            center = (
                self.width / 2 + 0.08 * self.width * motion * math.sin(t * 2 * math.pi / 3.3),
                self.height / 2 + 0.06 * self.height * motion * math.sin(t * 2 * math.pi / 2.7),
            )
            scale = min(1.0, 0.6 * self.height / image.shape[0])
            angle = 8 * motion * math.sin(t * 2 * math.pi / 4.1)
            synthetic.paste(frame, image, center, angle, scale)
        else:
            nobody = self._asset("no_face")
            frame = (
                self._still(nobody, t, motion) if nobody is not None else self._background.copy()
            )
        if self.dark:
            frame = (frame * 0.03).astype(np.uint8)
        return frame

    def _asset(self, stem: str) -> np.ndarray | None:
        key = ("asset", stem)
        if key not in self._cache:
            self._cache[key] = synthetic.asset(stem)
        return self._cache[key]

    def _person(self, person: str, pose: str, t: float, motion: float) -> np.ndarray:
        blinking = (
            pose == "compliant" and self.blink_every_s > 0 and (t % self.blink_every_s) < BLINK_S
        )
        shown = self._asset(f"{person}_eyes_closed") if blinking else None
        if shown is None:
            shown = self._asset(f"{person}_{pose}")
        if shown is None:
            shown = self._drawn_person(person)
        return self._still(shown, t, motion)

    def _drawn_person(self, person: str) -> np.ndarray:
        key = ("drawn", person)
        cached = self._cache.get(key)
        if cached is None:
            frame = np.full((self.height, self.width, 3), 232, np.uint8)
            face = synthetic.face_image(person)
            scale = 0.8 * self.height / face.shape[0]
            synthetic.paste(frame, face, (self.width / 2, self.height / 2), 0, scale)
            self._cache[key] = cached = frame
        return cached

    def _still(self, image: np.ndarray | None, t: float, motion: float) -> np.ndarray:
        """``image`` scaled to cover the frame, with a small drift and breathing zoom."""
        if image is None:
            return self._background.copy()
        ih, iw = image.shape[:2]
        cover = max(self.width / iw, self.height / ih)
        zoom = cover * (1 + 0.01 * motion * math.sin(t * 2 * math.pi / 4.7))
        dx = 4 * motion * math.sin(t * 2 * math.pi / 3.1)
        dy = 3 * motion * math.sin(t * 2 * math.pi / 2.3)
        m = np.array(
            [
                [zoom, 0, self.width / 2 - zoom * iw / 2 + dx],
                [0, zoom, self.height / 2 - zoom * ih / 2 + dy],
            ]
        )
        return cv2.warpAffine(
            image,
            m,
            (self.width, self.height),
            flags=cv2.INTER_LINEAR,
            borderMode=cv2.BORDER_REPLICATE,
        )
