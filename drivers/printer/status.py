"""ESC/POS real-time status: parse ``DLE EOT n`` replies into one device status.

Pure functions over bytes, so they can be fuzzed. A ``DLE EOT n`` reply is one
byte with the fixed pattern ``0xx1xx10`` (bit 1 and bit 4 set, bits 0 and 7
clear). The meaning of the other bits per ``n``:

    n=1 printer         bit 3 offline
    n=2 offline cause   bit 2 cover open, bit 5 stopped by paper end, bit 6 error
    n=3 error cause     bit 2 recoverable, bit 3 autocutter, bit 5 unrecoverable,
                        bit 6 auto-recoverable (e.g. head too hot)
    n=4 paper sensor    bits 2+3 paper near end, bits 5+6 paper end

A ``GS r 1`` reply (paper sensor, sent in order after preceding data has been
processed) has bit 4 clear; :func:`is_completion_reply` tells the two apart.
:class:`ReplySorter` sorts everything a printer sends back (status replies,
completion replies, ``GS I`` identity blocks, junk) without losing a byte:
one read may carry a status reply and a completion reply together.
"""

from __future__ import annotations

import collections
from dataclasses import dataclass, field

from drivers.base import Actor, DeviceState, DeviceStatus, ProtocolError

DLE_EOT = b"\x10\x04"
STATUS_QUERIES = (1, 2, 3, 4)

# Stable status codes of the printer kind.
PAPER_LOW = "PRINTER_PAPER_LOW"
PAPER_OUT = "PRINTER_PAPER_OUT"
COVER_OPEN = "PRINTER_COVER_OPEN"
OFFLINE = "PRINTER_OFFLINE"
CUTTER_ERROR = "PRINTER_CUTTER_ERROR"
UNRECOVERABLE_ERROR = "PRINTER_UNRECOVERABLE_ERROR"
AUTO_RECOVERABLE_ERROR = "PRINTER_AUTO_RECOVERABLE_ERROR"
RECOVERABLE_ERROR = "PRINTER_RECOVERABLE_ERROR"
BAD_REPLY = "PRINTER_BAD_REPLY"


class StatusReplyError(ProtocolError):
    """A status reply does not follow the ESC/POS pattern."""

    code = BAD_REPLY


def status_query(n: int) -> bytes:
    """The ``DLE EOT n`` request bytes."""
    if n not in STATUS_QUERIES:
        raise ValueError(f"DLE EOT {n} is not a status query this driver uses")
    return DLE_EOT + bytes((n,))


def is_status_reply(byte: int) -> bool:
    """True when ``byte`` has the ``DLE EOT`` reply pattern ``0xx1xx10``."""
    return (byte & 0x93) == 0x12


def is_completion_reply(byte: int) -> bool:
    """True when ``byte`` looks like a ``GS r 1`` reply (bit 4 and bit 7 clear)."""
    return (byte & 0x90) == 0x00


#: ``GS I n`` replies are ``_`` + printable ASCII + NUL.
ID_REPLY_START = 0x5F
_MAX_ID_BYTES = 64


@dataclass(slots=True)
class ReplySorter:
    """Sorts the bytes a printer sends back, as they arrive, into what they answer.

    A ``DLE EOT`` reply is answered on receipt, a ``GS r 1`` reply only once the
    data before it has been printed, so the two can reach the host in one read
    in either order; every byte is accounted for, none is dropped.
    """

    status: collections.deque[int] = field(default_factory=collections.deque)
    completions: int = 0
    ids: collections.deque[str] = field(default_factory=collections.deque)
    junk: int = 0
    _id: bytearray | None = None

    def feed(self, data: bytes) -> None:
        for byte in data:
            if self._id is not None and self._id_byte(byte):
                continue
            if byte == ID_REPLY_START:
                self._id = bytearray()
            elif is_status_reply(byte):
                self.status.append(byte)
            elif is_completion_reply(byte):
                self.completions += 1
            else:
                self.junk += 1

    def _id_byte(self, byte: int) -> bool:
        """Add ``byte`` to the identity block being read; False if it ends it unfinished."""
        assert self._id is not None
        if byte == 0:
            self.ids.append(self._id.decode("ascii"))
            self._id = None
            return True
        if 0x20 <= byte < 0x7F and len(self._id) < _MAX_ID_BYTES:
            self._id.append(byte)
            return True
        # Not an identity block after all: what was taken for one is junk.
        self.junk += 1 + len(self._id)
        self._id = None
        return False

    def take_status(self) -> int | None:
        """The oldest status reply not taken yet, if any."""
        return self.status.popleft() if self.status else None

    def forget_stale(self) -> None:
        """Drop status and identity replies nobody waits for any more (late answers)."""
        self.status.clear()
        self.ids.clear()


def parse_reply(n: int, data: bytes) -> int:
    """Return the status byte of a ``DLE EOT n`` reply; raise StatusReplyError if malformed."""
    if n not in STATUS_QUERIES:
        raise StatusReplyError(f"no status query DLE EOT {n}")
    if len(data) != 1:
        raise StatusReplyError(f"DLE EOT {n}: expected 1 byte, got {len(data)}")
    byte = data[0]
    if not is_status_reply(byte):
        raise StatusReplyError(f"DLE EOT {n}: byte 0x{byte:02x} lacks the 0xx1xx10 pattern")
    return byte


@dataclass(frozen=True, slots=True)
class PrinterCondition:
    """Every flag the four status replies can carry; ``None`` means not asked."""

    offline: bool = False
    cover_open: bool = False
    paper_end_stop: bool = False
    error: bool = False
    recoverable_error: bool = False
    cutter_error: bool = False
    unrecoverable_error: bool = False
    auto_recoverable_error: bool = False
    paper_near_end: bool = False
    paper_end: bool = False

    @property
    def needs_cause(self) -> bool:
        """Whether ``DLE EOT 2`` should be asked (the printer is offline)."""
        return self.offline

    @property
    def needs_error_cause(self) -> bool:
        """Whether ``DLE EOT 3`` should be asked (an error occurred)."""
        return self.error


def condition_from_replies(replies: dict[int, int]) -> PrinterCondition:
    """Decode validated status bytes keyed by ``n`` (missing ``n`` = not asked)."""
    for n, byte in replies.items():
        parse_reply(n, bytes((byte,)))

    def bit(n: int, b: int) -> bool:
        return n in replies and bool(replies[n] & (1 << b))

    return PrinterCondition(
        offline=bit(1, 3),
        cover_open=bit(2, 2),
        paper_end_stop=bit(2, 5),
        error=bit(2, 6),
        recoverable_error=bit(3, 2),
        cutter_error=bit(3, 3),
        unrecoverable_error=bit(3, 5),
        auto_recoverable_error=bit(3, 6),
        paper_near_end=bit(4, 2) and bit(4, 3),
        paper_end=bit(4, 5) and bit(4, 6),
    )


def status_from_condition(c: PrinterCondition) -> DeviceStatus:
    """Map the flags to one device status; the most severe condition wins."""
    if c.unrecoverable_error:
        return DeviceStatus(
            DeviceState.ERROR,
            UNRECOVERABLE_ERROR,
            "printer reports an unrecoverable error; it needs repair",
            Actor.TECHNICIAN,
        )
    if c.cutter_error:
        return DeviceStatus(
            DeviceState.ERROR,
            CUTTER_ERROR,
            "autocutter error: clear the paper jam at the cutter",
            Actor.STAFF,
        )
    if c.cover_open:
        return DeviceStatus(
            DeviceState.COVER_OPEN, COVER_OPEN, "printer cover is open: close it", Actor.STAFF
        )
    if c.paper_end or c.paper_end_stop:
        return DeviceStatus(
            DeviceState.PAPER_OUT, PAPER_OUT, "printer is out of paper: load a roll", Actor.STAFF
        )
    if c.auto_recoverable_error:
        return DeviceStatus(
            DeviceState.ERROR,
            AUTO_RECOVERABLE_ERROR,
            "printer paused itself (e.g. print head too hot); it resumes by itself",
            Actor.AUTOMATIC,
        )
    if c.recoverable_error or c.error:
        return DeviceStatus(
            DeviceState.ERROR,
            RECOVERABLE_ERROR,
            "printer reports an error: check the paper path, then power-cycle it",
            Actor.STAFF,
        )
    if c.offline:
        return DeviceStatus(
            DeviceState.OFFLINE,
            OFFLINE,
            "printer is offline (e.g. the feed button is held)",
            Actor.STAFF,
        )
    if c.paper_near_end:
        return DeviceStatus(
            DeviceState.PAPER_LOW, PAPER_LOW, "paper roll is nearly used up", Actor.STAFF
        )
    return DeviceStatus.online("printer ready")
