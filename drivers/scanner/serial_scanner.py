"""Barcode/QR scanners on a serial port or USB-CDC (virtual COM) line."""

from __future__ import annotations

import queue
import threading
import time
from dataclasses import dataclass, field

from drivers.base import DeviceIdentity, DeviceStatus, DeviceTimeout
from drivers.scanner import gm65
from drivers.scanner.framing import LineFramer
from drivers.scanner.model import CodeScanned, ScanResult, decode_payload, split_aim, symbology_of
from drivers.scanner.settings import SerialScannerSettings
from drivers.serial_link import SerialLink
from drivers.supervisor import SupervisedDevice


@dataclass
class _Pending:
    command: bytes
    timeout_s: float
    done: threading.Event = field(default_factory=threading.Event)
    reply: bytes | None = None


class SerialScanner(SupervisedDevice):
    """Reads codes from a serial line and reports :class:`CodeScanned` events."""

    kind = "scanner"
    Settings = SerialScannerSettings
    settings: SerialScannerSettings

    def __init__(self, settings: SerialScannerSettings | None = None) -> None:
        super().__init__(settings)
        self._link: SerialLink | None = None
        self._commands: queue.Queue[_Pending] = queue.Queue()
        self._last: tuple[str, float] = ("", 0.0)

    # ---- public
    def trigger(self, timeout_s: float = 0.5) -> bool:
        """Start one read on a command-triggered engine (gm65); True if it acknowledged."""
        if self.settings.command_set != "gm65":
            return False
        return self._send_command(gm65.TRIGGER, timeout_s) is not None

    # ---- supervision
    def _connect(self) -> None:
        s = self.settings
        link = SerialLink(s.port, baudrate=s.baudrate, exclusive=s.exclusive)
        link.open()
        self._link = link
        model = "serial scanner"
        if s.command_set == "gm65":
            link.flush_input()
            link.write(gm65.QUERY_FLAGS)
            reply = self._await_reply(link, bytearray(), time.monotonic() + 0.5, None)
            if reply is None:
                raise DeviceTimeout("scan engine did not answer its status query")
            model = "GM65-compatible scan engine"
        self._identity = DeviceIdentity(model=model, serial=s.port)
        self._set_status(DeviceStatus.online())

    def _disconnect(self) -> None:
        if self._link is not None:
            self._link.close()
        self._link = None
        while not self._commands.empty():
            self._commands.get_nowait().done.set()

    def _serve(self, stop: threading.Event) -> None:
        link = self._link
        assert link is not None
        s = self.settings
        framer = LineFramer(s.suffix, idle_timeout_s=s.idle_timeout_s)
        buf = bytearray()
        while not stop.is_set():
            try:
                pending = self._commands.get_nowait()
            except queue.Empty:
                pending = None
            if pending is not None:
                link.write(pending.command)
                deadline = time.monotonic() + pending.timeout_s
                pending.reply = self._await_reply(link, buf, deadline, framer)
                pending.done.set()
            data = link.read_some(timeout_s=min(0.05, s.idle_timeout_s))
            now = time.monotonic()
            for code in framer.feed(bytes(buf) + data, now) + framer.poll(now):
                self._deliver(code, now)
            buf.clear()

    def _await_reply(
        self, link: SerialLink, buf: bytearray, deadline: float, framer: LineFramer | None
    ) -> bytes | None:
        """Read until a gm65 reply arrives; other bytes (a scan) go on to the framer."""
        while time.monotonic() < deadline:
            buf += link.read_some(timeout_s=0.05)
            while buf:
                data, used = gm65.parse_reply(bytes(buf))
                if data is not None:
                    del buf[:used]
                    return data
                if used == 0:
                    break
                if framer is None:
                    del buf[:used]
                    continue
                return_now = bytes(buf[:used])
                del buf[:used]
                for code in framer.feed(return_now, time.monotonic()):
                    self._deliver(code, time.monotonic())
        return None

    def _send_command(self, command: bytes, timeout_s: float) -> bytes | None:
        if self._worker is None or not self.status.usable:
            return None
        pending = _Pending(command, timeout_s)
        self._commands.put(pending)
        pending.done.wait(timeout_s + 1.0)
        return pending.reply

    def _deliver(self, raw: bytes, now: float) -> None:
        s = self.settings
        aim_id, payload = split_aim(raw, resync=True) if s.aim_prefix else ("", raw)
        if not payload:
            return
        text = decode_payload(payload, s.encoding)
        last_text, last_at = self._last
        if s.repeat_window_s and text == last_text and now - last_at < s.repeat_window_s:
            return
        self._last = (text, now)
        result = ScanResult(text, payload, symbology_of(aim_id), aim_id, "serial", now)
        self._emit(CodeScanned(result))

    # ---- health
    def _check_external(self) -> tuple[bool, str, str]:
        if self._link is None:
            status = self.status
            return False, status.detail or "scanner not connected", status.code
        if self.settings.command_set == "gm65":
            if self._send_command(gm65.QUERY_FLAGS, 0.5) is None:
                return False, "scan engine did not answer its status query", "DEVICE_TIMEOUT"
            return True, "scan engine answered its status query", "OK"
        return True, "port open (a passive scanner: scan a test code to confirm)", "OK"
