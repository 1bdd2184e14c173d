"""Split a serial scanner's byte stream into codes by suffix or by idle time."""

from __future__ import annotations

from typing import Literal

Suffix = Literal["auto", "cr", "lf", "crlf", "none"]


class LineFramer:
    """Turns received bytes into complete codes.

    ``auto`` ends a code at CR, LF or CRLF; ``cr``/``lf``/``crlf`` only at that
    suffix (so a code may itself hold line breaks); ``none`` ends a code when
    the line has been idle for ``idle_timeout_s``. A partial code that never
    gets its suffix is dropped after ``stale_timeout_s`` and counted.
    """

    def __init__(
        self,
        suffix: Suffix = "auto",
        *,
        idle_timeout_s: float = 0.05,
        stale_timeout_s: float = 1.0,
        max_len: int = 8192,
    ) -> None:
        self.suffix = suffix
        self.idle_timeout_s = idle_timeout_s
        self.stale_timeout_s = stale_timeout_s
        self.max_len = max_len
        self._buf = bytearray()
        self._last_rx = 0.0
        self._skip_lf = False
        self.dropped = 0

    def feed(self, data: bytes, now: float) -> list[bytes]:
        out: list[bytes] = []
        if data:
            self._last_rx = now
        if self.suffix == "none":
            self._buf += data
        elif self.suffix in ("cr", "lf"):
            term = b"\r" if self.suffix == "cr" else b"\n"
            self._buf += data
            while (i := self._buf.find(term)) >= 0:
                out.append(bytes(self._buf[:i]))
                del self._buf[: i + 1]
        elif self.suffix == "crlf":
            self._buf += data
            while (i := self._buf.find(b"\r\n")) >= 0:
                out.append(bytes(self._buf[:i]))
                del self._buf[: i + 2]
        else:
            for byte in data:
                if byte == 0x0A and self._skip_lf:
                    self._skip_lf = False
                    continue
                self._skip_lf = byte == 0x0D
                if byte in (0x0D, 0x0A):
                    out.append(bytes(self._buf))
                    self._buf.clear()
                else:
                    self._buf.append(byte)
        if len(self._buf) > self.max_len:
            self._buf.clear()
            self.dropped += 1
        return [code for code in out if code]

    def poll(self, now: float) -> list[bytes]:
        """Codes completed by silence (``none``), after dropping stale partial ones."""
        if not self._buf:
            return []
        quiet = now - self._last_rx
        if self.suffix == "none" and quiet >= self.idle_timeout_s:
            code = bytes(self._buf)
            self._buf.clear()
            return [code]
        if self.suffix != "none" and quiet >= self.stale_timeout_s:
            self._buf.clear()
            self.dropped += 1
        return []

    def reset(self) -> None:
        self._buf.clear()
        self._skip_lf = False
