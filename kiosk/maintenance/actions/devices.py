"""Devices: status, code, who must act, last checks, identity; tests, reset, simulator faults.

The interactive test of each kind shows what a technician needs and nothing
more: an ID card read shows the masked name and number and is wiped at once, a
fingerprint capture shows its quality and is wiped, a camera frame is shown with
the faces and codes found in it and dropped. Nothing of it is logged or audited
beyond the outcome code.
"""

from __future__ import annotations

import dataclasses
import importlib
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, cast

from drivers.base import Device, DeviceEvent, HealthLevel, HealthResult
from kiosk.maintenance.actions.base import Actions

if TYPE_CHECKING:
    from drivers.camera.interface import Camera
    from drivers.fingerprint.interface import FingerprintSensor
    from drivers.payment.interface import PaymentGateway

log = logging.getLogger(__name__)

#: How long a test waits for the technician (a scan, a card, a finger).
WAIT_S = 20.0


@dataclass(frozen=True)
class CheckView:
    level: str
    passed: bool
    code: str
    text: str
    at: float  # epoch seconds


@dataclass(frozen=True)
class DeviceView:
    name: str
    kind: str
    driver: str
    state: str
    code: str
    detail: str
    actor: str
    usable: bool
    model: str = ""
    serial: str = ""
    firmware: str = ""
    checks: tuple[CheckView, ...] = ()
    scenarios: tuple[str, ...] = ()  # switchable when the device runs on its simulator
    scenario: str = ""


@dataclass(frozen=True)
class TestResult:
    passed: bool
    code: str
    text: str  # for the screen only (may show a masked read or a scanned test code)
    image: Any = None  # camera test: the frame (BGR ndarray), for the screen only
    boxes: tuple[tuple[int, int, int, int], ...] = ()  # faces found (x, y, w, h)
    codes: tuple[str, ...] = field(default=())  # codes decoded in the frame


def simulator_scenarios(device: Device) -> tuple[str, ...]:
    """The scenarios of ``kiosk simulate KIND --list`` when ``device`` runs on its simulator."""
    if "scenario" not in type(device.settings).model_fields:
        return ()
    try:
        module = importlib.import_module(f"drivers.{device.kind}.on_simulator")
    except ImportError:
        return ()
    return tuple(getattr(module, "SCENARIOS", {}))


class DeviceActions(Actions):
    def overview(self) -> list[DeviceView]:
        self._technician()
        views = [self._view(name) for name in self.core.config.devices]
        self._audit("devices_view", "ok", f"{len(views)} devices")
        return views

    def _view(self, name: str) -> DeviceView:
        status = self.core.devices.status()[name]
        device = self.core.devices.get(name)
        checks = tuple(
            CheckView(r.level.value, r.passed, r.code, r.text, r.started_at)
            for r in self.mode.checks.of(name).values()
        )
        view = DeviceView(
            name=name,
            kind=device.kind if device is not None else "",
            driver=self.core.config.devices[name].driver,
            state=str(status.state),
            code=status.code,
            detail=status.detail,
            actor=str(status.actor),
            usable=status.usable,
            checks=checks,
        )
        if device is None:
            return view
        ident = device.identity
        return dataclasses.replace(
            view,
            model=ident.model,
            serial=ident.serial,
            firmware=ident.firmware,
            scenarios=simulator_scenarios(device),
            scenario=str(getattr(device.settings, "scenario", "")),
        )

    # ---- checks and tests
    def check(self, name: str) -> list[CheckView]:
        """The internal and external health check of one device, now."""
        self._technician()
        device = self.core.devices.get(name)
        if device is None:
            self._audit("device_check", "failed", f"{name}: not open")
            return []
        results = [
            device.health_check(level) for level in (HealthLevel.INTERNAL, HealthLevel.EXTERNAL)
        ]
        for r in results:
            self.mode.checks.put(name, r)
        passed = all(r.passed for r in results)
        self._audit("device_check", "passed" if passed else "failed", f"{name}: {results[-1].code}")
        return [CheckView(r.level.value, r.passed, r.code, r.text, r.started_at) for r in results]

    def test(self, name: str, wait_s: float = WAIT_S) -> TestResult:
        """The device's interactive test (test slip, scan, card, finger, ping, frame)."""
        self._technician()
        device = self.core.devices.get(name)
        if device is None:
            result = TestResult(False, "NOT_OPEN", "device not open")
        else:
            try:
                result = self._run_test(device, wait_s)
            except Exception as exc:  # a device fault is a failed test, not a crash
                code = str(getattr(exc, "code", type(exc).__name__))
                result = TestResult(False, code, f"test failed: {code}")
            self.mode.checks.put(
                name,
                HealthResult(HealthLevel.INTERACTIVE, result.passed, result.code, result.code),
            )
        self._audit(
            "device_test", "passed" if result.passed else "failed", f"{name}: {result.code}"
        )
        return result

    def _run_test(self, device: Device, wait_s: float) -> TestResult:
        tests: dict[str, Callable[[Device, float], TestResult]] = {
            "scanner": _scanner_test,
            "idcard": _idcard_test,
            "fingerprint": _fingerprint_test,
            "payment": _payment_test,
            "camera": _camera_test,
        }
        test = tests.get(device.kind)
        if test is not None:
            return test(device, wait_s)
        r = device.health_check(HealthLevel.INTERACTIVE)  # the printer's: a test slip
        return TestResult(r.passed, r.code, r.text)

    def reconnect(self, name: str) -> str:
        """Close and open the device again; returns its status code after."""
        self._technician()
        device = self.core.devices.get(name)
        if device is None:
            self._audit("device_reset", "failed", f"{name}: not open")
            return "NOT_OPEN"
        try:
            device.close()
            device.open()
        except Exception as exc:
            log.warning("device reset failed", extra={"device": name, "error": type(exc).__name__})
        code = device.status.code
        self._audit("device_reset", "ok" if device.status.usable else "failed", f"{name}: {code}")
        return code

    def set_scenario(self, name: str, scenario: str) -> str:
        """Switch a simulated device to one of its fault scenarios (it is reopened)."""
        self._technician()
        device = self.core.devices.get(name)
        if device is None or scenario not in simulator_scenarios(device):
            self._audit("simulator_scenario", "refused", f"{name}: {scenario[:40]}")
            raise ValueError(f"{name} has no simulator scenario {scenario!r}")
        device.close()
        device.settings = device.settings.model_copy(update={"scenario": scenario})
        device.open()
        self._audit("simulator_scenario", "ok", f"{name}: {scenario}")
        return device.status.code


def _wait_for(
    device: Device, wanted: Callable[[DeviceEvent], bool], start: Callable[[], None], wait_s: float
) -> DeviceEvent | None:
    got: list[DeviceEvent] = []
    arrived = threading.Event()

    def listen(event: DeviceEvent) -> None:
        if not arrived.is_set() and wanted(event):
            got.append(event)
            arrived.set()

    device.add_listener(listen)
    try:
        start()
        arrived.wait(wait_s)
    finally:
        device.remove_listener(listen)
    return got[0] if got else None


def _scanner_test(device: Device, wait_s: float) -> TestResult:
    from drivers.scanner.model import CodeScanned

    event = _wait_for(device, lambda e: isinstance(e, CodeScanned), lambda: None, wait_s)
    if not isinstance(event, CodeScanned):
        return TestResult(False, "NO_SCAN", "nothing was scanned")
    result = event.result
    shown = result.text[:40] + ("…" if len(result.text) > 40 else "")
    return TestResult(True, "OK", f"{result.symbology or 'code'}: {shown}")


def _idcard_test(device: Device, wait_s: float) -> TestResult:
    from drivers.idcard.events import CardRead, CardReadFailed

    def ask() -> None:
        request = getattr(device, "request_read", None)
        if callable(request):
            request()

    event = _wait_for(device, lambda e: isinstance(e, CardRead | CardReadFailed), ask, wait_s)
    if isinstance(event, CardRead):
        card = event.card
        try:
            return TestResult(True, "OK", f"{card.masked_name}  {card.masked_id_number}")
        finally:
            card.wipe()
    if isinstance(event, CardReadFailed):
        return TestResult(False, event.code, "card could not be read")
    return TestResult(False, "NO_CARD", "no card was read")


def _fingerprint_test(device: Device, wait_s: float) -> TestResult:
    capture = cast("FingerprintSensor", device).capture(timeout_s=wait_s)
    try:
        quality = "" if capture.quality is None else f", quality {capture.quality:.0%}"
        return TestResult(True, "OK", f"finger captured{quality}")
    finally:
        capture.wipe()


def _payment_test(device: Device, wait_s: float) -> TestResult:
    seconds = cast("PaymentGateway", device).ping()
    return TestResult(True, "OK", f"gateway answered in {seconds * 1000:.0f} ms")


def _camera_test(device: Device, wait_s: float) -> TestResult:
    frame = cast("Camera", device).wait_frame(-1, min(wait_s, 5.0))
    if frame is None:
        return TestResult(False, "NO_FRAME", "no frame from the camera")
    boxes: tuple[tuple[int, int, int, int], ...] = ()
    codes: tuple[str, ...] = ()
    try:
        from kiosk.face.detector import FaceDetector

        faces = FaceDetector(landmarks=False).detect(frame.image)
        boxes = tuple((int(f.box.x), int(f.box.y), int(f.box.w), int(f.box.h)) for f in faces)
    except Exception as exc:  # the preview still shows the frame
        log.warning("camera test: no face detection", extra={"error": type(exc).__name__})
    try:
        from drivers.scanner.decoders import make_decoder

        codes = tuple(r.text[:40] for r in make_decoder().decode(frame.image))
    except Exception as exc:
        log.warning("camera test: no code decoding", extra={"error": type(exc).__name__})
    w, h = frame.size
    text = f"frame {w}×{h}, {len(boxes)} faces, {len(codes)} codes"
    return TestResult(True, "OK", text, frame.image, boxes, codes)
