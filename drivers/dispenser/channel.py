"""One command at a time with the dispenser over a :class:`SerialLink`: ACK/NAK, then its reply."""

from __future__ import annotations

import collections
import time

from drivers.base import DeviceTimeout, ProtocolError
from drivers.dispenser import protocol as p
from drivers.serial_link import SerialLink


class _Items(p.FrameParser):
    """A parser that keeps what it parsed until the channel takes it, one item at a time."""

    def __init__(self) -> None:
        super().__init__()
        self.items: collections.deque[p.Frame | p.Control | p.BadFrame] = collections.deque()


class NotAcknowledged(DeviceTimeout):
    """The device never ACKed the command: it was not carried out."""


class ReplyOverdue(DeviceTimeout):
    """The device ACKed the command but its reply did not come: it may have been carried out."""


class DispenserChannel:
    """Sends a command, repeats it on NAK or silence, and reads its reply frame."""

    def __init__(self, link: SerialLink, *, ack_timeout_s: float = 0.5, retries: int = 2) -> None:
        self.link = link
        self.ack_timeout_s = ack_timeout_s
        self.retries = retries
        self.bytes_out = 0
        self.bytes_in = 0

    def transact(
        self, cmd: p.Cmd, pm: int = p.PM_DEFAULT, *, reply_timeout_s: float | None = None
    ) -> p.Reply:
        frame = p.encode_command(cmd, pm)
        parser = _Items()
        self._send_acknowledged(frame, parser, cmd)
        timeout = self.ack_timeout_s if reply_timeout_s is None else reply_timeout_s
        naks = 0
        deadline = time.monotonic() + timeout
        while True:
            item = self._next(parser, deadline)
            if item is None:
                raise ReplyOverdue(f"{cmd.name}: acknowledged, but no reply within {timeout:.1f} s")
            if isinstance(item, p.BadFrame):
                if naks >= self.retries:
                    raise ProtocolError(f"{cmd.name}: reply failed its checks ({item.reason})")
                naks += 1
                self._write(bytes([p.NAK]))  # the device sends its reply again
                deadline = time.monotonic() + self.ack_timeout_s
                continue
            if isinstance(item, p.Control):
                continue  # a late duplicate ACK
            if item.cmd != cmd:
                continue  # a stale reply to an earlier command that timed out
            try:
                return p.decode_reply(item)
            except p.FrameError as exc:
                raise ProtocolError(f"{cmd.name}: {exc}") from exc

    def _send_acknowledged(self, frame: bytes, parser: _Items, cmd: p.Cmd) -> None:
        for _ in range(self.retries + 1):
            # Leftovers of an exchange that timed out would be read as this one's answer.
            self.link.flush_input()
            parser.reset()
            parser.items.clear()
            self._write(frame)
            deadline = time.monotonic() + self.ack_timeout_s
            while True:
                item = self._next(parser, deadline)
                if item is None or item is p.Control.NAK:
                    break  # send again
                if item is p.Control.ACK:
                    return
                # A frame before the ACK is stale: ignore it.
        raise NotAcknowledged(f"{cmd.name}: the dispenser did not acknowledge the command")

    def _next(self, parser: _Items, deadline: float) -> p.Frame | p.Control | p.BadFrame | None:
        """The next item from the device, or None when ``deadline`` passes first."""
        while not parser.items:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return None
            chunk = self.link.read_some(remaining, max_n=p.MAX_BODY)
            self.bytes_in += len(chunk)
            parser.items.extend(parser.feed(chunk))
        return parser.items.popleft()

    def _write(self, data: bytes) -> None:
        self.link.write(data)
        self.bytes_out += len(data)
