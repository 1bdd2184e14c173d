"""Keyboard-wedge scanners: the key-event decoder and the evdev driver with a fake device."""

from __future__ import annotations

import contextlib
import errno
import os
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from drivers.base import DeviceState, HealthLevel
from drivers.scanner.hid import HidScanner, HidScannerSettings, evdev_factory
from drivers.scanner.hid_keys import (
    _KEYS,
    CHAR_TO_KEY,
    EV_KEY,
    KEY_CAPSLOCK,
    KEY_DOWN,
    KEY_KPENTER,
    KEY_LEFTSHIFT,
    KEY_REPEAT,
    KEY_UP,
    HidKeyDecoder,
    key_events,
)


def decode_all(
    events: list[tuple[int, int, int]], decoder: HidKeyDecoder | None = None
) -> list[str]:
    d = decoder or HidKeyDecoder()
    return [code for ev in events if (code := d.feed(*ev))]


def test_key_codes_match_the_kernel_numbers() -> None:
    from evdev import ecodes

    for char in "abcdefghijklmnopqrstuvwxyz0123456789-=[];'`\\,./ ":
        code, shift = CHAR_TO_KEY[char]
        assert not shift
        name = ecodes.KEY[code] if isinstance(ecodes.KEY[code], str) else ecodes.KEY[code][0]
        assert name.startswith("KEY_"), (char, name)
    assert (ecodes.KEY_ENTER, ecodes.KEY_KPENTER, ecodes.KEY_LEFTSHIFT) == (28, 96, 42)
    assert CHAR_TO_KEY["a"][0] == ecodes.KEY_A and CHAR_TO_KEY["/"][0] == ecodes.KEY_SLASH
    assert _KEYS[ecodes.KEY_KP7] == ("7", "7")


def test_url_with_shifted_characters() -> None:
    text = 'https://Zwfw.example.gov.cn/q?a=1&b="X_Y"#Z'
    assert decode_all(key_events(text)) == [text]


def test_caps_lock_inverts_letters_only() -> None:
    events = [(EV_KEY, KEY_CAPSLOCK, KEY_DOWN), (EV_KEY, KEY_CAPSLOCK, KEY_UP)]
    events += key_events("ab1")
    assert decode_all(events) == ["AB1"]


def test_keypad_enter_ends_a_code_and_repeats_are_typed() -> None:
    a = CHAR_TO_KEY["a"][0]
    events = [(EV_KEY, a, KEY_DOWN), (EV_KEY, a, KEY_REPEAT), (EV_KEY, a, KEY_UP)]
    events += [(EV_KEY, KEY_KPENTER, KEY_DOWN)]
    assert decode_all(events) == ["aa"]


def test_tab_terminator_and_non_key_events() -> None:
    d = HidKeyDecoder("tab")
    events = [(0, 0, 0), (4, 4, 458756), *key_events("CODE1", "tab")]
    assert decode_all(events, d) == ["CODE1"]
    assert decode_all(key_events("x", "enter"), d) == []  # Enter is not the end here
    assert d.pending() == "x"


def test_unknown_keys_are_ignored_and_counted() -> None:
    d = HidKeyDecoder()
    assert decode_all([(EV_KEY, 183, KEY_DOWN), *key_events("ok")], d) == ["ok"]
    assert d.ignored == 1


def test_shift_released_between_characters() -> None:
    events = [(EV_KEY, KEY_LEFTSHIFT, KEY_DOWN), *key_events("a")[:2]]
    events += [(EV_KEY, KEY_LEFTSHIFT, KEY_UP), *key_events("b")]
    assert decode_all(events) == ["Ab"]


printable = st.text(alphabet=st.sampled_from(sorted(CHAR_TO_KEY)), min_size=1, max_size=80)


@given(printable)
def test_any_typeable_text_round_trips(text: str) -> None:
    assert decode_all(key_events(text)) == [text]


@given(
    st.lists(st.tuples(st.integers(0, 5), st.integers(0, 300), st.integers(-1, 3)), max_size=200)
)
def test_decoder_never_raises(events: list[tuple[int, int, int]]) -> None:
    d = HidKeyDecoder()
    for ev in events:
        out = d.feed(*ev)
        assert out is None or isinstance(out, str)


# ---------------------------------------------------------------- driver with a fake device


@dataclass
class Ev:
    type: int
    code: int
    value: int


class FakeInputDevice:
    """Stands in for evdev.InputDevice: a pipe makes it selectable."""

    name = "Fake Scanner Keyboard"

    def __init__(self) -> None:
        self._r, self._w = os.pipe()
        os.set_blocking(self._r, False)
        self._queue: list[Ev] = []
        self._lock = threading.Lock()
        self.grabbed = False
        self.closed = False
        self.gone = False

    def fileno(self) -> int:
        return self._r

    def type(self, text: str) -> None:
        with self._lock:
            self._queue += [Ev(*e) for e in key_events(text)]
        os.write(self._w, b"x")

    def unplug(self) -> None:
        self.gone = True
        os.write(self._w, b"x")

    def read(self) -> list[Ev]:
        if self.gone:
            raise OSError(errno.ENODEV, "No such device")
        os.read(self._r, 4096)  # BlockingIOError when nothing is there, like evdev
        with self._lock:
            out, self._queue = self._queue, []
        return out

    def grab(self) -> None:
        self.grabbed = True

    def ungrab(self) -> None:
        if self.gone:
            raise OSError(errno.ENODEV, "No such device")
        self.grabbed = False

    def close(self) -> None:
        self.closed = True
        for fd in (self._r, self._w):
            with contextlib.suppress(OSError):
                os.close(fd)


class FakeBus:
    """Hands out fake devices for a path while 'plugged in'."""

    def __init__(self) -> None:
        self.plugged = True
        self.busy = False
        self.devices: list[FakeInputDevice] = []
        self.opened = threading.Event()

    def __call__(self, path: str) -> FakeInputDevice:
        if not self.plugged:
            raise FileNotFoundError(path)
        dev = FakeInputDevice()
        if self.busy:

            def busy_grab() -> None:
                raise OSError(errno.EBUSY, "Device or resource busy")

            dev.grab = busy_grab  # type: ignore[method-assign]
        self.devices.append(dev)
        self.opened.set()
        return dev


@pytest.fixture
def bus() -> Iterator[FakeBus]:
    bus = FakeBus()
    yield bus
    for dev in bus.devices:
        dev.close()


def make(bus: FakeBus, recorder: Any, **kw: Any) -> HidScanner:
    settings = HidScannerSettings(
        device_path="/dev/input/by-id/fake-event-kbd",
        reconnect_interval_s=0.05,
        hold_down_s=0,
        **kw,
    )
    scanner = HidScanner(settings, device_factory=bus)
    scanner.add_listener(recorder)
    scanner.open()
    return scanner


def test_scans_are_read_from_a_grabbed_device(bus: FakeBus, recorder: Any) -> None:
    scanner = make(bus, recorder)
    try:
        assert scanner.status.code == "OK"
        dev = bus.devices[0]
        assert dev.grabbed
        assert scanner.identity.model == "Fake Scanner Keyboard"
        dev.type("https://zwfw.example.gov.cn/slip/7")
        dev.type("SECOND")
        results = recorder.wait_scans(2)
        assert [r.text for r in results] == ["https://zwfw.example.gov.cn/slip/7", "SECOND"]
        assert results[0].source == "hid"
        assert scanner.health_check(HealthLevel.EXTERNAL).passed
    finally:
        scanner.close()
    assert not dev.grabbed and dev.closed


def test_unplug_and_replug(bus: FakeBus, recorder: Any) -> None:
    scanner = make(bus, recorder)
    try:
        bus.plugged = False
        bus.devices[0].unplug()
        recorder.wait_status("DEVICE_LOST")
        assert scanner.status.state is DeviceState.OFFLINE
        bus.plugged = True
        recorder.wait_recovered()
        bus.devices[-1].type("AGAIN")
        assert recorder.wait_scans(1)[0].text == "AGAIN"
    finally:
        scanner.close()


def test_device_grabbed_elsewhere_is_port_busy(bus: FakeBus, recorder: Any) -> None:
    bus.busy = True
    scanner = make(bus, recorder)
    try:
        assert scanner.status.code == "PORT_BUSY"
    finally:
        scanner.close()


def code_on_open(settings: HidScannerSettings, **kw: Any) -> str:
    """The status code a scanner with ``settings`` has once opened (it is closed again)."""
    scanner = HidScanner(settings, **kw)
    scanner.open()
    try:
        return scanner.status.code
    finally:
        scanner.close()


def test_no_device_path_is_a_configuration_error(bus: FakeBus) -> None:
    assert code_on_open(HidScannerSettings(), device_factory=bus) == "CONFIG_ERROR"


def test_missing_evdev_is_a_clear_configuration_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "evdev", None)
    with pytest.raises(Exception) as info:
        evdev_factory("/dev/input/event0")
    assert getattr(info.value, "code", "") == "CONFIG_ERROR"
    assert "kiosk[hid]" in str(info.value)
    assert code_on_open(HidScannerSettings(device_path="/dev/input/event0")) == "CONFIG_ERROR"


def test_real_evdev_on_a_missing_node_is_device_lost() -> None:
    assert code_on_open(HidScannerSettings(device_path="/dev/input/no-such-event")) == "DEVICE_LOST"
