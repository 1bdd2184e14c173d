"""Printer connections through python-escpos: network (port 9100), serial and USB.

python-escpos opens the device and writes the bytes; this module adds what
its ``_read`` lacks for a reliable status layer: reads with a timeout,
draining stale input before a query, and typed errors when the link drops.

A printer is named by a URL:

    tcp://10.0.0.5[:9100]
    serial:///dev/ttyUSB0[?baudrate=19200&dsrdtr=0&xonxoff=0]
    usb://04b8:0202[?in_ep=0x82&out_ep=0x01]
"""

from __future__ import annotations

import contextlib
import socket
from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal, cast
from urllib.parse import parse_qs, urlsplit

from drivers.base import DeviceError, DeviceLost


class TransportError(DeviceLost):
    """The link to the printer is down (refused, dropped, unplugged)."""


@dataclass(frozen=True, slots=True)
class PrinterAddress:
    scheme: Literal["tcp", "serial", "usb"]
    host: str = ""
    port: int = 9100
    device: str = ""
    baudrate: int = 9600
    dsrdtr: bool = True
    xonxoff: bool = False
    vendor_id: int = 0
    product_id: int = 0
    in_ep: int = 0x82
    out_ep: int = 0x01

    @classmethod
    def parse(cls, url: str) -> PrinterAddress:
        """Parse a printer URL; raise ValueError naming what is wrong."""
        parts = urlsplit(url)
        query = {k: v[-1] for k, v in parse_qs(parts.query).items()}

        def flag(name: str, default: bool) -> bool:
            value = query.pop(name, None)
            if value is None:
                return default
            if value.lower() in ("1", "true", "yes", "on"):
                return True
            if value.lower() in ("0", "false", "no", "off"):
                return False
            raise ValueError(f"{url!r}: {name} must be 0 or 1")

        def number(name: str, default: int) -> int:
            value = query.pop(name, None)
            try:
                return default if value is None else int(value, 0)
            except ValueError:
                raise ValueError(f"{url!r}: {name} must be a number") from None

        if parts.scheme == "tcp":
            if not parts.hostname:
                raise ValueError(f"{url!r}: no host (expected tcp://HOST[:PORT])")
            try:
                port = parts.port or 9100
            except ValueError:
                raise ValueError(f"{url!r}: bad port") from None
            addr = cls("tcp", host=parts.hostname, port=port)
        elif parts.scheme == "serial":
            if not parts.path:
                raise ValueError(f"{url!r}: no device (expected serial:///dev/NAME)")
            addr = cls(
                "serial",
                device=parts.path,
                baudrate=number("baudrate", 9600),
                dsrdtr=flag("dsrdtr", True),
                xonxoff=flag("xonxoff", False),
            )
        elif parts.scheme == "usb":
            vid, _, pid = parts.netloc.partition(":")
            try:
                vendor, product = int(vid, 16), int(pid, 16)
            except ValueError:
                raise ValueError(f"{url!r}: expected usb://VVVV:PPPP (hex ids)") from None
            addr = cls(
                "usb",
                vendor_id=vendor,
                product_id=product,
                in_ep=number("in_ep", 0x82),
                out_ep=number("out_ep", 0x01),
            )
        else:
            raise ValueError(f"{url!r}: scheme must be tcp, serial or usb")
        if query:
            raise ValueError(f"{url!r}: unknown option(s) {', '.join(sorted(query))}")
        return addr

    def describe(self) -> str:
        if self.scheme == "tcp":
            return f"tcp://{self.host}:{self.port}"
        if self.scheme == "serial":
            return f"serial://{self.device}"
        return f"usb://{self.vendor_id:04x}:{self.product_id:04x}"


class EscposTransport(ABC):
    """One open link to a printer; not thread-safe (the driver serialises use)."""

    def __init__(self, address: PrinterAddress, connect_timeout_s: float) -> None:
        self.address = address
        self.connect_timeout_s = connect_timeout_s
        self._printer: Any = None

    @property
    def connected(self) -> bool:
        return self._printer is not None

    @abstractmethod
    def _make(self) -> Any:
        """Build and open the python-escpos printer object."""

    def open(self) -> None:
        self.close()
        from escpos.exceptions import DeviceNotFoundError

        try:
            self._printer = self._make()
        except DeviceNotFoundError as exc:
            raise TransportError(f"{self.address.describe()}: {exc}".strip()) from exc
        except OSError as exc:
            raise TransportError(f"{self.address.describe()}: {exc}") from exc

    def close(self) -> None:
        printer, self._printer = self._printer, None
        if printer is not None:
            with contextlib.suppress(Exception):  # closing a dead link may fail; it is gone anyway
                printer.close()

    def _lost(self, exc: BaseException | None, what: str) -> TransportError:
        self.close()
        detail = f": {exc}" if exc else ""
        return TransportError(f"{self.address.describe()} {what}{detail}")

    def write(self, data: bytes) -> None:
        if self._printer is None:
            raise TransportError(f"{self.address.describe()} is not connected")
        try:
            self._printer._raw(data)
        except Exception as exc:  # each backend raises its own errors (OSError, USBError, ...)
            raise self._lost(exc, "write failed") from exc

    @abstractmethod
    def read(self, timeout_s: float) -> bytes:
        """Up to 16 bytes, or b"" after ``timeout_s``; TransportError if the link dropped."""

    @abstractmethod
    def drain(self) -> bytes:
        """Take every byte already received (stale replies, status back) without waiting."""


class NetworkTransport(EscposTransport):
    def _make(self) -> Any:
        from escpos.printer import Network

        printer = Network(self.address.host, self.address.port, timeout=self.connect_timeout_s)
        # Connect here rather than in Network.open(), which leaks the socket of a
        # refused connection (one per reconnect attempt while the printer is off).
        sock = socket.create_connection(
            (self.address.host, self.address.port), timeout=self.connect_timeout_s
        )
        # Status queries are tiny request/reply exchanges: do not let Nagle delay them.
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        printer.device = sock
        return printer

    def _sock(self) -> socket.socket:
        if self._printer is None:
            raise TransportError(f"{self.address.describe()} is not connected")
        return cast(socket.socket, self._printer.device)

    def write(self, data: bytes) -> None:
        sock = self._sock()
        sock.settimeout(max(self.connect_timeout_s, 5.0))
        super().write(data)

    def read(self, timeout_s: float) -> bytes:
        sock = self._sock()
        sock.settimeout(max(timeout_s, 0.001))
        try:
            data: bytes = self._printer._read()
        except TimeoutError:
            return b""
        except OSError as exc:
            raise self._lost(exc, "read failed") from exc
        if not data:
            raise self._lost(None, "closed the connection")
        return data

    def drain(self) -> bytes:
        sock = self._sock()
        sock.setblocking(False)
        out = bytearray()
        try:
            while True:
                chunk = sock.recv(4096)
                if not chunk:
                    raise self._lost(None, "closed the connection")
                out += chunk
        except BlockingIOError:
            return bytes(out)
        except OSError as exc:
            raise self._lost(exc, "read failed") from exc


class SerialTransport(EscposTransport):
    def _make(self) -> Any:
        from escpos.printer import Serial

        a = self.address
        printer = Serial(
            a.device,
            baudrate=a.baudrate,
            timeout=self.connect_timeout_s,
            dsrdtr=a.dsrdtr,
            xonxoff=a.xonxoff,
        )
        printer.open()
        return printer

    def write(self, data: bytes) -> None:
        super().write(data)
        # Wait until the bytes are on the wire: a status request written next
        # would otherwise queue behind a slip still in the UART buffer (seconds
        # at 9600 baud) and time out.
        try:
            self._printer.device.flush()
        except Exception as exc:  # pyserial raises SerialException/OSError when unplugged
            raise self._lost(exc, "write failed") from exc

    def read(self, timeout_s: float) -> bytes:
        if self._printer is None:
            raise TransportError(f"{self.address.describe()} is not connected")
        port = self._printer.device
        try:
            # read(n) waits for all n bytes; a status reply is one byte, so wait
            # for the first and take whatever else has arrived with it.
            port.timeout = max(timeout_s, 0.001)
            first: bytes = port.read(1)
            waiting = port.in_waiting if first else 0
            return first + (port.read(waiting) if waiting else b"")
        except Exception as exc:  # pyserial raises SerialException/OSError when unplugged
            raise self._lost(exc, "read failed") from exc

    def drain(self) -> bytes:
        if self._printer is None:
            raise TransportError(f"{self.address.describe()} is not connected")
        port = self._printer.device
        try:
            waiting = port.in_waiting
            return port.read(waiting) if waiting else b""
        except Exception as exc:
            raise self._lost(exc, "read failed") from exc


class UsbTransport(EscposTransport):
    def _make(self) -> Any:
        from escpos.printer import Usb

        if not Usb.is_usable():
            raise DeviceError(
                "USB printers need pyusb: pip install 'kiosk[usb]'", code="CONFIG_ERROR"
            )
        a = self.address
        printer = Usb(
            a.vendor_id,
            a.product_id,
            timeout=int(self.connect_timeout_s * 1000),
            in_ep=a.in_ep,
            out_ep=a.out_ep,
        )
        printer.open()
        return printer

    def _read_ms(self, timeout_ms: int) -> bytes:
        import usb.core

        if self._printer is None:
            raise TransportError(f"{self.address.describe()} is not connected")
        try:
            return bytes(self._printer.device.read(self.address.in_ep, 64, timeout_ms))
        except usb.core.USBTimeoutError:
            return b""
        except usb.core.USBError as exc:
            raise self._lost(exc, "read failed") from exc

    def read(self, timeout_s: float) -> bytes:
        return self._read_ms(max(1, int(timeout_s * 1000)))

    def drain(self) -> bytes:
        out = bytearray()
        while chunk := self._read_ms(1):
            out += chunk
        return bytes(out)


def make_transport(address: PrinterAddress, connect_timeout_s: float) -> EscposTransport:
    cls: Callable[[PrinterAddress, float], EscposTransport] = {
        "tcp": NetworkTransport,
        "serial": SerialTransport,
        "usb": UsbTransport,
    }[address.scheme]
    return cls(address, connect_timeout_s)
