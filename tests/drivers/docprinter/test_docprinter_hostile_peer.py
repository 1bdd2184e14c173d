"""The IPP client against a hostile peer on loopback: every answer is bounded and typed."""

from __future__ import annotations

import struct
from collections.abc import Iterator

import pytest

from drivers.base import DeviceError, DeviceState
from drivers.docprinter import ipp_codec as ipp
from drivers.docprinter.address import printer_address
from drivers.docprinter.ipp_client import (
    IppClient,
    IppLinkError,
    IppReplyError,
    IppStatusError,
    IppTimeout,
)
from drivers.docprinter.model import DocPrintOutcome
from tests.drivers.docprinter.docprinter_helpers import a4_pdf, make_printer
from tests.hostio import hostile_peer as hp

CAP = 16 * 1024

HOSTILE = {
    "endless": hp.endless_chunked,
    "huge_length": hp.huge_length,
    "gzip_bomb": hp.gzip_bomb_reply,
    "trickle_body": hp.trickle_body,
    "trickle_head": hp.trickle_head,
    **{f"garbage_{name}": hp.raw(data) for name, data in hp.GARBAGE.items()},
    "not_ipp": hp.answer(200, b"<html>a web page</html>"),
    "http_404": hp.answer(404, b""),
}


def ipp_reply(status: int, request_id: int, body: bytes = b"") -> bytes:
    return struct.pack(">BBHi", 2, 0, status, request_id) + b"\x01" + body + b"\x03"


@pytest.fixture
def peer_client(request: pytest.FixtureRequest) -> Iterator[tuple[hp.HostilePeer, IppClient]]:
    peer = hp.HostilePeer(request.param)
    peer.__enter__()
    client = IppClient(
        printer_address(f"ipp://127.0.0.1:{peer.port}/ipp/print"),
        user_name="kiosk",
        connect_timeout_s=1.0,
        max_reply_bytes=CAP,
    )
    try:
        yield peer, client
    finally:
        client.close()
        peer.stop()


@pytest.mark.parametrize("peer_client", list(HOSTILE.values()), ids=list(HOSTILE), indirect=True)
def test_a_hostile_answer_is_a_typed_device_error(
    peer_client: tuple[hp.HostilePeer, IppClient],
) -> None:
    _peer, client = peer_client
    with pytest.raises((IppTimeout, IppReplyError, IppLinkError)):
        client.get_printer_attributes(deadline_s=1.0)


@pytest.mark.parametrize("peer_client", [hp.answer(200, ipp_reply(0, 999))], indirect=True)
def test_an_answer_to_another_request_is_refused(
    peer_client: tuple[hp.HostilePeer, IppClient],
) -> None:
    with pytest.raises(IppReplyError, match="expected 1"):
        peer_client[1].get_printer_attributes(deadline_s=1.0)


@pytest.mark.parametrize("peer_client", [hp.answer(200, ipp_reply(0x0406, 1))], indirect=True)
def test_an_ipp_error_status_is_raised_with_its_code(
    peer_client: tuple[hp.HostilePeer, IppClient],
) -> None:
    with pytest.raises(IppStatusError) as err:
        peer_client[1].get_printer_attributes(deadline_s=1.0)
    assert err.value.status == 0x0406


@pytest.mark.parametrize("peer_client", [hp.endless_chunked], indirect=True)
def test_every_request_is_posted_as_application_ipp(
    peer_client: tuple[hp.HostilePeer, IppClient],
) -> None:
    peer, client = peer_client
    with pytest.raises(DeviceError):
        client.get_printer_attributes(deadline_s=0.5)
    head, _, body = peer.requests[0].partition(b"\r\n\r\n")
    assert head.startswith(b"POST /ipp/print HTTP/1.1")
    assert b"content-type: application/ipp" in head.lower()
    assert ipp.decode(body).code == ipp.GET_PRINTER_ATTRIBUTES


def test_a_printer_that_answers_garbage_gets_no_document() -> None:
    with hp.HostilePeer(hp.endless_chunked) as peer:
        device = make_printer(f"ipp://127.0.0.1:{peer.port}/ipp/print", max_reply_bytes=CAP)
        device.open()
        try:
            assert device.status.state is DeviceState.ERROR  # not a printer: configuration
            result = device.print_pdf(a4_pdf(1), title="certificate")
            assert result.outcome is DocPrintOutcome.FAILED and result.job_id is None
            ops = [ipp.decode(r.partition(b"\r\n\r\n")[2]).code for r in peer.requests]
            assert ipp.PRINT_JOB not in ops
        finally:
            device.close()


def test_a_cups_queue_uri_is_posted_to_its_queue_and_named_in_the_request() -> None:
    with hp.HostilePeer(hp.endless_chunked) as peer:
        uri = f"ipp://127.0.0.1:{peer.port}/printers/kiosk-a4"
        client = IppClient(
            printer_address(uri), user_name="kiosk", connect_timeout_s=1.0, max_reply_bytes=CAP
        )
        try:
            with pytest.raises(DeviceError):
                client.print_job(a4_pdf(1), "certificate", deadline_s=0.5)
        finally:
            client.close()
    head, _, body = peer.requests[0].partition(b"\r\n\r\n")
    assert head.startswith(b"POST /printers/kiosk-a4 HTTP/1.1")
    request = ipp.decode(body)
    assert request.code == ipp.PRINT_JOB
    assert request.value(ipp.OPERATION_GROUP, "printer-uri") == uri
    assert request.value(ipp.OPERATION_GROUP, "document-format") == "application/pdf"
    assert request.data.startswith(b"%PDF-")
