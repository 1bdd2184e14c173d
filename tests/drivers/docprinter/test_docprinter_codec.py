"""The IPP codec: what it encodes decodes back, and hostile bytes only ever raise IppParseError."""

from __future__ import annotations

import contextlib
import struct

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drivers.docprinter import ipp_codec as ipp
from drivers.docprinter.ipp_codec import Attribute, IppParseError

names = st.text(alphabet="abcdefghijklmnopqrstuvwxyz-", min_size=1, max_size=30)
ints = st.integers(min_value=-(2**31), max_value=2**31 - 1)
texts = st.text(max_size=60).filter(lambda t: len(t.encode()) < 0xFFFF)
attribute = st.one_of(
    st.builds(
        lambda n, v: Attribute(ipp.INTEGER, n, tuple(v)),
        names,
        st.lists(ints, min_size=1, max_size=4),
    ),
    st.builds(
        lambda n, v: Attribute(ipp.ENUM, n, tuple(v)), names, st.lists(ints, min_size=1, max_size=3)
    ),
    st.builds(lambda n, v: Attribute(ipp.BOOLEAN, n, (v,)), names, st.booleans()),
    st.builds(
        lambda n, v: Attribute(ipp.KEYWORD, n, tuple(v)),
        names,
        st.lists(texts, min_size=1, max_size=4),
    ),
    st.builds(lambda n, v: Attribute(ipp.TEXT, n, (v,)), names, texts),
    st.builds(lambda n, v: Attribute(ipp.OCTET_STRING, n, (v,)), names, st.binary(max_size=40)),
    st.builds(lambda n: Attribute(ipp.NO_VALUE, n, (None,)), names),
)
group = st.tuples(
    st.sampled_from([ipp.OPERATION_GROUP, ipp.JOB_GROUP, ipp.PRINTER_GROUP, ipp.UNSUPPORTED_GROUP]),
    st.lists(attribute, max_size=6, unique_by=lambda a: a.name),
)


@given(
    code=st.integers(0, 0xFFFF),
    request_id=st.integers(1, 2**31 - 1),
    groups=st.lists(group, max_size=4),
    data=st.binary(max_size=64),
)
def test_what_is_encoded_decodes_back(
    code: int, request_id: int, groups: list[tuple[int, list[Attribute]]], data: bytes
) -> None:
    message = ipp.decode(ipp.encode(code, request_id, groups, data))
    assert (message.version, message.code, message.request_id, message.data) == (
        (2, 0),
        code,
        request_id,
        data,
    )
    assert [g.tag for g in message.groups] == [tag for tag, _ in groups]
    for decoded, (_, attributes) in zip(message.groups, groups, strict=True):
        assert decoded.attributes == {a.name: a.values for a in attributes}


@settings(max_examples=400)
@given(st.binary(max_size=300))
def test_random_bytes_decode_or_raise_parse_error(data: bytes) -> None:
    with contextlib.suppress(IppParseError):
        ipp.decode(data)


@settings(max_examples=300)
@given(
    groups=st.lists(group, min_size=1, max_size=3),
    cut=st.integers(min_value=0),
    flips=st.lists(st.tuples(st.integers(min_value=0), st.integers(0, 255)), max_size=4),
)
def test_damaged_messages_decode_or_raise_parse_error(
    groups: list[tuple[int, list[Attribute]]], cut: int, flips: list[tuple[int, int]]
) -> None:
    raw = bytearray(ipp.encode(0, 1, groups))
    for at, byte in flips:
        raw[at % len(raw)] = byte
    with contextlib.suppress(IppParseError):
        ipp.decode(bytes(raw[: cut % (len(raw) + 1)]))


def _attr(tag: int, name: bytes, value: bytes) -> bytes:
    return struct.pack(">BH", tag, len(name)) + name + struct.pack(">H", len(value)) + value


def _message(body: bytes) -> bytes:
    return b"\x02\x00\x00\x00\x00\x00\x00\x07" + body + b"\x03"


def test_collections_decode_into_nested_members() -> None:
    body = (
        b"\x04"
        + _attr(ipp.BEGIN_COLLECTION, b"media-col-ready", b"")
        + _attr(ipp.MEMBER_NAME, b"", b"media-size")
        + _attr(ipp.BEGIN_COLLECTION, b"", b"")
        + _attr(ipp.MEMBER_NAME, b"", b"x-dimension")
        + _attr(ipp.INTEGER, b"", struct.pack(">i", 21000))
        + _attr(ipp.END_COLLECTION, b"", b"")
        + _attr(ipp.MEMBER_NAME, b"", b"media-source")
        + _attr(ipp.KEYWORD, b"", b"main")
        + _attr(ipp.END_COLLECTION, b"", b"")
        + _attr(ipp.TEXT_WITH_LANGUAGE, b"printer-info", b"\x00\x02en\x00\x02A4")
    )
    message = ipp.decode(_message(body))
    [col] = message.group(ipp.PRINTER_GROUP)["media-col-ready"]
    assert col == {"media-size": ({"x-dimension": (21000,)},), "media-source": ("main",)}
    assert message.value(ipp.PRINTER_GROUP, "printer-info") == "A4"


def test_collections_nest_only_so_deep() -> None:
    opening = _attr(ipp.MEMBER_NAME, b"", b"m") + _attr(ipp.BEGIN_COLLECTION, b"", b"")
    body = b"\x04" + _attr(ipp.BEGIN_COLLECTION, b"c", b"") + opening * (ipp.MAX_DEPTH + 2)
    with pytest.raises(IppParseError, match="deeper"):
        ipp.decode(_message(body))


@pytest.mark.parametrize(
    "body",
    [
        _attr(ipp.INTEGER, b"x", b"\x00\x01"),  # before any group
        b"\x04" + _attr(ipp.INTEGER, b"x", b"\x00\x01"),  # integer of 2 bytes
        b"\x04" + _attr(ipp.BOOLEAN, b"x", b"\x02"),
        b"\x04" + _attr(ipp.KEYWORD, b"", b"orphan"),  # additional value without attribute
        b"\x04" + _attr(ipp.TEXT, b"x", b"\xff\xfe"),  # not UTF-8
        b"\x04" + _attr(ipp.END_COLLECTION, b"x", b""),
        b"\x04" + _attr(ipp.EXTENSION, b"x", b"\x00\x00\x00\x01"),
        b"\x04\x44\x00\x10ab",  # name longer than what is left
    ],
)
def test_malformed_attributes_are_parse_errors(body: bytes) -> None:
    with pytest.raises(IppParseError):
        ipp.decode(_message(body))


def test_a_message_without_its_end_tag_is_a_parse_error() -> None:
    with pytest.raises(IppParseError, match="ends inside"):
        ipp.decode(_message(b"\x04")[:-1])


def test_requests_begin_with_charset_language_and_target() -> None:
    raw = ipp.request(ipp.GET_PRINTER_ATTRIBUTES, 9, "ipp://127.0.0.1:631/ipp/print")
    message = ipp.decode(raw)
    assert message.code == ipp.GET_PRINTER_ATTRIBUTES and message.request_id == 9
    assert list(message.group(ipp.OPERATION_GROUP)) == [
        "attributes-charset",
        "attributes-natural-language",
        "printer-uri",
    ]


def test_values_that_do_not_fit_their_tag_are_refused() -> None:
    with pytest.raises(ValueError):
        ipp.encode(2, 1, [(ipp.OPERATION_GROUP, [Attribute.of(ipp.INTEGER, "x", "one")])])
    with pytest.raises(ValueError):
        ipp.encode(2, 1, [(ipp.OPERATION_GROUP, [Attribute(ipp.KEYWORD, "x", ())])])
