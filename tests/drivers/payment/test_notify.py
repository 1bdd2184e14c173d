"""The notification receiver facing a hostile caller: bad headers, bodies, many connections."""

from __future__ import annotations

import logging
import socket
from collections.abc import Iterator

import httpx
import pytest

from drivers.payment import protocol as proto
from drivers.payment.model import PaymentOutcome
from drivers.payment.notify import NOTIFY_PATH, NotificationReceiver

KEY = b"notify-test-key"
MERCHANT = "M-NOTIFY"


@pytest.fixture
def receiver() -> Iterator[NotificationReceiver]:
    outcomes: list[PaymentOutcome] = []
    rx = NotificationReceiver(
        "127.0.0.1", 0, merchant_id=MERCHANT, key=lambda: KEY, on_outcome=outcomes.append
    ).start()
    yield rx
    rx.stop()


def _signed(body: bytes) -> dict[str, str]:
    return proto.signed_headers(MERCHANT, KEY, "POST", NOTIFY_PATH, body)


BODY = proto.encode({"order_no": "KSK-000001", "amount_fen": 100, "status": "PAID"})


@pytest.mark.parametrize(
    ("header", "value"),
    [
        (proto.HEADER_SIGNATURE, "é".encode()),  # non-ASCII: compare_digest raised TypeError
        (proto.HEADER_SIGNATURE, b"a" * 4000),
        (proto.HEADER_TIMESTAMP, b"9" * 5000),  # int() refuses more than 4300 digits
        (proto.HEADER_TIMESTAMP, "²".encode()),  # "²".isdigit() is True; int("²") raises
        (proto.HEADER_NONCE, b"n" * 4000),
    ],
)
def test_malformed_signature_headers_are_a_counted_400(
    receiver: NotificationReceiver,
    caplog: pytest.LogCaptureFixture,
    header: str,
    value: bytes,
) -> None:
    headers: dict[str, str | bytes] = {**_signed(BODY), header: value}
    with caplog.at_level(logging.DEBUG):
        answer = httpx.post(receiver.url, content=BODY, headers=headers, timeout=5)
    assert answer.status_code == 400
    assert receiver.refused == 1
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


def test_oversized_body_is_refused_unread_and_counted(receiver: NotificationReceiver) -> None:
    host, port = receiver.url.split("/")[2].split(":")
    with socket.create_connection((host, int(port)), timeout=5) as sock:
        # Only the head: the answer must come without the server reading 128 KiB.
        sock.sendall(f"POST {NOTIFY_PATH} HTTP/1.1\r\nContent-Length: 131072\r\n\r\n".encode())
        status_line = sock.makefile("rb").readline()
    assert status_line.split()[1] == b"413" and receiver.refused == 1


def test_a_signed_notification_still_passes(receiver: NotificationReceiver) -> None:
    assert httpx.post(receiver.url, content=BODY, headers=_signed(BODY), timeout=5).is_success
    assert receiver.refused == 0


def test_idle_connections_cannot_take_every_thread(receiver: NotificationReceiver) -> None:
    host, port = receiver.url.split("/")[2].split(":")
    idle: list[socket.socket] = []
    try:
        for _ in range(12):
            idle.append(socket.create_connection((host, int(port)), timeout=5))
        # Connections are taken in order: once the last is answered 503, every one past
        # the cap was turned away at once, and none of them got a thread.
        assert idle[-1].recv(64).startswith(b"HTTP/1.1 503")
        assert receiver.turned_away == 12 - 8
    finally:
        for sock in idle:
            sock.close()
