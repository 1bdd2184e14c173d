"""Serial frame protocol of the card store/dispenser, in the style of CRT-/K7xx-type modules.

Pure functions over bytes, no I/O, so the parser can be fuzzed and the simulator builds
its answers with the same code.

Command (host → device) and reply (device → host) frames::

    STX | LEN_H LEN_L | TAG | CMD | PM | [DATA …] | ETX | BCC

    STX  0x02            start of text
    LEN  big-endian      bytes from TAG to the last DATA byte (3 .. MAX_BODY)
    TAG  'C' 0x43        a command
         'P' 0x50        a positive reply; DATA starts with ST0 ST1 ST2
         'N' 0x4E        a negative reply; DATA starts with E1 E0 (two ASCII digits)
    CMD  command byte    echoed in the reply
    PM   parameter byte  echoed in the reply
    ETX  0x03            end of text
    BCC  XOR of every byte from STX to ETX

Every command frame is answered by one control byte first: ACK (0x06) when it arrived
whole, NAK (0x15) when its BCC or length was wrong (the host sends it again). The reply
frame follows the ACK once the command has been carried out; a move answers only when
the card has arrived (or stuck).

Status bytes of a positive reply::

    ST0  bit0 card at the exit gate (gate sensor)   bit1 card in the transport path
         bit2 jam                                   bit3 capture bin full
    ST1  number of slots
    ST2  cards in the capture bin (saturates at 255)

Commands:

    0x30 'INIT'      PM 0x30      reset the mechanism; a card in the path goes to the bin
    0x31 'STATUS'    PM 0x30      status only;  PM 0x31: status + slot bitmap
    0x32 'TO_GATE'   PM = slot    move the slot's card to the exit gate
    0x33 'CAPTURE'   PM 0x30      pull the card at the gate into the capture bin
    0x34 'UNLOCK'    PM = slot    open the slot's door and light it for loading
    0x35 'VERSION'   PM 0x30      DATA after the status: ASCII "model;serial;firmware"

The slot bitmap (after ST2) holds ceil(slots / 8) bytes, slot 1 in bit 0 of the first.
Error codes of a negative reply: see :data:`ERRORS`.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

STX, ETX, ACK, NAK = 0x02, 0x03, 0x06, 0x15
TAG_COMMAND, TAG_POSITIVE, TAG_NEGATIVE = 0x43, 0x50, 0x4E
#: Largest LEN either side sends (status + a 255-slot bitmap + version text fits well).
MAX_BODY = 512
MIN_BODY = 3
HEADER_SIZE = 3  # STX + LEN
TRAILER_SIZE = 2  # ETX + BCC


class Cmd(enum.IntEnum):
    INIT = 0x30
    STATUS = 0x31
    TO_GATE = 0x32
    CAPTURE = 0x33
    UNLOCK = 0x34
    VERSION = 0x35


PM_DEFAULT = 0x30
PM_WITH_SLOTS = 0x31

# ST0 bits.
GATE_CARD = 0x01
PATH_CARD = 0x02
JAM = 0x04
BIN_FULL = 0x08

#: Negative reply codes (E1 E0 as two ASCII digits) → (status code, meaning).
ERRORS: dict[str, tuple[str, str]] = {
    "00": ("DISPENSER_BAD_COMMAND", "unknown command or parameter"),
    "01": ("DISPENSER_JAM", "card jammed between slot and gate"),
    "02": ("DISPENSER_EMPTY", "no card in the slot"),
    "03": ("DISPENSER_GATE_BLOCKED", "something sits in the exit gate"),
    "04": ("DISPENSER_BIN_FULL", "capture bin full"),
    "05": ("DISPENSER_NO_CARD_AT_GATE", "no card at the gate to capture"),
    "06": ("DISPENSER_BAD_SLOT", "no such slot"),
    "09": ("DISPENSER_HARDWARE", "mechanism fault"),
}
E_BAD_COMMAND, E_JAM, E_EMPTY, E_GATE_BLOCKED, E_BIN_FULL, E_NO_CARD, E_BAD_SLOT = (
    "00",
    "01",
    "02",
    "03",
    "04",
    "05",
    "06",
)


class FrameError(ValueError):
    """Bytes that are not a well-formed frame, or a frame whose contents make no sense."""


# ---------------------------------------------------------------- building


def bcc(data: bytes) -> int:
    value = 0
    for byte in data:
        value ^= byte
    return value


def encode_frame(tag: int, cmd: int, pm: int, data: bytes = b"") -> bytes:
    body = bytes([tag, cmd, pm]) + data
    if len(body) > MAX_BODY:
        raise ValueError("frame body too long")
    head = bytes([STX, len(body) >> 8, len(body) & 0xFF]) + body + bytes([ETX])
    return head + bytes([bcc(head)])


def encode_command(cmd: Cmd, pm: int = PM_DEFAULT, data: bytes = b"") -> bytes:
    return encode_frame(TAG_COMMAND, cmd, pm, data)


@dataclass(frozen=True, slots=True)
class Status:
    """ST0..ST2 and, when asked for, the slot bitmap."""

    gate_card: bool = False
    path_card: bool = False
    jam: bool = False
    bin_full: bool = False
    slots: int = 0
    bin_count: int = 0
    occupied: tuple[bool, ...] = ()

    def encode(self, with_slots: bool = False) -> bytes:
        st0 = (
            (GATE_CARD if self.gate_card else 0)
            | (PATH_CARD if self.path_card else 0)
            | (JAM if self.jam else 0)
            | (BIN_FULL if self.bin_full else 0)
        )
        out = bytes([st0, self.slots & 0xFF, min(self.bin_count, 255)])
        if with_slots:
            bitmap = bytearray((self.slots + 7) // 8)
            for i, full in enumerate(self.occupied[: self.slots]):
                if full:
                    bitmap[i // 8] |= 1 << (i % 8)
            out += bytes(bitmap)
        return out


def encode_positive(cmd: int, pm: int, status: Status, extra: bytes = b"") -> bytes:
    return encode_frame(TAG_POSITIVE, cmd, pm, status.encode(pm == PM_WITH_SLOTS) + extra)


def encode_negative(cmd: int, pm: int, error: str) -> bytes:
    return encode_frame(TAG_NEGATIVE, cmd, pm, error.encode("ascii"))


# ---------------------------------------------------------------- parsing


@dataclass(frozen=True, slots=True)
class Frame:
    tag: int
    cmd: int
    pm: int
    data: bytes

    @property
    def size(self) -> int:
        return HEADER_SIZE + 3 + len(self.data) + TRAILER_SIZE


def decode_frame(raw: bytes) -> Frame:
    """Exactly one frame, or FrameError saying what is wrong with it."""
    if len(raw) < HEADER_SIZE + MIN_BODY + TRAILER_SIZE:
        raise FrameError(f"frame too short ({len(raw)} bytes)")
    if raw[0] != STX:
        raise FrameError("frame does not start with STX")
    length = (raw[1] << 8) | raw[2]
    if not MIN_BODY <= length <= MAX_BODY:
        raise FrameError(f"implausible length {length}")
    total = HEADER_SIZE + length + TRAILER_SIZE
    if len(raw) != total:
        raise FrameError(f"frame holds {len(raw)} bytes, its length says {total}")
    if raw[total - 2] != ETX:
        raise FrameError("no ETX where the length says")
    if bcc(raw[: total - 1]) != raw[total - 1]:
        raise FrameError("BCC mismatch")
    return Frame(raw[3], raw[4], raw[5], bytes(raw[6 : total - 2]))


class Control(enum.Enum):
    ACK = ACK
    NAK = NAK


@dataclass(frozen=True, slots=True)
class BadFrame:
    """Something that began like a frame but was not one; the parser skipped one byte."""

    reason: str


class FrameParser:
    """Incremental: bytes in, frames and ACK/NAK out; resynchronises on STX after garbage.

    ``feed`` never raises; a frame that fails its checks comes back as :class:`BadFrame`
    (the peer answers it with NAK), other stray bytes are counted in :attr:`garbage`.
    """

    def __init__(self) -> None:
        self._buf = bytearray()
        self.garbage = 0

    def feed(self, data: bytes) -> list[Frame | Control | BadFrame]:
        self._buf += data
        buf = self._buf
        out: list[Frame | Control | BadFrame] = []
        while buf:
            first = buf[0]
            if first in (ACK, NAK):
                out.append(Control(first))
                del buf[:1]
                continue
            if first != STX:
                self.garbage += 1
                del buf[:1]
                continue
            if len(buf) < HEADER_SIZE:
                break
            length = (buf[1] << 8) | buf[2]
            if not MIN_BODY <= length <= MAX_BODY:
                out.append(BadFrame(f"implausible length {length}"))
                self.garbage += 1
                del buf[:1]
                continue
            total = HEADER_SIZE + length + TRAILER_SIZE
            if len(buf) < total:
                break
            try:
                out.append(decode_frame(bytes(buf[:total])))
            except FrameError as exc:
                # Drop one byte only: the "frame" may have been noise hiding a real one.
                out.append(BadFrame(str(exc)))
                self.garbage += 1
                del buf[:1]
                continue
            del buf[:total]
        return out

    def reset(self) -> None:
        self._buf.clear()


# ---------------------------------------------------------------- replies


@dataclass(frozen=True, slots=True)
class Reply:
    """A decoded reply: positive with its status (and extra data), or negative with its error."""

    cmd: int
    pm: int
    positive: bool
    status: Status | None = None
    error: str = ""
    extra: bytes = b""

    @property
    def error_code(self) -> str:
        return ERRORS.get(self.error, ("DISPENSER_ERROR", ""))[0]

    @property
    def error_text(self) -> str:
        return ERRORS.get(self.error, ("", f"device error {self.error!r}"))[1]


def decode_reply(frame: Frame) -> Reply:
    """The meaning of a reply frame, or FrameError when it cannot be one."""
    if frame.tag == TAG_NEGATIVE:
        code = frame.data[:2]
        if len(code) != 2 or not all(0x30 <= b <= 0x39 for b in code):
            raise FrameError("negative reply without a two-digit error code")
        return Reply(frame.cmd, frame.pm, False, error=code.decode("ascii"))
    if frame.tag != TAG_POSITIVE:
        raise FrameError(f"not a reply (tag 0x{frame.tag:02X})")
    data = frame.data
    if len(data) < 3:
        raise FrameError("positive reply without its three status bytes")
    st0, slots, bin_count = data[0], data[1], data[2]
    rest = data[3:]
    occupied: tuple[bool, ...] = ()
    if frame.pm == PM_WITH_SLOTS and frame.cmd == Cmd.STATUS:
        n = (slots + 7) // 8
        if len(rest) < n:
            raise FrameError(f"slot bitmap holds {len(rest)} bytes, {slots} slots need {n}")
        bitmap, rest = rest[:n], rest[n:]
        occupied = tuple(bool(bitmap[i // 8] >> (i % 8) & 1) for i in range(slots))
    status = Status(
        gate_card=bool(st0 & GATE_CARD),
        path_card=bool(st0 & PATH_CARD),
        jam=bool(st0 & JAM),
        bin_full=bool(st0 & BIN_FULL),
        slots=slots,
        bin_count=bin_count,
        occupied=occupied,
    )
    return Reply(frame.cmd, frame.pm, True, status=status, extra=bytes(rest))


def decode_command(frame: Frame) -> tuple[Cmd | None, int, bytes]:
    """What a command frame asks (``None`` for an unknown command byte)."""
    if frame.tag != TAG_COMMAND:
        raise FrameError(f"not a command (tag 0x{frame.tag:02X})")
    try:
        cmd: Cmd | None = Cmd(frame.cmd)
    except ValueError:
        cmd = None
    return cmd, frame.pm, frame.data


def parse_version(extra: bytes) -> tuple[str, str, str]:
    """model, serial, firmware from a VERSION reply's text (missing parts are empty)."""
    text = extra.decode("ascii", errors="replace")
    parts = [*text.split(";")[:3], "", "", ""]
    return parts[0], parts[1], parts[2]
