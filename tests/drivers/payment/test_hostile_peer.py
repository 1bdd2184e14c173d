"""The HTTP payment gateway driver against a hostile peer on loopback.

A charge whose answer is endless, huge, compressed, trickled or garbage ends by
``timeout_s`` (plus a generous tolerance) with at most ``max_reply_bytes`` read
(plus a margin, measured with tracemalloc) and is UNKNOWN: the order is then
queried, never charged again.
"""

from __future__ import annotations

import base64
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from pydantic import ValidationError

from drivers.base import DeviceState
from drivers.payment.http_gateway import HttpPaymentGateway
from drivers.payment.model import PaymentError, PaymentStatus, RefundStatus
from drivers.payment.settings import HttpPaymentGatewaySettings
from tests.drivers.payment.pay_helpers import WECHAT_CODE
from tests.hostio import hostile_peer as hp

CAP = 64 * 1024
TIMEOUT_S = 1.0
ORDER = "KSK-HOSTILE-1"

Made = tuple[hp.HostilePeer, HttpPaymentGateway]
Make = Callable[..., Made]


@pytest.fixture
def hostile(monkeypatch: pytest.MonkeyPatch) -> Iterator[Make]:
    monkeypatch.setenv("KIOSK_PAYMENT_API_KEY", "test-key")
    made: list[Made] = []

    def make(behaviour: hp.Behaviour, **overrides: Any) -> Made:
        peer = hp.HostilePeer(hp.unless_ping(behaviour), tls=overrides.pop("tls", None))
        peer.__enter__()
        settings = {
            "base_url": peer.url,
            "merchant_id": "M1",
            "timeout_s": TIMEOUT_S,
            "connect_timeout_s": 1.0,
            "ping_interval_s": 3600,
            "offline_ping_interval_s": 600,
            "poll_interval_s": 0.05,
            **overrides,
        }
        gateway = HttpPaymentGateway(HttpPaymentGatewaySettings.model_validate(settings))
        made.append((peer, gateway))
        gateway.open()
        return peer, gateway

    yield make
    for peer, gateway in made:
        gateway.close()
        peer.stop()


HOSTILE = {
    "endless": hp.endless_chunked,
    "huge_length": hp.huge_length,
    "gzip_bomb": hp.gzip_bomb_reply,
    "bad_gzip": hp.bad_gzip,
    "trickle_body": hp.trickle_body,
    "trickle_head": hp.trickle_head,
    **{f"garbage_{name}": hp.raw(data) for name, data in hp.GARBAGE.items()},
}


@pytest.mark.parametrize("behaviour", HOSTILE)
def test_a_hostile_answer_to_a_charge_is_bounded_and_unknown(hostile: Make, behaviour: str) -> None:
    hp.gzip_bomb()  # built before anything is measured
    _peer, gateway = hostile(HOSTILE[behaviour])
    assert gateway.status.state is DeviceState.ONLINE
    outcome, peak, elapsed = hp.measured(
        lambda: gateway.charge(ORDER, 1200, WECHAT_CODE), PaymentError
    )
    assert outcome.status is PaymentStatus.UNKNOWN, outcome
    assert (outcome.order_no, outcome.amount_fen) == (ORDER, 1200)
    assert peak < CAP + 512 * 1024
    assert elapsed < TIMEOUT_S + 2.0


@pytest.mark.parametrize("behaviour", ["endless", "gzip_bomb", "trickle_head"])
def test_refunds_and_queries_stay_typed_and_bounded(hostile: Make, behaviour: str) -> None:
    _peer, gateway = hostile(HOSTILE[behaviour])
    refund, peak, elapsed = hp.measured(
        lambda: gateway.refund(ORDER, 1200, "RF-HOSTILE-1"), PaymentError
    )
    assert refund.status is RefundStatus.UNKNOWN
    assert peak < CAP + 512 * 1024 and elapsed < TIMEOUT_S + 2.0
    query, peak, elapsed = hp.measured(lambda: gateway.query(ORDER), PaymentError)
    assert isinstance(query, PaymentError)
    assert peak < CAP + 512 * 1024 and elapsed < TIMEOUT_S + 2.0


def test_an_unknown_charge_is_queried_never_charged_again(hostile: Make) -> None:
    peer, gateway = hostile(hp.endless_chunked)
    assert gateway.charge(ORDER, 1200, WECHAT_CODE).status is PaymentStatus.UNKNOWN
    assert gateway.wait_for_outcome(ORDER, 0.3).status is PaymentStatus.UNKNOWN
    lines = [r.split(b"\r\n", 1)[0] for r in peer.requests]
    assert lines.count(b"POST /v1/payments/code HTTP/1.1") == 1
    assert b"GET /v1/payments/" + ORDER.encode() + b" HTTP/1.1" in lines


def test_the_cap_is_configurable_within_bounds(hostile: Make) -> None:
    body = b'{"status":"ok","pad":"' + b"p" * 3000 + b'"}'
    _peer, gateway = hostile(hp.answer(200, body), max_reply_bytes=2048)
    with pytest.raises(PaymentError) as err:
        gateway.query_refund("RF-HOSTILE-1")
    assert err.value.code == "GATEWAY_ANSWER_REFUSED"
    for bad in (100, 64 * 1024 * 1024):
        with pytest.raises(ValidationError):
            HttpPaymentGatewaySettings.model_validate({"max_reply_bytes": bad})


# ---------------------------------------------------------------- https and TLS


@pytest.mark.parametrize("url", ["http://pay.example.gov.cn/gw", "http://192.168.1.9:8443"])
def test_plain_http_is_refused_off_loopback(url: str) -> None:
    with pytest.raises(ValidationError) as err:
        HttpPaymentGatewaySettings.model_validate({"base_url": url})
    assert err.value.errors()[0]["loc"] == ("base_url",)
    # Settings built without validation are still refused when the driver opens.
    settings = HttpPaymentGatewaySettings.model_construct(base_url=url, merchant_id="M1")
    gateway = HttpPaymentGateway(settings)
    gateway.open()
    try:
        assert gateway.status.code == "CONFIG_ERROR" and "https" in gateway.status.detail
    finally:
        gateway.close()


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> hp.Pki:
    return hp.make_pki(tmp_path_factory.mktemp("pki"))


def test_tls_with_ca_file_and_a_matching_pin(hostile: Make, pki: hp.Pki) -> None:
    _peer, gateway = hostile(
        hp.endless_chunked, tls=pki.server, ca_file=pki.ca_file, tls_pin_sha256=[pki.server_pin]
    )
    assert gateway.status.state is DeviceState.ONLINE


def test_a_pin_mismatch_sends_nothing(hostile: Make, pki: hp.Pki) -> None:
    other = base64.b64encode(bytes(32)).decode()
    peer, gateway = hostile(
        hp.endless_chunked, tls=pki.server, ca_file=pki.ca_file, tls_pin_sha256=[other]
    )
    assert gateway.status.code == "GATEWAY_TLS_PIN_MISMATCH"
    assert gateway.status.state is DeviceState.ERROR
    with pytest.raises(PaymentError) as err:
        gateway.create_qr(ORDER, 1200)
    assert err.value.code == "GATEWAY_TLS_PIN_MISMATCH"
    assert peer.requests == []
