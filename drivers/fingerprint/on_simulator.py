"""Simulated fingerprint reader: the ``fingerprint-sim`` driver over an in-memory sensor.

Tests script it through ``driver.simulator`` (``place_finger``, ``unplug``,
``replug``, ``wait_for_reader``); outside scripts through the control socket
when ``control_socket`` is set. Standalone: ``kiosk simulate fingerprint
--scenario NAME`` prints the control socket's path and takes typed commands
(``SCAN <finger>``, ``RETRY 2``, ``UNPLUG``, ``PLUG``).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import replace

from drivers.base import DeviceIdentity, DeviceLost, DeviceStatus
from drivers.fingerprint import model as fp
from drivers.fingerprint.reader import (
    CAPTURE,
    ENROLL,
    VERIFY,
    FingerprintReader,
    Operation,
)
from drivers.fingerprint.settings import (
    DEFAULT_SCENARIO,
    SCENARIOS,
    SimulatedFingerprintReaderSettings,
    check_scenario,
)
from drivers.fingerprint.simulator import (
    FINGER_A,
    FINGER_A_LEFT,
    FINGER_B,
    GOOD_QUALITY,
    POOR_QUALITY,
    TEMPLATE_FORMAT,
    AutoFinger,
    ControlSocket,
    FingerprintSimulator,
    Session,
    Touch,
)
from drivers.scenario_threads import ScenarioThreads
from drivers.supervisor import SupervisedDevice

_GOOD = Touch()
_AUTO: dict[str, AutoFinger] = {
    "good_finger": AutoFinger((_GOOD,) * 10),
    "poor_then_good": AutoFinger(
        (Touch(quality=POOR_QUALITY, retry=fp.RetryReason.CENTRE_FINGER),) + (_GOOD,) * 10
    ),
    "other_finger": AutoFinger((_GOOD,) * 10, verify_touches=(Touch(FINGER_B),) * 10),
    "unplug_replug": AutoFinger((_GOOD,) * 10),
    # Asked for the left index finger, the citizen puts the right one down again first.
    "same_finger_twice": AutoFinger(
        (_GOOD,) * 10, capture_fingers=(FINGER_A, FINGER_A, FINGER_A_LEFT)
    ),
}


class ScenarioRunner:
    """Sets a simulator up for a scenario; the unplug/replug cycle runs on a thread."""

    def __init__(self, sim: FingerprintSimulator, scenario: str, delay_s: float = 0.5) -> None:
        self.sim, self.scenario = sim, check_scenario(scenario)
        self.delay_s = delay_s
        self._loops = ScenarioThreads("fp-scenario")

    def start(self) -> None:
        auto = _AUTO.get(self.scenario, AutoFinger())
        self.sim.auto = replace(auto, delay_s=self.delay_s)
        if self.scenario == "unplugged":
            self.sim.unplug()
        elif self.scenario == "unplug_replug":
            self._loops.unplug_replug(self.sim)

    def stop(self) -> None:
        self._loops.stop()


_UNPLUGGED = "fingerprint reader unplugged; waiting for it to return"


class SimulatedFingerprintReader(SupervisedDevice, FingerprintReader):
    """A fingerprint reader backed by an in-memory sensor model, kept by the supervisor."""

    Settings = SimulatedFingerprintReaderSettings
    settings: SimulatedFingerprintReaderSettings
    template_format = TEMPLATE_FORMAT

    def __init__(
        self,
        settings: SimulatedFingerprintReaderSettings | None = None,
        *,
        simulator: FingerprintSimulator | None = None,
    ) -> None:
        super().__init__(settings)
        self.simulator = simulator or FingerprintSimulator()
        self._runner: ScenarioRunner | None = None
        self._control: ControlSocket | None = None
        self._unsubscribe: Callable[[], None] | None = None
        self._opened = False
        # Set on every unplug: a replug before the worker looks is still a loss.
        self._pulled = threading.Event()
        self._identity = DeviceIdentity(
            model="Simulated fingerprint reader", serial="SIM-FP-0001", vendor="kiosk"
        )

    def capabilities(self) -> frozenset[str]:
        return frozenset({CAPTURE, VERIFY, ENROLL})

    # ---- lifecycle
    def _open(self) -> None:
        if self._opened:
            return
        s = self.settings
        self._runner = ScenarioRunner(self.simulator, s.scenario, s.finger_delay_s)
        self._runner.start()
        if s.control_socket:
            self._control = ControlSocket(self.simulator, s.control_socket).start()
        self._unsubscribe = self.simulator.on_plug_change(self._plug_changed)
        self._opened = True
        super()._open()

    def _close(self) -> None:
        self._opened = False
        self.cancel()
        super()._close()
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
        if self._runner is not None:
            self._runner.stop()
            self._runner = None
        if self._control is not None:
            self._control.stop()
            self._control = None

    # ---- supervision hooks
    def _connect(self) -> None:
        self._pulled.clear()
        if not self.simulator.plugged:
            raise DeviceLost(_UNPLUGGED)
        op = self._op
        self._set_status(self._busy_status(op.name) if op else self._idle_status())

    def _serve(self, stop: threading.Event) -> None:
        while not stop.is_set():
            if self._pulled.is_set() or not self.simulator.plugged:
                raise DeviceLost(_UNPLUGGED)
            if self._idle(stop, 1.0, self._wake):
                self._wake.clear()

    def _disconnect(self) -> None:
        """Nothing to release: the sensor lives in memory."""

    def _plug_changed(self, plugged: bool) -> None:
        if not self._opened:
            return
        if not plugged:
            # Seen at once, as a real reader's "removed" signal; the worker then reconnects.
            self._pulled.set()
            self._set_status(DeviceStatus.lost(_UNPLUGGED))
        self._poll_now()

    def _idle_status(self) -> DeviceStatus:
        if not self.simulator.plugged:
            return DeviceStatus.lost(_UNPLUGGED)
        return DeviceStatus.online("ready")

    def _check_external(self) -> tuple[bool, str, str]:
        if not self._opened:
            return False, "driver not opened", "NOT_OPEN"
        if not self.simulator.plugged:
            return False, "fingerprint reader does not answer (unplugged)", "DEVICE_LOST"
        return True, "simulated sensor answers", "OK"

    # ---- operations
    def _touch(self, session: Session, op: Operation) -> tuple[Touch, int]:
        """A touch good enough for a template, with the number of refused ones before it."""
        retries = 0
        self._emit(fp.FingerNeeded())
        while True:
            touch = self.simulator.next_touch(session, op)
            self._emit(fp.FingerPlaced())
            refused = touch.retry
            if refused is None and touch.quality < self.settings.min_quality:
                refused = fp.RetryReason.CENTRE_FINGER
            self._emit(fp.FingerRemoved())
            if refused is None:
                return touch, retries
            retries += 1
            self._emit(fp.CaptureRetry(refused))

    def _guard(self, op: Operation) -> None:
        op.on_cancel(self.simulator.wake)

    def _capture(self, op: Operation) -> fp.Capture:
        self._guard(op)
        session = self.simulator.begin("capture")
        touch, retries = self._touch(session, op)
        self.simulator.finger_taken()
        template = fp.Template(self.simulator.template_for(touch), TEMPLATE_FORMAT)
        return fp.Capture(template, touch.quality, self.settings.finger, retries)

    def _verify(self, template: fp.Template, op: Operation) -> fp.MatchResult:
        self._guard(op)
        session = self.simulator.begin("verify")
        touch, _ = self._touch(session, op)
        return self.simulator.match(template.data, touch)

    def _enroll(self, op: Operation) -> fp.Capture:
        self._guard(op)
        session = self.simulator.begin("enroll")
        stages = self.settings.enroll_stages
        first: Touch | None = None
        retries = 0
        stage = 0
        while stage < stages:
            touch, refused = self._touch(session, op)
            retries += refused
            if first is not None and touch.finger != first.finger:
                retries += 1  # another finger mid-enrolment: libfprint's "ID mismatch" retry
                self._emit(fp.CaptureRetry(fp.RetryReason.GENERAL))
                continue
            first = first or touch
            stage += 1
            self._emit(fp.EnrollProgress(stage, stages))
        assert first is not None
        template = fp.Template(self.simulator.template_for(first), TEMPLATE_FORMAT)
        return fp.Capture(template, first.quality, self.settings.finger, retries)


class StandaloneSimulator:
    """``kiosk simulate fingerprint``: a simulated sensor behind its control socket."""

    def __init__(self, scenario: str) -> None:
        self.simulator = FingerprintSimulator()
        self._runner = ScenarioRunner(self.simulator, scenario)  # refuses unknown scenarios
        self._runner.start()
        self._control = ControlSocket(self.simulator).start()
        self.address = self._control.path

    def scan(self, line: str) -> None:
        """A typed line is a control command."""
        print(self.simulator.command(line), flush=True)

    def close(self) -> None:
        self._runner.stop()
        self._control.stop()


def start_standalone(scenario: str = DEFAULT_SCENARIO) -> StandaloneSimulator:
    return StandaloneSimulator(scenario)


__all__ = [
    "DEFAULT_SCENARIO",
    "GOOD_QUALITY",
    "SCENARIOS",
    "SimulatedFingerprintReader",
    "SimulatedFingerprintReaderSettings",
    "start_standalone",
]
