"""A serial barcode/QR scanner simulated on a pseudo-terminal.

It sends codes the way a real engine does (optional AIM prefix, payload bytes
in UTF-8 or GB18030, a configurable suffix) paced at its baud rate, and answers
the GM65 ``7E 00`` commands, so the real :class:`SerialScanner` is exercised.
"""

from __future__ import annotations

import os
import queue

from drivers.pty_simulator import PtySimulator
from drivers.scanner import gm65
from drivers.scanner.model import AIM_IDS
from drivers.serial_link import PtyPort

SUFFIX_BYTES = {"cr": b"\r", "lf": b"\n", "crlf": b"\r\n", "none": b"", "auto": b"\r"}


class ScannerSimulator(PtySimulator):
    """The engine side: a queue of codes to 'scan', the 7E 00 command set, and faults."""

    thread_name = "scanner-sim"

    def __init__(
        self,
        *,
        baud: int | None = 9600,
        suffix: str = "cr",
        aim_prefix: bool = False,
        encoding: str = "utf-8",
        port_name: str = "scanner",
    ) -> None:
        super().__init__(port_name)
        self.baud = baud
        self.suffix = SUFFIX_BYTES[suffix]
        self.aim_prefix = aim_prefix
        self.encoding = encoding
        self.flags = 0x00
        self.trigger_code: tuple[str, str] | None = None
        self.triggers = 0
        #: An engine that ignores commands (broken, or not a GM65 at all).
        self.silent = False
        self._out: queue.Queue[bytes] = queue.Queue()

    # ---- scanning
    def encode(self, text: str | bytes, symbology: str = "QR") -> bytes:
        payload = text if isinstance(text, bytes) else text.encode(self.encoding)
        prefix = AIM_IDS.get(symbology, "]X0").encode() if self.aim_prefix else b""
        return prefix + payload + self.suffix

    def scan(self, text: str | bytes, symbology: str = "QR") -> None:
        """Send one code as the engine would after reading it."""
        self.send_raw(self.encode(text, symbology))

    def send_raw(self, data: bytes) -> None:
        self._out.put(data)
        if self._port is not None:
            self._port.interrupt()

    def send_garbage(self, n: int = 12) -> None:
        """Line noise without a suffix (e.g. a half-read code, electrical noise)."""
        self.send_raw(os.urandom(n).replace(b"\r", b"").replace(b"\n", b""))

    # ---- serving
    def _serve(self) -> None:
        buf = bytearray()
        while not self._stop.is_set():
            port = self._port
            if port is None:
                return
            while True:
                try:
                    data = self._out.get_nowait()
                except queue.Empty:
                    break
                port.write(data, baud=self.baud)
            buf += port.read(4096, timeout_s=0.1)
            while buf:
                cmd, used = gm65.parse_command(bytes(buf))
                if used == 0:
                    break
                del buf[:used]
                if cmd is not None:
                    self._command(port, *cmd)

    def _command(self, port: PtyPort, kind: int, address: int, data: bytes) -> None:
        if self.silent:
            return
        if kind == gm65.READ:
            port.write(gm65.reply(bytes([self.flags] * max(1, data[0] if data else 1))))
            return
        port.write(gm65.reply(b"\x00"), baud=self.baud)
        if kind == gm65.WRITE and address == gm65.ADDR_TRIGGER and data == b"\x01":
            self.triggers += 1
            if self.trigger_code is not None:
                port.write(self.encode(*self.trigger_code), baud=self.baud)
