"""Transaction ids: UUIDv7 (RFC 9562), time-ordered so the platform's index stays compact."""

from __future__ import annotations

import os
import time
import uuid

_MS_MASK = (1 << 48) - 1
_RAND_B_MASK = (1 << 62) - 1


def uuid7() -> uuid.UUID:
    """Return a new UUID version 7: 48-bit Unix milliseconds, then 74 random bits."""
    ms = time.time_ns() // 1_000_000
    rand = int.from_bytes(os.urandom(10), "big")
    rand_a = (rand >> 62) & 0xFFF
    value = (ms & _MS_MASK) << 80 | 0x7 << 76 | rand_a << 64 | 0b10 << 62 | (rand & _RAND_B_MASK)
    return uuid.UUID(int=value)


def is_uuid(text: str) -> bool:
    """True when ``text`` is a UUID in canonical lower-case hyphenated form."""
    try:
        return str(uuid.UUID(text)) == text
    except (ValueError, TypeError, AttributeError):
        return False
