"""Transaction ids: UUIDv7 (RFC 9562), time-ordered so the platform's index stays compact."""

from __future__ import annotations

import os
import time
import uuid

_MS_MASK = (1 << 48) - 1
_RAND_B_MASK = (1 << 62) - 1


def _uuid7_int() -> int:
    """48-bit Unix milliseconds, version 7, 12 random bits, variant 10, 62 random bits."""
    ms = time.time_ns() // 1_000_000
    rand = int.from_bytes(os.urandom(10), "big")
    rand_a = (rand >> 62) & 0xFFF
    return (ms & _MS_MASK) << 80 | 0x7 << 76 | rand_a << 64 | 0b10 << 62 | (rand & _RAND_B_MASK)


def uuid7() -> uuid.UUID:
    """Return a new UUID version 7."""
    return uuid.UUID(int=_uuid7_int())


def uuid7_str() -> str:
    """A new UUID version 7 in canonical text form, without a UUID object (submit's hot path)."""
    h = f"{_uuid7_int():032x}"
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def is_uuid(text: str) -> bool:
    """True when ``text`` is a UUID in canonical lower-case hyphenated form."""
    try:
        return str(uuid.UUID(text)) == text
    except (ValueError, TypeError, AttributeError):
        return False
