"""The platform client's certificates (v1.1) and the certificate_printed record."""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator

import httpx
import pytest

from offline_queue import (
    FailureKind,
    Outbox,
    PlatformClient,
    PlatformError,
    PlatformSettings,
    SyncWorker,
)
from offline_queue.sim import PlatformSimulator
from tests.offline_queue.helpers import ID_NUMBER, KIOSK, NAME, TOKEN, drain, make_client

PERIOD = {"from": "2025-01", "to": "2025-12"}
MIB = 1024 * 1024


@pytest.fixture
def client(sim: PlatformSimulator) -> Iterator[PlatformClient]:
    # Making a PDF takes a moment on a busy machine: the default read timeout, not 2 s.
    c = make_client(sim.url, connect_timeout_s=1.0)
    yield c
    c.close()


def test_a_certificate_comes_back_with_its_pdf(client: PlatformClient) -> None:
    cert = client.certificate("social_insurance_payment", ID_NUMBER, NAME, PERIOD)
    assert cert.pdf.startswith(b"%PDF-") and cert.certificate_no.startswith("SB")
    assert cert.issued_at.tzinfo is not None and cert.verify_url.startswith("https://")
    assert "%PDF" not in repr(cert) and cert.certificate_no in repr(cert)


def test_no_record_and_a_period_out_of_range_have_their_kinds(client: PlatformClient) -> None:
    with pytest.raises(PlatformError) as no_record:
        client.certificate("tax_payment", ID_NUMBER, "李四", PERIOD)
    assert no_record.value.kind is FailureKind.NOT_FOUND
    with pytest.raises(PlatformError) as out_of_range:
        client.certificate("tax_payment", ID_NUMBER, NAME, {"from": "2025-12", "to": "2025-01"})
    assert out_of_range.value.kind is FailureKind.OUT_OF_RANGE


def _client_answering(body: bytes, **settings: object) -> PlatformClient:
    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=body, headers={"Content-Type": "application/json"})

    return PlatformClient(
        "http://127.0.0.1:9", KIOSK, TOKEN, PlatformSettings(**settings),
        transport=httpx.MockTransport(answer),
    )  # fmt: skip


def _answer(pdf: bytes) -> bytes:
    return json.dumps({"certificate_no": "SB1", "issued_at": "2026-12-03T10:00:00+08:00",
                       "verify_url": "https://v.example/1",
                       "pdf": base64.b64encode(pdf).decode()}).encode()  # fmt: skip


def test_a_pdf_over_the_cap_is_refused() -> None:
    big = b"%PDF-1.4\n" + b"0" * (MIB + 10)
    with (
        _client_answering(_answer(big), max_certificate_bytes=MIB) as client,
        pytest.raises(PlatformError) as caught,
    ):
        client.certificate("medical_insurance", ID_NUMBER, NAME)
    assert caught.value.kind in (FailureKind.MALFORMED, FailureKind.REPLY_TOO_LARGE)


def test_an_answer_far_over_the_cap_is_not_read() -> None:
    huge = b"%PDF-1.4\n" + b"0" * (3 * MIB)
    with (
        _client_answering(_answer(huge), max_certificate_bytes=MIB) as client,
        pytest.raises(PlatformError) as caught,
    ):
        client.certificate("medical_insurance", ID_NUMBER, NAME)
    assert caught.value.kind is FailureKind.REPLY_TOO_LARGE


@pytest.mark.parametrize(
    "body",
    [_answer(b"<html>not a pdf</html>"), b'{"certificate_no": "SB1"}', b'{"pdf": "***"}', b"["],
)
def test_an_answer_that_is_not_a_certificate_is_malformed(body: bytes) -> None:
    with _client_answering(body) as client, pytest.raises(PlatformError) as caught:
        client.certificate("medical_insurance", ID_NUMBER, NAME)
    assert caught.value.kind is FailureKind.MALFORMED


def test_certificate_printed_is_delivered_exactly_once(
    outbox: Outbox, worker: SyncWorker, sim: PlatformSimulator
) -> None:
    payload = {"certificate_no": "SB2026120300000001", "kind": "social_insurance_payment",
               "printed_at": "2026-12-03T21:14:03+08:00", "kiosk_id": KIOSK}  # fmt: skip
    ticket = outbox.submit("certificate_printed", payload, case_key=payload["certificate_no"])
    ticket.wait(10)
    assert ticket.durable
    drain(outbox, worker)
    drain(outbox, worker)
    stored = [t for t in sim.store.transactions() if t["type"] == "certificate_printed"]
    assert len(stored) == 1 and stored[0]["payload"] == payload and stored[0]["deliveries"] == 1


def test_certificate_printed_without_its_number_is_rejected(
    outbox: Outbox, worker: SyncWorker, sim: PlatformSimulator
) -> None:
    ticket = outbox.submit("certificate_printed", {"kind": "tax_payment", "printed_at": "x"})
    ticket.wait(10)
    drain(outbox, worker)
    assert list(sim.store.rejections().values()) == ["payload.certificate_no: missing"]
