"""Serial transport that survives unplugging, and pty ports for simulators.

Two pieces shared by every serial-device kind (reconnecting is the
supervisor's job, :mod:`drivers.supervisor`):

* :class:`SerialLink` opens a port by path or pyserial URL (``/dev/idcard``,
  ``socket://host:port``, ``loop://``), reads with deadlines and turns every
  OS-level failure into :class:`LinkLost` or a configuration error.
* :class:`PtyPort` is the device end of a pseudo-terminal, behind a stable
  symlink that can be unplugged and plugged back, for simulators that speak a
  wire protocol to the real driver.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import select
import shutil
import tempfile
import threading
import time
import tty
from pathlib import Path
from typing import TypedDict

import serial

from drivers.base import DeviceError, DeviceLost, DeviceTimeout

log = logging.getLogger(__name__)

try:
    import termios

    # tcflush/tcsetattr on a vanished port raise termios.error, not OSError.
    _IO_ERRORS: tuple[type[BaseException], ...] = (serial.SerialException, OSError, termios.error)
except ImportError:  # not POSIX
    _IO_ERRORS = (serial.SerialException, OSError)


class LinkLost(DeviceLost):
    """The port vanished or stopped working at OS level (unplugged, hung up)."""


class _LineParams(TypedDict):
    baudrate: int
    bytesize: int
    parity: str
    stopbits: float


class SerialLink:
    """One serial port, opened by path or URL, with deadline-bounded reads."""

    def __init__(
        self,
        port: str,
        *,
        baudrate: int = 115200,
        bytesize: int = 8,
        parity: str = "N",
        stopbits: float = 1,
        exclusive: bool = True,
        poll_s: float = 0.05,
    ) -> None:
        self.port = port
        self._params: _LineParams = {
            "baudrate": baudrate,
            "bytesize": bytesize,
            "parity": parity,
            "stopbits": stopbits,
        }
        self._exclusive = exclusive
        # Bounds every blocking call, so close() and stop requests act quickly.
        self._poll_s = poll_s
        self._ser: serial.Serial | None = None

    @property
    def is_open(self) -> bool:
        return self._ser is not None and self._ser.is_open

    def open(self) -> None:
        """Open the port; :class:`LinkLost` if absent, CONFIG_ERROR if it cannot work."""
        self.close()
        if not self.port:
            raise DeviceError("no serial port configured", code="CONFIG_ERROR")
        try:
            ser = serial.serial_for_url(
                self.port, do_not_open=True, timeout=self._poll_s, write_timeout=1.0, **self._params
            )
            if isinstance(ser, serial.Serial) and hasattr(ser, "exclusive"):
                ser.exclusive = self._exclusive
            ser.open()
        except (ValueError, AttributeError) as exc:
            raise DeviceError(
                f"bad serial settings for {self.port}: {exc}", code="CONFIG_ERROR"
            ) from exc
        except _IO_ERRORS as exc:
            raise _classify_open_error(self.port, exc) from exc
        self._ser = ser

    def close(self) -> None:
        ser, self._ser = self._ser, None
        if ser is not None:
            with contextlib.suppress(Exception):  # a vanished port may fail to close cleanly
                ser.close()

    def _port(self) -> serial.Serial:
        if self._ser is None:
            raise LinkLost(f"port {self.port} is not open")
        return self._ser

    def write(self, data: bytes) -> None:
        try:
            self._port().write(data)
        except serial.SerialTimeoutException as exc:
            raise DeviceTimeout(f"write to {self.port} timed out") from exc
        except _IO_ERRORS as exc:
            raise LinkLost(f"port {self.port} lost while writing") from exc

    def flush_input(self) -> None:
        """Drop bytes already received, e.g. leftovers of an exchange that timed out."""
        try:
            self._port().reset_input_buffer()
        except _IO_ERRORS as exc:
            raise LinkLost(f"port {self.port} lost") from exc

    def read_exact(self, n: int, timeout_s: float) -> bytes:
        """Read up to ``n`` bytes, returning early only when the deadline passes."""
        port = self._port()
        deadline = time.monotonic() + timeout_s
        buf = bytearray()
        try:
            while len(buf) < n:
                buf += port.read(n - len(buf))
                if len(buf) < n and time.monotonic() >= deadline:
                    break
        except _IO_ERRORS as exc:
            raise LinkLost(f"port {self.port} lost while reading") from exc
        return bytes(buf)

    def read_some(self, timeout_s: float, max_n: int = 4096) -> bytes:
        """Return what arrives first (at least one byte), or b"" when the deadline passes."""
        port = self._port()
        deadline = time.monotonic() + timeout_s
        try:
            while True:
                first = port.read(1)
                if first:
                    waiting = min(port.in_waiting, max_n - 1)
                    return first + (port.read(waiting) if waiting else b"")
                if time.monotonic() >= deadline:
                    return b""
        except _IO_ERRORS as exc:
            raise LinkLost(f"port {self.port} lost while reading") from exc


def _classify_open_error(port: str, exc: BaseException) -> DeviceError:
    err = getattr(exc, "errno", None)
    if err is None and exc.args and isinstance(exc.args[0], int):
        err = exc.args[0]
    cause = exc.__cause__ or exc.__context__
    if err is None and isinstance(cause, OSError):
        err = cause.errno
    text = str(exc)
    if err in (errno.EACCES, errno.EPERM) or "Permission denied" in text:
        return DeviceError(
            f"no permission to open {port} (dialout group or udev rule missing)",
            code="CONFIG_ERROR",
        )
    if err in (errno.EBUSY, errno.EAGAIN, errno.EWOULDBLOCK) or "lock" in text.lower():
        return DeviceError(f"port {port} is in use by another program", code="PORT_BUSY")
    return LinkLost(f"port {port} not present")


class PtyPort:
    """The device end of a pseudo-terminal, reachable through a stable symlink.

    ``path`` stays the same across :meth:`unplug` / :meth:`plug`, like a udev
    symlink such as ``/dev/idcard``. All reads should come from one serving
    thread; :meth:`unplug` and :meth:`plug` may be called from any thread.
    """

    def __init__(self, name: str = "ttySIM", directory: str | Path | None = None) -> None:
        self._own_dir = directory is None
        self._dir = Path(tempfile.mkdtemp(prefix="kiosk-pty-") if directory is None else directory)
        self.path = str(self._dir / name)
        self._lock = threading.Lock()
        self._master = -1
        self._slave = -1
        self._stale: list[int] = []
        self._wake_r, self._wake_w = os.pipe()
        self._closed = False
        self.plug()

    @property
    def plugged(self) -> bool:
        return self._master >= 0

    @property
    def device_name(self) -> str:
        """The current /dev/pts/N behind :attr:`path` (changes on every plug)."""
        return os.ttyname(self._slave) if self._slave >= 0 else ""

    def plug(self) -> None:
        """Create a fresh pty and point :attr:`path` at it."""
        with self._lock:
            if self._closed or self._master >= 0:
                return
            master, slave = os.openpty()
            # Raw mode, or the line discipline rewrites CR and eats XON/XOFF bytes.
            tty.setraw(slave)
            tmp = f"{self.path}.{os.getpid()}.tmp"
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
            os.symlink(os.ttyname(slave), tmp)
            os.replace(tmp, self.path)
            # Holding our own slave fd keeps the master readable when the driver closes.
            self._master, self._slave = master, slave
        self._wake()

    def unplug(self) -> None:
        """Remove the port: the driver's open fd hangs up, the path disappears."""
        with self._lock:
            if self._master < 0:
                return
            with contextlib.suppress(FileNotFoundError):
                os.unlink(self.path)
            # Swap /dev/null in so a concurrent select() never sees a reused fd number;
            # the pty master itself closes here, which hangs up the driver's side.
            null = os.open(os.devnull, os.O_RDWR)
            os.dup2(null, self._master)
            os.close(null)
            self._stale.append(self._master)
            os.close(self._slave)
            self._master = self._slave = -1
        self._wake()

    def interrupt(self) -> None:
        """Make a pending :meth:`read` return at once (e.g. to stop the serving thread)."""
        self._wake()

    def _wake(self) -> None:
        with contextlib.suppress(OSError):
            os.write(self._wake_w, b"w")

    def read(self, max_n: int = 4096, timeout_s: float = 0.1) -> bytes:
        """Bytes the driver sent, or b"" after ``timeout_s`` (or when woken)."""
        with self._lock:
            for fd in self._stale:
                os.close(fd)
            self._stale.clear()
            master = self._master
        if self._closed:
            return b""
        fds = [self._wake_r] if master < 0 else [master, self._wake_r]
        try:
            ready, _, _ = select.select(fds, [], [], timeout_s)
        except (OSError, ValueError):
            return b""
        if self._wake_r in ready:
            with contextlib.suppress(OSError):
                os.read(self._wake_r, 4096)
        if master >= 0 and master in ready:
            try:
                return os.read(master, max_n)
            except OSError:
                return b""
        return b""

    def write(self, data: bytes, *, baud: int | None = None, chunk: int = 32) -> bool:
        """Send bytes to the driver, paced at ``baud`` (10 bits a byte) when given.

        Returns False if the port was unplugged before everything was sent.
        """
        start = time.monotonic()
        sent = 0
        view = memoryview(data)
        while sent < len(data):
            master = self._master
            if master < 0:
                return False
            step = len(data) - sent if baud is None else min(chunk, len(data) - sent)
            try:
                n = os.write(master, view[sent : sent + step])
            except OSError:
                return False
            sent += n
            if baud is not None:
                delay = start + sent * 10 / baud - time.monotonic()
                if delay > 0:
                    time.sleep(delay)
        return self._master >= 0

    def close(self) -> None:
        """Unplug for good and remove the temp directory (after the serving thread ended)."""
        self.unplug()
        with self._lock:
            self._closed = True
            for fd in self._stale:
                os.close(fd)
            self._stale.clear()
        for fd in (self._wake_r, self._wake_w):
            with contextlib.suppress(OSError):
                os.close(fd)
        self._wake_r = self._wake_w = -1
        if self._own_dir:
            shutil.rmtree(self._dir, ignore_errors=True)
