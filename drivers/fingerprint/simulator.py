"""An in-memory fingerprint sensor for tests and demos, scriptable in-process or over a socket.

Tests call :meth:`FingerprintSimulator.place_finger`, :meth:`unplug` and
:meth:`replug`. Scripts outside the process use :class:`ControlSocket`: a UNIX
socket taking one text command per connection, in the command language of
libfprint's ``virtual_device`` driver, so one script can drive either::

    SCAN <finger>     a good touch of that (synthetic) finger
    RETRY <n>         a touch the sensor rejects (0 general, 1 too short,
                      2 centre finger, 3 remove finger)
    POOR <finger>     a touch of poor quality (0.3)
    UNPLUG / PLUG     pull the reader out / plug it back (PLUG is ours)

It answers ``OK`` or ``ERROR <why>`` and closes the connection.

Templates are in the ``sim-v2`` format of :mod:`drivers.fingerprint.sim_template`:
the finger's features (a keyed digest of its name, so matchable only by the
simulator that made them) with a little noise per touch, and a quality byte.
Each simulated person has several fingers, each with its own features.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import logging
import os
import random
import secrets
import select
import shutil
import socket
import tempfile
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from drivers.base import DeviceError
from drivers.fingerprint import sim_template
from drivers.fingerprint.model import FingerTimeout, MatchResult, OperationCancelled, RetryReason
from drivers.fingerprint.reader import Operation

log = logging.getLogger(__name__)

#: Synthetic finger names (never real people).
FINGER_A = "synthetic-citizen-a/right-index"
FINGER_A_LEFT = "synthetic-citizen-a/left-index"
FINGER_B = "synthetic-citizen-b/right-index"
GOOD_QUALITY = 0.92
POOR_QUALITY = 0.3
TEMPLATE_FORMAT = sim_template.FORMAT


class SensorLost(DeviceError):
    """The simulated reader was unplugged."""

    code = "DEVICE_LOST"


@dataclass(frozen=True, slots=True)
class Touch:
    """One finger on the sensor: whose, how well placed, or why the sensor refused it."""

    finger: str = FINGER_A
    quality: float = GOOD_QUALITY
    retry: RetryReason | None = None


@dataclass
class AutoFinger:
    """Touches a simulated citizen gives each operation when nobody scripts one."""

    touches: tuple[Touch, ...] = ()
    #: Touches for verify operations, where they differ (another person's finger).
    verify_touches: tuple[Touch, ...] | None = None
    delay_s: float = 0.5
    #: The finger the citizen presents at each successive capture, in turn (the
    #: kiosk asks for the right index finger, then the left); a capture's touches
    #: carry that finger. Empty: the touches' own fingers.
    capture_fingers: tuple[str, ...] = (FINGER_A, FINGER_A_LEFT)


@dataclass
class Session:
    """The simulated citizen's progress through one operation."""

    auto: tuple[Touch, ...]
    delay_s: float
    index: int = 0


class FingerprintSimulator:
    """A sensor model: queued touches, plugging, and an optional simulated citizen."""

    def __init__(self, *, key: bytes | None = None) -> None:
        self._key = key if key is not None else secrets.token_bytes(16)
        self._cond = threading.Condition()
        self._touches: deque[Touch] = deque()
        self._plugged = True
        self._waiting = 0
        self._plug_listeners: list[Callable[[bool], None]] = []
        self.auto = AutoFinger()
        #: Operations the sensor served (capture, verify, enroll) since it was made.
        self.operations = 0
        #: Captures that took a finger: picks the next finger of ``auto.capture_fingers``.
        self.captures = 0
        # Touch noise is not a secret; a plain generator is enough.
        self._noise = random.Random()

    # ---- scripting (tests, scenarios, control socket)
    def place_finger(
        self,
        quality: float = GOOD_QUALITY,
        finger: str = FINGER_A,
        *,
        retry: RetryReason | None = None,
    ) -> None:
        """Queue one touch; the reader's running (or next) operation takes it."""
        if not 0.0 <= quality <= 1.0:
            raise ValueError("quality is between 0 and 1")
        with self._cond:
            self._touches.append(Touch(finger, quality, retry))
            self._cond.notify_all()

    def unplug(self) -> None:
        self._set_plugged(False)

    def replug(self) -> None:
        self._set_plugged(True)

    @property
    def plugged(self) -> bool:
        return self._plugged

    def wait_for_reader(self, timeout_s: float = 5.0) -> bool:
        """Block until an operation waits for a finger (lets tests avoid sleeps)."""
        with self._cond:
            return self._cond.wait_for(lambda: self._waiting > 0, timeout_s)

    def pending_touches(self) -> int:
        with self._cond:
            return len(self._touches)

    def on_plug_change(self, listener: Callable[[bool], None]) -> Callable[[], None]:
        """Call ``listener(plugged)`` on every change; returns the unsubscribe function."""
        with self._cond:
            self._plug_listeners.append(listener)

        def unsubscribe() -> None:
            with self._cond:
                if listener in self._plug_listeners:
                    self._plug_listeners.remove(listener)

        return unsubscribe

    def _set_plugged(self, plugged: bool) -> None:
        with self._cond:
            if self._plugged == plugged:
                return
            self._plugged = plugged
            if not plugged:
                self._touches.clear()  # a finger on an unplugged sensor is not seen
            listeners = list(self._plug_listeners)
            self._cond.notify_all()
        for listener in listeners:
            listener(plugged)

    def wake(self) -> None:
        with self._cond:
            self._cond.notify_all()

    # ---- used by the driver
    def begin(self, kind: str) -> Session:
        """Start an operation: the simulated citizen's touches restart."""
        with self._cond:
            self.operations += 1
            auto = self.auto
            touches = auto.touches
            if kind == "verify" and auto.verify_touches is not None:
                touches = auto.verify_touches
            if kind == "capture" and auto.capture_fingers:
                finger = auto.capture_fingers[self.captures % len(auto.capture_fingers)]
                touches = tuple(replace(t, finger=finger) for t in touches)
            return Session(touches, auto.delay_s)

    def finger_taken(self) -> None:
        """A capture got its finger: the simulated citizen presents the next one next time."""
        with self._cond:
            self.captures += 1

    def next_touch(self, session: Session, op: Operation) -> Touch:
        """Wait for a touch; SensorLost, FingerTimeout or OperationCancelled instead."""
        auto_at = time.monotonic() + session.delay_s if session.index < len(session.auto) else None
        with self._cond:
            self._waiting += 1
            self._cond.notify_all()
            try:
                while True:
                    if not self._plugged:
                        raise SensorLost("fingerprint reader unplugged")
                    if op.cancelled:
                        raise OperationCancelled(f"{op.name} cancelled")
                    if self._touches:
                        return self._touches.popleft()
                    now = time.monotonic()
                    if auto_at is not None and now >= auto_at:
                        touch = session.auto[session.index]
                        session.index += 1
                        return touch
                    remaining = op.deadline - now
                    if remaining <= 0:
                        raise FingerTimeout("no finger placed in time")
                    wait_s = remaining if auto_at is None else min(remaining, auto_at - now)
                    self._cond.wait(wait_s)
            finally:
                self._waiting -= 1

    def template_for(self, touch: Touch) -> bytes:
        """The template this touch reads: the finger's features with this touch's noise."""
        return sim_template.encode(self._features(touch.finger), touch.quality, self._noise)

    def match(self, template: bytes | bytearray, touch: Touch) -> MatchResult:
        score = sim_template.similarity(template, self.template_for(touch))
        return MatchResult(score >= sim_template.SAME_FINGER, round(score, 3))

    def _features(self, finger: str) -> bytes:
        digest = hmac.new(self._key, finger.encode(), hashlib.sha512).digest()
        return digest[: sim_template.FEATURES]

    # ---- text commands
    def command(self, line: str) -> str:
        """Run one control command (see the module docstring); returns the answer line."""
        verb, _, arg = line.strip().partition(" ")
        verb, arg = verb.upper(), arg.strip()
        try:
            if verb == "SCAN" and arg:
                self.place_finger(finger=arg)
            elif verb == "POOR" and arg:
                self.place_finger(POOR_QUALITY, finger=arg)
            elif verb == "RETRY":
                self.place_finger(retry=RetryReason.from_code(int(arg or "0")))
            elif verb == "UNPLUG":
                self.unplug()
            elif verb == "PLUG":
                self.replug()
            else:
                return f"ERROR unknown command {verb or '(empty)'!r}"
        except ValueError as exc:
            return f"ERROR {exc}"
        return "OK"


class ControlSocket:
    """A UNIX socket that feeds text commands to a simulator (one per connection)."""

    def __init__(self, sim: FingerprintSimulator, path: str | Path | None = None) -> None:
        self._sim = sim
        self._own_dir: Path | None = None
        if path is None or str(path) == "":
            self._own_dir = Path(tempfile.mkdtemp(prefix="kiosk-fp-"))
            path = self._own_dir / "control.sock"
        self.path = str(path)
        self._sock: socket.socket | None = None
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> ControlSocket:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(self.path)
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            sock.bind(self.path)
            sock.listen(4)
        except OSError:
            sock.close()
            raise
        self._sock = sock
        self._stop.clear()
        self._thread = threading.Thread(target=self._serve, name="fp-control", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None
        if self._sock is not None:
            self._sock.close()
            self._sock = None
            with contextlib.suppress(FileNotFoundError):
                os.unlink(self.path)
        if self._own_dir is not None:
            shutil.rmtree(self._own_dir, ignore_errors=True)

    def _serve(self) -> None:
        sock = self._sock
        assert sock is not None
        while not self._stop.is_set():
            ready, _, _ = select.select([sock], [], [], 0.1)
            if not ready:
                continue
            try:
                conn, _ = sock.accept()
            except OSError:
                continue
            with conn:
                self._handle(conn)

    def _handle(self, conn: socket.socket) -> None:
        conn.settimeout(1.0)
        data = b""
        try:
            while b"\n" not in data and len(data) < 1024:
                chunk = conn.recv(1024)
                if not chunk:
                    break
                data += chunk
            answer = self._sim.command(data.decode("utf-8", "replace"))
            conn.sendall(answer.encode() + b"\n")
        except OSError:
            log.debug("fingerprint control connection failed", exc_info=True)


def send_command(path: str, line: str, timeout_s: float = 5.0) -> str:
    """Send one control command to a simulator's socket and return its answer."""
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        sock.settimeout(timeout_s)
        sock.connect(path)
        sock.sendall(line.encode() + b"\n")
        answer = b""
        while chunk := sock.recv(1024):
            answer += chunk
    return answer.decode().strip()
