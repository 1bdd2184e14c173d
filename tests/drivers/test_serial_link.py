"""SerialLink and PtyPort: transport, deadlines, loss at OS level."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator

import pytest

from drivers.base import DeviceError
from drivers.serial_link import LinkLost, PtyPort, SerialLink


@pytest.fixture
def link(pty: PtyPort) -> Iterator[SerialLink]:
    link = SerialLink(pty.path)
    link.open()
    yield link
    link.close()


def read_all(pty: PtyPort, n: int, timeout: float = 2.0) -> bytes:
    buf = b""
    end = time.monotonic() + timeout
    while len(buf) < n and time.monotonic() < end:
        buf += pty.read(n - len(buf), timeout_s=0.05)
    return buf


def test_bytes_cross_in_both_directions_unchanged(pty: PtyPort, link: SerialLink) -> None:
    # CR, XON/XOFF and 0xFF would be mangled by a tty not in raw mode.
    payload = bytes(range(256))
    link.write(payload)
    assert read_all(pty, 256) == payload
    assert pty.write(payload)
    assert link.read_exact(256, timeout_s=2.0) == payload


def test_read_exact_returns_what_arrived_when_the_deadline_passes(
    pty: PtyPort, link: SerialLink
) -> None:
    pty.write(b"abc")
    assert link.read_exact(10, timeout_s=0.1) == b"abc"


def test_read_some_returns_first_bytes_and_empty_on_timeout(pty: PtyPort, link: SerialLink) -> None:
    assert link.read_some(timeout_s=0.05) == b""
    pty.write(b"hello")
    got = link.read_some(timeout_s=2.0)
    assert got and b"hello".startswith(got)


def test_flush_input_drops_stale_bytes(pty: PtyPort, link: SerialLink) -> None:
    pty.write(b"stale")
    assert link.read_exact(1, timeout_s=1.0) == b"s"
    link.flush_input()
    pty.write(b"fresh")
    assert link.read_exact(5, timeout_s=1.0) == b"fresh"


def test_unplug_hangs_up_the_driver_and_replug_keeps_the_path(
    pty: PtyPort, link: SerialLink
) -> None:
    first = pty.device_name
    pty.unplug()
    assert not os.path.exists(pty.path)
    with pytest.raises(LinkLost):
        link.read_exact(1, timeout_s=0.5)
    with pytest.raises(LinkLost):
        link.write(b"x")
    link.close()
    with pytest.raises(LinkLost, match="not present"):
        link.open()
    pty.plug()
    link.open()
    pty.write(b"back")
    assert link.read_exact(4, timeout_s=1.0) == b"back"
    assert pty.device_name.startswith("/dev/pts/")
    assert first.startswith("/dev/pts/")


def test_paced_write_takes_at_least_the_wire_time(pty: PtyPort, link: SerialLink) -> None:
    start = time.monotonic()
    assert pty.write(bytes(1152), baud=115200)
    assert time.monotonic() - start >= 1152 * 10 / 115200 * 0.99
    assert len(link.read_exact(1152, timeout_s=2.0)) == 1152


def test_write_reports_unplug_during_a_paced_write(pty: PtyPort, link: SerialLink) -> None:
    timer = threading.Timer(0.02, pty.unplug)
    timer.start()
    try:
        assert pty.write(bytes(4000), baud=115200) is False
    finally:
        timer.join()


def test_interrupt_wakes_a_pending_read(pty: PtyPort) -> None:
    result: list[bytes] = []
    reader = threading.Thread(target=lambda: result.append(pty.read(timeout_s=30)))
    reader.start()
    pty.interrupt()
    reader.join(timeout=5)
    assert not reader.is_alive() and result == [b""]


@pytest.mark.parametrize(
    ("port", "code"), [("", "CONFIG_ERROR"), ("nosuchscheme://x", "CONFIG_ERROR")]
)
def test_unusable_settings_are_configuration_errors(port: str, code: str) -> None:
    with pytest.raises(DeviceError) as info:
        SerialLink(port).open()
    assert info.value.code == code


def test_second_exclusive_open_reports_the_port_busy(pty: PtyPort, link: SerialLink) -> None:
    other = SerialLink(pty.path, exclusive=True)
    with pytest.raises(DeviceError) as info:
        other.open()
    assert info.value.code == "PORT_BUSY"


def test_loop_url_works_through_the_same_api() -> None:
    link = SerialLink("loop://")
    link.open()
    try:
        link.write(b"ping")
        assert link.read_exact(4, timeout_s=1.0) == b"ping"
    finally:
        link.close()
