"""The serial command set of GM65/GM861-family scan engines (``7E 00 …`` frames).

Command: ``7E 00 | type len addr_H addr_L data… | CRC_H CRC_L`` with
CRC-CCITT (XModem) over type…data. Reply: ``02 00 00 len data… CRC_H CRC_L``.
"""

from __future__ import annotations

import binascii

HEAD = b"\x7e\x00"
REPLY_HEAD = b"\x02\x00\x00"
WRITE, READ, SAVE = 0x08, 0x07, 0x09
ADDR_FLAGS = 0x0000
ADDR_TRIGGER = 0x0002


def crc(body: bytes) -> bytes:
    return binascii.crc_hqx(body, 0).to_bytes(2, "big")


def command(kind: int, address: int, data: bytes) -> bytes:
    body = bytes([kind, len(data)]) + address.to_bytes(2, "big") + data
    return HEAD + body + crc(body)


TRIGGER = command(WRITE, ADDR_TRIGGER, b"\x01")
STOP = command(WRITE, ADDR_TRIGGER, b"\x00")
QUERY_FLAGS = command(READ, ADDR_FLAGS, b"\x01")
SAVE_SETTINGS = command(SAVE, 0x0000, b"\x00")


def reply(data: bytes) -> bytes:
    body = b"\x00\x00" + bytes([len(data)]) + data
    return b"\x02" + body + crc(body)


def _frame_end(buf: bytes, head: bytes, fixed: int) -> int | None:
    """End of the frame at the start of ``buf`` (``fixed`` bytes with the data length
    at [3], the data, two check bytes); 0 while incomplete, None if none starts there.
    """
    if not buf.startswith(head[: len(buf)]):
        return None
    if len(buf) < fixed:
        return 0
    total = fixed + buf[3] + 2
    return total if len(buf) >= total else 0


def parse_reply(buf: bytes) -> tuple[bytes | None, int]:
    """(data, bytes used) for a complete valid reply at the start of ``buf``;
    (None, 0) if incomplete; (None, n) to skip n bytes that are not a reply."""
    total = _frame_end(buf, REPLY_HEAD, 4)
    if not total:
        return None, 0 if total == 0 else 1
    n = buf[3]
    if crc(buf[1 : 4 + n]) != buf[4 + n : total]:
        return None, 1
    return bytes(buf[4 : 4 + n]), total


def parse_command(buf: bytes) -> tuple[tuple[int, int, bytes] | None, int]:
    """(kind, address, data) of a command at the start of ``buf`` (for the simulator)."""
    total = _frame_end(buf, HEAD, 6)
    if not total:
        return None, 0 if total == 0 else 1
    n = buf[3]
    body = bytes(buf[2 : 6 + n])
    # "AB CD" instead of a CRC means "do not check" to these engines.
    if buf[6 + n : total] not in (crc(body), b"\xab\xcd"):
        return None, 1
    return (body[0], int.from_bytes(body[2:4], "big"), body[4:]), total
