"""IPP messages as bytes (RFC 8010): encode requests, decode responses.

Pure functions over bytes, so they can be fuzzed. A message is a version, an
operation id (request) or status code (response), a request id, attribute
groups each opened by a delimiter tag, the end-of-attributes tag, then the
document data. An attribute is a value tag, a 2-byte name length and name, a
2-byte value length and value; further values of the same attribute repeat the
value tag with an empty name. Collections (``begCollection`` … ``endCollection``
with ``memberAttrName`` entries) are decoded into nested dicts.

The decoder trusts nothing: every length is checked against what is left,
collections nest at most :data:`MAX_DEPTH` deep, and anything malformed raises
:class:`IppParseError`. The input itself is bounded by the HTTP byte cap.
"""

from __future__ import annotations

import struct
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Union

from drivers.base import ProtocolError

# ---------------------------------------------------------------- tags (RFC 8010 §3.5)

OPERATION_GROUP = 0x01
JOB_GROUP = 0x02
END_OF_ATTRIBUTES = 0x03
PRINTER_GROUP = 0x04
UNSUPPORTED_GROUP = 0x05

UNSUPPORTED_VALUE = 0x10
UNKNOWN_VALUE = 0x12
NO_VALUE = 0x13
INTEGER = 0x21
BOOLEAN = 0x22
ENUM = 0x23
OCTET_STRING = 0x30
DATE_TIME = 0x31
RESOLUTION = 0x32
RANGE_OF_INTEGER = 0x33
BEGIN_COLLECTION = 0x34
TEXT_WITH_LANGUAGE = 0x35
NAME_WITH_LANGUAGE = 0x36
END_COLLECTION = 0x37
TEXT = 0x41
NAME = 0x42
KEYWORD = 0x44
URI = 0x45
URI_SCHEME = 0x46
CHARSET = 0x47
NATURAL_LANGUAGE = 0x48
MIME_MEDIA_TYPE = 0x49
MEMBER_NAME = 0x4A
EXTENSION = 0x7F

#: Value tags whose value is a string (UTF-8 for text and name, US-ASCII for the rest).
STRING_TAGS = frozenset(
    {TEXT, NAME, KEYWORD, URI, URI_SCHEME, CHARSET, NATURAL_LANGUAGE, MIME_MEDIA_TYPE}
)
OUT_OF_BAND_TAGS = frozenset({UNSUPPORTED_VALUE, UNKNOWN_VALUE, NO_VALUE, 0x15, 0x16, 0x17})

#: Deepest nesting of collections accepted (printers send two or three levels).
MAX_DEPTH = 8

# Operations this driver sends (RFC 8011 §5.4.15).
PRINT_JOB = 0x0002
CANCEL_JOB = 0x0008
GET_JOB_ATTRIBUTES = 0x0009
GET_PRINTER_ATTRIBUTES = 0x000B

IppValue = Union[int, bool, str, bytes, tuple[int, ...], None, "IppCollection"]
IppCollection = dict[str, tuple[IppValue, ...]]


class IppParseError(ProtocolError):
    """Bytes that are not an IPP message."""

    code = "DOCPRINTER_BAD_REPLY"


@dataclass(frozen=True, slots=True)
class Attribute:
    """One attribute to encode: its value tag, name and one or more values."""

    tag: int
    name: str
    values: tuple[IppValue, ...]

    @classmethod
    def of(cls, tag: int, name: str, *values: IppValue) -> Attribute:
        return cls(tag, name, values)


@dataclass(frozen=True, slots=True)
class Group:
    """A decoded attribute group: its delimiter tag and attributes by name."""

    tag: int
    attributes: dict[str, tuple[IppValue, ...]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Message:
    """A decoded IPP message."""

    version: tuple[int, int]
    code: int  # operation id in a request, status code in a response
    request_id: int
    groups: tuple[Group, ...]
    data: bytes = b""

    def group(self, tag: int) -> Mapping[str, tuple[IppValue, ...]]:
        """The attributes of the first group with ``tag`` (empty if none)."""
        for g in self.groups:
            if g.tag == tag:
                return g.attributes
        return {}

    def value(self, tag: int, name: str) -> IppValue:
        """The first value of ``name`` in the first group ``tag``, or None."""
        values = self.group(tag).get(name, ())
        return values[0] if values else None


# ---------------------------------------------------------------- encoding


def _value_bytes(tag: int, value: IppValue) -> bytes:
    if tag in OUT_OF_BAND_TAGS:
        return b""
    if tag in (INTEGER, ENUM) and isinstance(value, int) and not isinstance(value, bool):
        return struct.pack(">i", value)
    if tag == BOOLEAN and isinstance(value, bool):
        return b"\x01" if value else b"\x00"
    if tag in STRING_TAGS and isinstance(value, str):
        return value.encode("utf-8")
    if tag == OCTET_STRING and isinstance(value, bytes):
        return value
    raise ValueError(f"cannot encode {value!r} with value tag 0x{tag:02x}")


def _attribute_bytes(attribute: Attribute) -> bytes:
    if not attribute.values:
        raise ValueError(f"attribute {attribute.name!r} has no value")
    out = bytearray()
    name = attribute.name.encode("ascii")
    for i, value in enumerate(attribute.values):
        raw = _value_bytes(attribute.tag, value)
        label = name if i == 0 else b""
        if len(label) > 0xFFFF or len(raw) > 0xFFFF:
            raise ValueError(f"attribute {attribute.name!r} is too long for IPP")
        out += struct.pack(">BH", attribute.tag, len(label)) + label
        out += struct.pack(">H", len(raw)) + raw
    return bytes(out)


def encode(
    code: int,
    request_id: int,
    groups: Iterable[tuple[int, Iterable[Attribute]]],
    data: bytes = b"",
    version: tuple[int, int] = (2, 0),
) -> bytes:
    """One IPP message: ``groups`` are (delimiter tag, attributes) in order."""
    out = bytearray(struct.pack(">BBHi", version[0], version[1], code, request_id))
    for tag, attributes in groups:
        out.append(tag)
        for attribute in attributes:
            out += _attribute_bytes(attribute)
    out.append(END_OF_ATTRIBUTES)
    return bytes(out) + data


def request(
    operation: int,
    request_id: int,
    target_uri: str,
    *,
    target: str = "printer-uri",
    operation_attributes: Iterable[Attribute] = (),
    data: bytes = b"",
) -> bytes:
    """A request with the three attributes every operation begins with (RFC 8011 §4.1.4)."""
    head = [
        Attribute.of(CHARSET, "attributes-charset", "utf-8"),
        Attribute.of(NATURAL_LANGUAGE, "attributes-natural-language", "en"),
        Attribute.of(URI, target, target_uri),
    ]
    return encode(operation, request_id, [(OPERATION_GROUP, [*head, *operation_attributes])], data)


# ---------------------------------------------------------------- decoding


class _Reader:
    def __init__(self, data: bytes) -> None:
        self.data = data
        self.pos = 0

    def take(self, n: int, what: str) -> bytes:
        if n > len(self.data) - self.pos:
            raise IppParseError(f"message ends inside {what}")
        chunk = self.data[self.pos : self.pos + n]
        self.pos += n
        return chunk

    def u8(self, what: str) -> int:
        return self.take(1, what)[0]

    def u16(self, what: str) -> int:
        return int.from_bytes(self.take(2, what), "big")


def _decode_value(tag: int, raw: bytes) -> IppValue:
    if tag in OUT_OF_BAND_TAGS:
        return None
    if tag in (INTEGER, ENUM):
        if len(raw) != 4:
            raise IppParseError(f"integer value of {len(raw)} bytes")
        return int(struct.unpack(">i", raw)[0])
    if tag == BOOLEAN:
        if len(raw) != 1 or raw[0] > 1:
            raise IppParseError("boolean value is not one byte 0 or 1")
        return raw[0] == 1
    if tag in STRING_TAGS or tag == MEMBER_NAME:
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise IppParseError("string value is not UTF-8") from exc
    if tag in (TEXT_WITH_LANGUAGE, NAME_WITH_LANGUAGE):
        inner = _Reader(raw)
        inner.take(inner.u16("language length"), "language")
        text = inner.take(inner.u16("text length"), "text")
        if inner.pos != len(raw):
            raise IppParseError("bytes after a text-with-language value")
        try:
            return text.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise IppParseError("text value is not UTF-8") from exc
    if tag == RESOLUTION:
        if len(raw) != 9:
            raise IppParseError("resolution value is not 9 bytes")
        return tuple(struct.unpack(">iiB", raw))
    if tag == RANGE_OF_INTEGER:
        if len(raw) != 8:
            raise IppParseError("rangeOfInteger value is not 8 bytes")
        return tuple(struct.unpack(">ii", raw))
    if tag == DATE_TIME:
        if len(raw) != 11:
            raise IppParseError("dateTime value is not 11 bytes")
        return raw
    # octetString and tags this driver never reads: kept as bytes.
    return raw


def _read_attribute(reader: _Reader, tag: int) -> tuple[str, bytes]:
    """Name and raw value of the attribute whose value tag ``tag`` was just read."""
    if tag == EXTENSION:
        raise IppParseError("extension value tags are not supported")
    name = reader.take(reader.u16("name length"), "name")
    raw = reader.take(reader.u16("value length"), "value")
    try:
        text = name.decode("ascii")
    except UnicodeDecodeError as exc:
        raise IppParseError("attribute name is not ASCII") from exc
    return text, raw


def _read_collection(reader: _Reader, depth: int) -> IppCollection:
    """Members up to the matching endCollection; ``begCollection`` was read already."""
    if depth > MAX_DEPTH:
        raise IppParseError(f"collections nested deeper than {MAX_DEPTH}")
    members: dict[str, list[IppValue]] = {}
    current: str | None = None
    while True:
        tag = reader.u8("collection")
        if tag <= 0x0F:
            raise IppParseError("attribute group ends inside a collection")
        name, raw = _read_attribute(reader, tag)
        if name:
            raise IppParseError("a collection member carries a name outside memberAttrName")
        if tag == END_COLLECTION:
            return {k: tuple(v) for k, v in members.items()}
        if tag == MEMBER_NAME:
            member = _decode_value(MEMBER_NAME, raw)
            assert isinstance(member, str)
            if not member:
                raise IppParseError("empty memberAttrName")
            current = member
            members.setdefault(current, [])
            continue
        if current is None:
            raise IppParseError("a collection value without memberAttrName")
        if tag == BEGIN_COLLECTION:
            members[current].append(_read_collection(reader, depth + 1))
        else:
            members[current].append(_decode_value(tag, raw))


def decode(data: bytes) -> Message:
    """Parse one IPP message; raise IppParseError if it is not one."""
    reader = _Reader(data)
    major, minor = reader.u8("version"), reader.u8("version")
    code = reader.u16("status code")
    request_id = int.from_bytes(reader.take(4, "request id"), "big", signed=True)
    groups: list[Group] = []
    attrs: dict[str, list[IppValue]] | None = None
    group_tag = 0
    last: str | None = None

    def close_group() -> None:
        if attrs is not None:
            groups.append(Group(group_tag, {k: tuple(v) for k, v in attrs.items()}))

    while True:
        tag = reader.u8("attributes")
        if tag == END_OF_ATTRIBUTES:
            close_group()
            return Message((major, minor), code, request_id, tuple(groups), data[reader.pos :])
        if tag <= 0x0F:
            close_group()
            group_tag, attrs, last = tag, {}, None
            continue
        if attrs is None:
            raise IppParseError("attribute before the first group delimiter")
        name, raw = _read_attribute(reader, tag)
        if tag in (END_COLLECTION, MEMBER_NAME):
            raise IppParseError(f"value tag 0x{tag:02x} outside a collection")
        if name:
            last = name
            attrs[name] = []
        elif last is None:
            raise IppParseError("additional value without an attribute")
        value = _read_collection(reader, 1) if tag == BEGIN_COLLECTION else _decode_value(tag, raw)
        attrs[last].append(value)
