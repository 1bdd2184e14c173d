"""USB HID keyboard-wedge scanners, read exclusively through python-evdev.

The input device is grabbed (EVIOCGRAB), so its keystrokes never reach the
desktop or the Qt window: a scan cannot type into a form by accident. Needs
read access to ``/dev/input/event*`` (udev rule; see deploy/) and the optional
``evdev`` package (``pip install 'kiosk[hid]'``, built with gcc and the Linux
headers). Without it the driver reports CONFIG_ERROR instead of failing to import.
"""

from __future__ import annotations

import contextlib
import errno
import select
import threading
import time
from collections.abc import Callable, Iterable
from typing import Any, Protocol

from drivers.base import DeviceError, DeviceIdentity, DeviceLost, DeviceStatus
from drivers.scanner.hid_keys import HidKeyDecoder
from drivers.scanner.model import CodeScanned, ScanResult
from drivers.scanner.settings import HidScannerSettings
from drivers.supervisor import SupervisedDevice


class InputDevice(Protocol):
    """The part of ``evdev.InputDevice`` the driver uses (a fake in tests)."""

    name: str

    def fileno(self) -> int: ...
    def read(self) -> Iterable[Any]: ...
    def grab(self) -> None: ...
    def ungrab(self) -> None: ...
    def close(self) -> None: ...


DeviceFactory = Callable[[str], InputDevice]


def evdev_factory(path: str) -> InputDevice:
    """Open ``path`` with python-evdev, imported only when a HID scanner is used."""
    try:
        import evdev
    except ImportError as exc:
        raise DeviceError(
            "python-evdev is not installed: pip install 'kiosk[hid]' (needs gcc and linux headers)",
            code="CONFIG_ERROR",
        ) from exc
    return evdev.InputDevice(path)


class HidScanner(SupervisedDevice):
    """Turns a keyboard-wedge scanner's key events into :class:`CodeScanned` events."""

    kind = "scanner"
    Settings = HidScannerSettings
    settings: HidScannerSettings

    def __init__(
        self,
        settings: HidScannerSettings | None = None,
        *,
        device_factory: DeviceFactory | None = None,
    ) -> None:
        super().__init__(settings)
        self._factory = device_factory or evdev_factory
        self._dev: InputDevice | None = None
        self._last: tuple[str, float] = ("", 0.0)

    def _connect(self) -> None:
        path = self.settings.device_path
        if not path:
            raise DeviceError("no input device configured", code="CONFIG_ERROR")
        try:
            dev = self._factory(path)
        except (FileNotFoundError, OSError) as exc:
            if isinstance(exc, PermissionError):
                raise DeviceError(
                    f"no permission to read {path} (udev rule missing)", code="CONFIG_ERROR"
                ) from exc
            raise DeviceLost(f"input device {path} not present") from exc
        if self.settings.grab:
            try:
                dev.grab()
            except OSError as exc:
                dev.close()
                raise DeviceError(
                    f"{path} is grabbed by another program", code="PORT_BUSY"
                ) from exc
        self._dev = dev
        self._identity = DeviceIdentity(model=getattr(dev, "name", "HID scanner"), serial=path)
        self._set_status(DeviceStatus.online())

    def _disconnect(self) -> None:
        dev, self._dev = self._dev, None
        if dev is None:
            return
        if self.settings.grab:
            with contextlib.suppress(OSError):  # an unplugged device is already released
                dev.ungrab()
        dev.close()

    def _serve(self, stop: threading.Event) -> None:
        dev = self._dev
        assert dev is not None
        decoder = HidKeyDecoder(self.settings.terminator)
        while not stop.is_set():
            try:
                ready, _, _ = select.select([dev.fileno()], [], [], 0.1)
                if not ready:
                    continue
                events = list(dev.read())
            except BlockingIOError:
                continue
            except OSError as exc:
                if exc.errno in (errno.EAGAIN, errno.EINTR):
                    continue
                raise DeviceLost(f"input device {self.settings.device_path} lost") from exc
            for ev in events:
                text = decoder.feed(ev.type, ev.code, ev.value)
                if text:
                    self._deliver(text)

    def _deliver(self, text: str) -> None:
        now = time.monotonic()
        last_text, last_at = self._last
        window = self.settings.repeat_window_s
        if window and text == last_text and now - last_at < window:
            return
        self._last = (text, now)
        self._emit(CodeScanned(ScanResult(text, text.encode(), "", "", "hid", now)))

    def _check_external(self) -> tuple[bool, str, str]:
        if self._dev is None:
            status = self.status
            return False, status.detail or "input device not open", status.code
        grabbed = " and grabbed" if self.settings.grab else ""
        return True, f"input device open{grabbed} (scan a test code to confirm)", "OK"
