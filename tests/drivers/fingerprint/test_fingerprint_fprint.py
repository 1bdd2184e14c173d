"""The libfprint driver: a clear error without PyGObject, and libfprint's virtual_device end to end.

The virtual_device tests need PyGObject and the system packages gir1.2-fprint-2.0 and
libfprint-2-2; they are skipped, saying so, where those are not installed.
"""

from __future__ import annotations

import shutil
import socket
import sys
import tempfile
from collections.abc import Iterator

import pytest

from drivers.base import DeviceError, DeviceNotReady, DeviceState, HealthLevel, StatusChanged
from drivers.fingerprint.fprint import FprintReader, FprintReaderSettings, import_fprint
from drivers.fingerprint.model import (
    CaptureRetry,
    EnrollProgress,
    FingerNeeded,
    FingerTimeout,
    OperationCancelled,
    RetryReason,
)
from tests.drivers.fingerprint import fake_gi
from tests.drivers.fingerprint.fp_helpers import Background, Recorder


def _libfprint_missing() -> str:
    try:
        import_fprint()
    except DeviceError as exc:
        return str(exc)
    return ""


needs_libfprint = pytest.mark.skipif(
    bool(_libfprint_missing()),
    reason="libfprint virtual_device needs PyGObject + gir1.2-fprint-2.0: " + _libfprint_missing(),
)


def test_without_pygobject_the_reader_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "gi", None)  # makes "import gi" fail
    reader = FprintReader()
    reader.open()
    try:
        status = reader.status
        assert status.state is DeviceState.ERROR and status.code == "CONFIG_ERROR"
        assert "gir1.2-fprint-2.0" in status.detail and "fprint" in status.detail
        with pytest.raises(DeviceNotReady):
            reader.capture(timeout_s=1)
        assert not reader.health_check(HealthLevel.EXTERNAL).passed
    finally:
        reader.close()


def test_reader_under_the_supervisor_reports_removal_and_reconnects(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    bus = fake_gi.install(monkeypatch)
    settings = FprintReaderSettings(reconnect_interval_s=0.05, hold_down_s=0)
    reader = FprintReader(settings)
    rec = Recorder()
    reader.add_listener(rec)
    reader.open()  # waits for the worker's first attempt
    worker = reader._worker
    try:
        assert reader.status.code == "OK" and reader.identity.model == "Fake fingerprint reader"
        assert worker is not None and worker.name == "fingerprint-worker"
        assert bus.context.owned  # the worker holds libfprint's main context
        rec.clear()
        bus.unplug()
        rec.wait_status("DEVICE_LOST")
        bus.plug()
        rec.wait(StatusChanged, lambda e: (e.previous.code, e.status.code) == ("DEVICE_LOST", "OK"))
        assert not bus.opened[0].is_open()  # the removed reader was closed, not leaked
    finally:
        reader.close()
    assert worker is not None and not worker.is_alive()
    assert not bus.context.owned
    # The process-wide claim on libfprint is free again.
    second = FprintReader(settings)
    second.open()
    try:
        assert second.status.code == "OK"
    finally:
        second.close()


def _send(path: str, command: str) -> None:
    """One command to libfprint's virtual_device; it closes the connection once it is read."""
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        sock.settimeout(10)
        sock.connect(path)
        sock.sendall(command.encode())
        while sock.recv(1024):
            pass


@pytest.fixture
def virtual(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[FprintReader, Recorder, str]]:
    directory = tempfile.mkdtemp(prefix="kiosk-fpvd-")  # short: UNIX socket paths are limited
    path = f"{directory}/virtual.sock"
    monkeypatch.setenv("FP_VIRTUAL_DEVICE", path)
    reader = FprintReader(
        FprintReaderSettings(virtual_device_socket=path, reconnect_interval_s=0.1, hold_down_s=0)
    )
    recorder = Recorder()
    reader.add_listener(recorder)
    reader.open()
    try:
        yield reader, recorder, path
    finally:
        reader.close()
        shutil.rmtree(directory, ignore_errors=True)


def _enrol(reader: FprintReader, path: str, finger_id: str, *, retry_first: bool = False):
    if retry_first:
        _send(path, "RETRY 1")
    for _ in range(5):  # the virtual device takes five enrolment stages
        _send(path, f"SCAN {finger_id}")
    return reader.capture(timeout_s=20)


@needs_libfprint
def test_virtual_device_capture_and_verify(virtual: tuple[FprintReader, Recorder, str]) -> None:
    reader, rec, path = virtual
    assert reader.status.code == "OK", reader.status
    assert reader.identity.vendor == "virtual_device"
    assert {"capture", "verify"} <= reader.capabilities()
    capture = _enrol(reader, path, "synthetic-person-a", retry_first=True)
    assert capture.template.format == "libfprint" and len(capture.template) > 0
    assert capture.retries == 1
    assert [e.reason for e in rec.of(CaptureRetry)] == [RetryReason.TOO_SHORT]
    assert [e.stage for e in rec.of(EnrollProgress)] == [1, 2, 3, 4, 5]
    _send(path, "SCAN synthetic-person-a")
    assert reader.verify(capture.template, timeout_s=20).matched
    _send(path, "SCAN synthetic-person-b")
    assert not reader.verify(capture.template, timeout_s=20).matched
    assert reader.status.code == "OK"
    capture.wipe()


@needs_libfprint
def test_virtual_device_timeout_and_cancel(virtual: tuple[FprintReader, Recorder, str]) -> None:
    reader, rec, path = virtual
    capture = _enrol(reader, path, "synthetic-person-a")
    with pytest.raises(FingerTimeout):
        reader.verify(capture.template, timeout_s=0.3)
    assert reader.status.code == "OK"
    rec.clear()
    call = Background(lambda: reader.verify(capture.template, timeout_s=30))
    rec.wait(FingerNeeded)
    reader.cancel()
    with pytest.raises(OperationCancelled):
        call.join(15)


@needs_libfprint
def test_virtual_device_unplug_is_reported_and_recovered(
    virtual: tuple[FprintReader, Recorder, str],
) -> None:
    reader, rec, path = virtual
    rec.clear()
    _send(path, "UNPLUG")
    rec.wait_status("DEVICE_LOST")
    rec.wait_recovered()
    capture = _enrol(reader, path, "synthetic-person-a")
    _send(path, "SCAN synthetic-person-a")
    assert reader.verify(capture.template, timeout_s=20).matched
