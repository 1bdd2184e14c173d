"""Serial transport that survives unplugging, device supervision, and pty ports for simulators.

Three pieces shared by every serial-device kind:

* :class:`SerialLink` opens a port by path or pyserial URL (``/dev/idcard``,
  ``socket://host:port``, ``loop://``), reads with deadlines and turns every
  OS-level failure into :class:`LinkLost` or a configuration error.
* :class:`SupervisedDevice` keeps one worker thread that connects, serves and,
  when the device is lost, reports OFFLINE at once and reconnects on its own.
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
from abc import abstractmethod
from pathlib import Path
from typing import TypedDict

import serial

from drivers.base import (
    Actor,
    Device,
    DeviceError,
    DeviceState,
    DeviceStatus,
    DeviceTimeout,
    DriverSettings,
)

log = logging.getLogger(__name__)

try:
    import termios

    # tcflush/tcsetattr on a vanished port raise termios.error, not OSError.
    _IO_ERRORS: tuple[type[BaseException], ...] = (serial.SerialException, OSError, termios.error)
except ImportError:  # not POSIX
    _IO_ERRORS = (serial.SerialException, OSError)


class LinkLost(DeviceError):
    """The port vanished or stopped working at OS level (unplugged, hung up)."""

    code = "DEVICE_LOST"


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


class SupervisedDevice(Device):
    """A device kept connected by one worker thread that reconnects when the device is lost.

    Subclasses implement :meth:`_connect` (raise :class:`DeviceError` when the
    device is absent or refuses), :meth:`_serve` (runs until ``stop`` is set, or
    raises when the device is lost) and :meth:`_disconnect`. The first connection
    attempt runs inside ``open()``, so the status is known when it returns.
    """

    #: Pause between reconnection attempts when the settings do not say.
    default_reconnect_interval_s = 0.25
    #: False for devices whose opening may block for long (network streams): open()
    #: then returns at once with status OFFLINE / CONNECTING and the worker connects.
    connect_in_open = True

    def __init__(self, settings: DriverSettings | None = None) -> None:
        super().__init__(settings)
        self._stop = threading.Event()
        self._worker: threading.Thread | None = None

    # ---- hooks
    @abstractmethod
    def _connect(self) -> None: ...

    @abstractmethod
    def _serve(self, stop: threading.Event) -> None: ...

    @abstractmethod
    def _disconnect(self) -> None: ...

    def _on_disconnected(self, error: DeviceError) -> None:
        """Called on the worker thread after the device was lost (e.g. to fail a pending read)."""

    def _status_for(self, error: DeviceError) -> DeviceStatus:
        """Map a connection failure to the status shown while reconnecting."""
        if isinstance(error, LinkLost):
            return DeviceStatus.lost(str(error))
        if isinstance(error, DeviceTimeout):
            return DeviceStatus(DeviceState.OFFLINE, error.code, str(error), Actor.AUTOMATIC)
        if error.code == "CONFIG_ERROR":
            return DeviceStatus(DeviceState.ERROR, error.code, str(error), Actor.CONFIGURATION)
        if error.code == "PORT_BUSY":
            return DeviceStatus(DeviceState.OFFLINE, error.code, str(error), Actor.TECHNICIAN)
        return DeviceStatus(DeviceState.ERROR, error.code, str(error), Actor.TECHNICIAN)

    # ---- lifecycle
    @property
    def reconnect_interval_s(self) -> float:
        default = self.default_reconnect_interval_s
        return float(getattr(self.settings, "reconnect_interval_s", default))

    def _open(self) -> None:
        if self._worker is not None and self._worker.is_alive():
            return
        self._stop = threading.Event()
        if self.connect_in_open:
            connected, retry_now = self._try_connect(), False
        else:
            self._set_status(
                DeviceStatus(DeviceState.OFFLINE, "CONNECTING", "connecting", Actor.AUTOMATIC)
            )
            connected, retry_now = False, True
        self._worker = threading.Thread(
            target=self._run, args=(connected, retry_now), name=f"{self.kind}-worker", daemon=True
        )
        self._worker.start()

    def _close(self) -> None:
        self._stop.set()
        worker, self._worker = self._worker, None
        if worker is not None and worker is not threading.current_thread():
            worker.join(timeout=5.0)
            if worker.is_alive():
                log.error("device worker did not stop", extra={"kind": self.kind})
        self._disconnect_quietly()

    def _try_connect(self) -> bool:
        try:
            self._connect()
        except DeviceError as exc:
            self._disconnect_quietly()
            status = self._status_for(exc)
            current = self.status
            # Repeated attempts keep the first report instead of re-emitting new wording.
            if (current.state, current.code) != (status.state, status.code):
                self._set_status(status)
            return False
        return True

    def _disconnect_quietly(self) -> None:
        try:
            self._disconnect()
        except Exception:  # closing a vanished device must not stop supervision
            log.debug("disconnect failed", exc_info=True)

    def _run(self, connected: bool, retry_now: bool = False) -> None:
        stop = self._stop
        while not stop.is_set():
            if not connected:
                if not retry_now and stop.wait(self.reconnect_interval_s):
                    break
                retry_now = False
                connected = self._try_connect()
                continue
            try:
                self._serve(stop)
            except DeviceError as exc:
                self._disconnect_quietly()
                if not stop.is_set():
                    self._set_status(self._status_for(exc))
                    self._on_disconnected(exc)
            except Exception:  # a driver bug must not end supervision for good
                log.exception("device worker failed", extra={"kind": self.kind})
                self._disconnect_quietly()
                self._set_status(
                    DeviceStatus(
                        DeviceState.ERROR, "DRIVER_ERROR", "driver fault", Actor.TECHNICIAN
                    )
                )
            else:
                self._disconnect_quietly()
            connected = False


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
