"""SAM (SAM_A / SAM_V) serial frame protocol of second-generation ID card readers.

Pure functions over bytes, no I/O, so the parser can be fuzzed and the
simulator can reuse the same code to build its answers::

    request : AA AA AA 96 69 | LEN_H LEN_L | CMD | PARA | [DATA] | CHK
    response: AA AA AA 96 69 | LEN_H LEN_L | SW1 | SW2 | SW3 | [DATA] | CHK

LEN (big-endian) counts the bytes after itself, CHK included; CHK is the XOR
of every byte from LEN_H to the last data byte.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from typing import NamedTuple

from drivers.base import DeviceError, ProtocolError

PREAMBLE = b"\xaa\xaa\xaa\x96\x69"
HEADER_SIZE = len(PREAMBLE) + 2
#: Largest LEN a reader sends (text + photo + fingerprint is 0x090A).
MAX_BODY = 0x0A00
TEXT_SIZE = 256
PHOTO_SIZE = 1024
FINGERPRINT_MAX = 1024


class Command(NamedTuple):
    cmd: int
    para: int
    name: str


RESET_SAM = Command(0x10, 0xFF, "reset SAM")
SAM_STATUS = Command(0x11, 0xFF, "SAM status")
SAM_ID = Command(0x12, 0xFF, "read SAM id")
FIND_CARD = Command(0x20, 0x01, "find card")
SELECT_CARD = Command(0x20, 0x02, "select card")
READ_TEXT_PHOTO = Command(0x30, 0x01, "read text and photo")
READ_WITH_FINGERPRINT = Command(0x30, 0x10, "read text, photo and fingerprint")
SET_MAX_RF_BYTES = Command(0x61, 0xFF, "set max RF bytes")

COMMANDS = {
    (c.cmd, c.para): c
    for c in (
        RESET_SAM,
        SAM_STATUS,
        SAM_ID,
        FIND_CARD,
        SELECT_CARD,
        READ_TEXT_PHOTO,
        READ_WITH_FINGERPRINT,
        SET_MAX_RF_BYTES,
    )
}

# SW3 values (SW1 = SW2 = 00 on the wire).
SW_OK = 0x90
SW_NO_SUCH_ITEM = 0x91
SW_CARD_FOUND = 0x9F
SW_REQUEST_CHECKSUM = 0x10
SW_REQUEST_LENGTH = 0x11
SW_BAD_COMMAND = 0x21
SW_READ_FAILED = 0x41
SW_SAM_SELF_TEST_FAILED = 0x60
SW_SAM_NOT_AUTHORISED = 0x66
SW_NO_CARD = 0x80
SW_SELECT_FAILED = 0x81

#: SW3 → (stable name, meaning).
STATUS_WORDS: dict[int, tuple[str, str]] = {
    0x90: ("OK", "success"),
    0x91: ("NO_SUCH_ITEM", "the card holds no such item"),
    0x9F: ("CARD_FOUND", "card found"),
    0x10: ("REQUEST_CHECKSUM", "the reader got a request with a bad checksum"),
    0x11: ("REQUEST_LENGTH", "the reader got a request with a bad length"),
    0x21: ("BAD_COMMAND", "bad command or parameter"),
    0x23: ("NOT_PERMITTED", "operation not permitted"),
    0x24: ("UNKNOWN_ERROR", "unknown error"),
    0x31: ("CARD_AUTH_SAM_FAILED", "the card failed to authenticate the SAM"),
    0x32: ("SAM_AUTH_CARD_FAILED", "the SAM failed to authenticate the card"),
    0x33: ("INFO_VERIFY_FAILED", "information verification failed"),
    0x37: ("FINGERPRINT_VERIFY_FAILED", "fingerprint information verification failed"),
    0x3F: ("INFO_LENGTH_ERROR", "information length error"),
    0x40: ("UNKNOWN_CARD_TYPE", "unknown card type"),
    0x41: ("READ_FAILED", "reading the card failed"),
    0x47: ("RANDOM_FAILED", "getting a random number failed"),
    0x60: ("SELF_TEST_FAILED", "SAM self-test failed"),
    0x66: ("NOT_AUTHORISED", "SAM not authorised"),
    0x80: ("NO_CARD", "no card found"),
    0x81: ("SELECT_FAILED", "selecting the card failed"),
}


# ---------------------------------------------------------------- errors


class SamProtocolError(ProtocolError):
    """Bytes from the reader do not follow the SAM protocol."""


class SamChecksumError(SamProtocolError):
    code = "CHECKSUM_ERROR"


class SamStatusError(DeviceError):
    """The reader answered with a failure status word."""

    def __init__(self, command: Command, sw3: int) -> None:
        name, meaning = STATUS_WORDS.get(sw3, (f"SW_{sw3:02X}", "unknown status"))
        super().__init__(f"{command.name}: {meaning} (SW3={sw3:02X})", code=f"SAM_{name}")
        self.command = command
        self.sw3 = sw3


# ---------------------------------------------------------------- building


def checksum(body: bytes) -> int:
    """XOR of ``body`` (LEN_H through the last data byte)."""
    value = 0
    for byte in body:
        value ^= byte
    return value


def encode_frame(payload: bytes) -> bytes:
    """Wrap ``payload`` (CMD PARA DATA or SW1 SW2 SW3 DATA) in preamble, LEN and CHK."""
    length = len(payload) + 1
    if length > 0xFFFF:
        raise ValueError("payload too long for a SAM frame")
    body = struct.pack(">H", length) + payload
    return PREAMBLE + body + bytes([checksum(body)])


def encode_request(command: Command, data: bytes = b"") -> bytes:
    return encode_frame(bytes([command.cmd, command.para]) + data)


def encode_response(sw3: int, data: bytes = b"", sw1: int = 0, sw2: int = 0) -> bytes:
    return encode_frame(bytes([sw1, sw2, sw3]) + data)


# ---------------------------------------------------------------- parsing


@dataclass(frozen=True, slots=True)
class Frame:
    """A well-formed frame; ``payload`` is everything between LEN and CHK."""

    payload: bytes

    @property
    def size(self) -> int:
        return HEADER_SIZE + len(self.payload) + 1


@dataclass(frozen=True, slots=True)
class BadFrame:
    """Something that started like a frame but was not one (bad length or checksum)."""

    reason: str


class FrameParser:
    """Incremental frame parser that resynchronises on the preamble after garbage.

    ``feed`` never raises: malformed frames come back as :class:`BadFrame` and
    bytes before a preamble are counted in :attr:`garbage`.
    """

    def __init__(self, *, min_payload: int = 2, max_payload: int = MAX_BODY) -> None:
        self._buf = bytearray()
        self._min = min_payload
        self._max = max_payload
        self.garbage = 0

    def feed(self, data: bytes) -> list[Frame | BadFrame]:
        self._buf += data
        out: list[Frame | BadFrame] = []
        buf = self._buf
        while True:
            start = buf.find(PREAMBLE)
            if start < 0:
                # Keep a tail that may be the start of a preamble split across reads.
                keep = _preamble_prefix_len(buf)
                self.garbage += len(buf) - keep
                del buf[: len(buf) - keep]
                break
            if start:
                self.garbage += start
                del buf[:start]
            if len(buf) < HEADER_SIZE:
                break
            length = (buf[5] << 8) | buf[6]
            if not self._min + 1 <= length <= self._max + 1:
                out.append(BadFrame(f"implausible length {length}"))
                self.garbage += 1
                del buf[:1]
                continue
            total = HEADER_SIZE + length
            if len(buf) < total:
                break
            body = bytes(buf[5 : total - 1])
            if checksum(body) != buf[total - 1]:
                out.append(BadFrame("checksum mismatch"))
                # Drop one byte only: the "frame" may have been garbage hiding a real one.
                self.garbage += 1
                del buf[:1]
                continue
            out.append(Frame(body[2:]))
            del buf[:total]
        return out

    def needed(self) -> int:
        """How many more bytes complete the header or frame in progress (at least 1)."""
        buf = self._buf
        if len(buf) < HEADER_SIZE or not buf.startswith(PREAMBLE):
            return max(1, HEADER_SIZE - len(buf))
        length = (buf[5] << 8) | buf[6]
        return max(1, HEADER_SIZE + length - len(buf))

    def reset(self) -> None:
        self._buf.clear()


def _preamble_prefix_len(buf: bytearray) -> int:
    for k in range(min(len(PREAMBLE) - 1, len(buf)), 0, -1):
        if buf.endswith(PREAMBLE[:k]):
            return k
    return 0


def _payload(frame: Frame, least: int, what: str) -> bytes:
    """The frame's payload, refused when shorter than a ``what`` can be."""
    p = frame.payload
    if len(p) < least:
        raise SamProtocolError(f"{what} too short ({len(p)} bytes)")
    return p


@dataclass(frozen=True, slots=True)
class Response:
    sw1: int
    sw2: int
    sw3: int
    data: bytes

    @classmethod
    def from_frame(cls, frame: Frame) -> Response:
        p = _payload(frame, 3, "response")
        return cls(p[0], p[1], p[2], p[3:])


@dataclass(frozen=True, slots=True)
class Request:
    command: Command | None
    cmd: int
    para: int
    data: bytes

    @classmethod
    def from_frame(cls, frame: Frame) -> Request:
        p = _payload(frame, 2, "request")
        return cls(COMMANDS.get((p[0], p[1])), p[0], p[1], p[2:])


@dataclass(frozen=True, slots=True)
class CardBlocks:
    """The raw blocks of a read: text (256 B), photo (WLT) and fingerprint (may be empty)."""

    text: bytes
    photo: bytes
    fingerprint: bytes


def parse_read_data(data: bytes, *, with_fingerprint: bool) -> CardBlocks:
    """Split the data of a 30 01 / 30 10 response into its blocks."""
    n_lengths = 3 if with_fingerprint else 2
    head = 2 * n_lengths
    if len(data) < head:
        raise SamProtocolError(f"read response too short ({len(data)} bytes)")
    lengths = struct.unpack(f">{n_lengths}H", data[:head])
    text_len, photo_len = lengths[0], lengths[1]
    fp_len = lengths[2] if with_fingerprint else 0
    if text_len != TEXT_SIZE:
        raise SamProtocolError(f"text block length {text_len}, expected {TEXT_SIZE}")
    if photo_len > PHOTO_SIZE or fp_len > FINGERPRINT_MAX:
        raise SamProtocolError(f"implausible block lengths {photo_len}/{fp_len}")
    end = head + text_len + photo_len + fp_len
    if len(data) < end:
        raise SamProtocolError(f"read response holds {len(data)} bytes, lengths say {end}")
    text = data[head : head + text_len]
    photo = data[head + text_len : head + text_len + photo_len]
    fingerprint = data[head + text_len + photo_len : end]
    return CardBlocks(text, photo, fingerprint)


def encode_read_data(text: bytes, photo: bytes, fingerprint: bytes | None) -> bytes:
    """Inverse of :func:`parse_read_data` (``None`` fingerprint = a 30 01 answer)."""
    if fingerprint is None:
        return struct.pack(">HH", len(text), len(photo)) + text + photo
    return struct.pack(">HHH", len(text), len(photo), len(fingerprint)) + text + photo + fingerprint


def format_sam_id(data: bytes) -> str:
    """Format the 16-byte SAM id the way vendor tools print it (05.01-20101216-…)."""
    if len(data) < 16:
        raise SamProtocolError(f"SAM id has {len(data)} bytes, expected 16")
    h1, h2, d1, d2, d3 = struct.unpack("<HHIII", data[:16])
    return f"{h1:02d}.{h2:02d}-{d1:08d}-{d2:010d}-{d3:010d}"
