"""Gateway wire format: signatures, strict parsing, and fuzzing of every answer the driver reads."""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import sys
import threading
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import SecretStr

from drivers.payment import on_simulator as pay_sim
from drivers.payment import protocol as proto
from drivers.payment.http_gateway import HttpPaymentGateway, HttpPaymentGatewaySettings
from drivers.payment.model import (
    GatewayAuthError,
    GatewayProtocolError,
    GatewayRejected,
    GatewayUnavailable,
    PaymentError,
    PaymentStatus,
    RefundStatus,
    mask_code,
)
from drivers.payment.simulator import DEFAULT_MERCHANT
from kiosk.cli.simulate import simulate_command
from tests.drivers.payment.pay_helpers import WECHAT_CODE

KEY = b"test-key"
PAID = {
    "order_no": "KSK-000100",
    "amount_fen": 1200,
    "status": "PAID",
    "transaction_id": "TX1",
    "channel": "wechat",
    "paid_at": "2026-11-22T21:14:03+08:00",
}


def test_mask_code_keeps_four_characters() -> None:
    assert mask_code(WECHAT_CODE) == "1345" + "*" * 14
    assert mask_code("12") == "12"


def test_signature_round_trip_and_refusals() -> None:
    body = b'{"a":1}'
    headers = proto.signed_headers("M1", KEY, "POST", "/v1/refunds", body, now=1_000_000)
    check = proto.check_signature
    assert check(headers, KEY, "POST", "/v1/refunds", body, merchant_id="M1", now=1_000_100) == ""
    assert check(headers, KEY, "POST", "/v1/refunds", b'{"a":2}', now=1_000_000) == (
        "SIGNATURE_INVALID"
    )
    assert check(headers, KEY, "POST", "/v1/payments/qr", body, now=1_000_000) == (
        "SIGNATURE_INVALID"
    )
    assert check(headers, b"other", "POST", "/v1/refunds", body, now=1_000_000) == (
        "SIGNATURE_INVALID"
    )
    assert check(headers, KEY, "POST", "/v1/refunds", body, now=1_000_400) == "SIGNATURE_EXPIRED"
    assert check(headers, KEY, "POST", "/v1/refunds", body, merchant_id="M2") == "MERCHANT_UNKNOWN"
    assert check({}, KEY, "POST", "/v1/refunds", body) == "SIGNATURE_MISSING"


def test_parse_a_paid_payment() -> None:
    outcome = proto.read_payment(200, json.dumps(PAID).encode())
    assert outcome.paid and outcome.amount_fen == 1200 and outcome.paid_at is not None
    assert outcome.paid_at.utcoffset() is not None


@pytest.mark.parametrize(
    "change",
    [
        {"amount_fen": 12.0},
        {"amount_fen": True},
        {"amount_fen": "1200"},
        {"amount_fen": -1},
        {"status": "paid"},
        {"status": None},
        {"order_no": 7},
        {"paid_at": "2026-11-22T21:14:03"},  # no offset
        {"paid_at": "yesterday"},
        {"status": "DECLINED"},  # without a reason
        {"channel": ["wechat"]},
    ],
)
def test_wrong_types_and_values_are_protocol_errors(change: dict[str, Any]) -> None:
    body = json.dumps({**PAID, **change}).encode()
    with pytest.raises(GatewayProtocolError):
        proto.read_payment(200, body)


@pytest.mark.parametrize("body", [b"", b"[]", b"null", b"{", b"\xff\xfe", b'"PAID"', b"1e999"])
def test_malformed_json_is_a_protocol_error(body: bytes) -> None:
    with pytest.raises(GatewayProtocolError):
        proto.read_payment(200, body)


def test_error_answers_map_to_typed_errors() -> None:
    def err(code: str) -> bytes:
        return json.dumps({"error": {"code": code, "message": "m"}}).encode()

    with pytest.raises(GatewayRejected) as conflict:
        proto.read_payment(409, err("ORDER_CONFLICT"))
    assert conflict.value.code == "ORDER_CONFLICT" and conflict.value.http_status == 409
    with pytest.raises(GatewayRejected) as odd:
        proto.read_payment(400, err("not a code; DROP TABLE"))
    assert odd.value.code == "GATEWAY_REJECTED"
    with pytest.raises(GatewayUnavailable) as busy:
        proto.read_payment(503, b"<html>maintenance</html>", "30")
    assert busy.value.code == "GATEWAY_BUSY" and busy.value.retry_after_s == 30.0
    with pytest.raises(GatewayUnavailable) as nan:
        proto.read_payment(429, b"", "nan")
    assert nan.value.retry_after_s is None
    with pytest.raises(GatewayAuthError):
        proto.read_payment(401, err("SIGNATURE_INVALID"))
    with pytest.raises(GatewayProtocolError) as server:
        proto.read_payment(500, b"")
    assert server.value.code == "GATEWAY_ERROR"


def test_parse_refunds() -> None:
    body = {
        "refund_no": "RF-000001",
        "order_no": "KSK-000100",
        "amount_fen": 5,
        "status": "SUCCESS",
    }
    assert proto.read_refund(200, json.dumps(body).encode()).status is RefundStatus.SUCCESS
    with pytest.raises(GatewayProtocolError):
        proto.read_refund(200, json.dumps({**body, "status": "DONE"}).encode())


# ---------------------------------------------------------------- fuzzing

_json_scalars = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20)
_json = st.recursive(
    _json_scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)
_fields = st.fixed_dictionaries(
    {},
    optional={
        "order_no": st.sampled_from(["KSK-000100", "", "other"]) | _json,
        "amount_fen": st.integers(-5, 2 * 10**9) | _json,
        "status": st.sampled_from(["PAID", "DECLINED", "USER_PAYING", "NOT_PAID", "X"]) | _json,
        "reason_code": st.sampled_from(["INSUFFICIENT_FUNDS", ""]) | _json,
        "paid_at": st.sampled_from(["2026-11-22T21:14:03+08:00", "2026-13-01T00:00:00Z"]) | _json,
        "expires_at": _json,
        "qr_text": st.text(max_size=2000) | _json,
        "refunded_fen": _json,
        "refund_no": st.sampled_from(["RF-000001"]) | _json,
        "error": st.fixed_dictionaries({}, optional={"code": _json, "message": _json}) | _json,
    },
)
_bodies = (
    st.binary(max_size=200)
    | _json.map(lambda v: json.dumps(v).encode())
    | _fields.map(lambda v: json.dumps(v).encode())
)
_statuses = st.sampled_from([200, 201, 204, 301, 400, 401, 404, 409, 422, 429, 500, 503, 599])


@settings(max_examples=400, deadline=None)
@given(status=_statuses, body=_bodies, retry_after=st.none() | st.text(max_size=8))
def test_fuzz_parsers_raise_only_typed_errors(
    status: int, body: bytes, retry_after: str | None
) -> None:
    for reader in (proto.read_payment, proto.read_refund):
        try:
            result = reader(status, body, retry_after)
        except PaymentError as exc:
            assert exc.code.isupper()
        else:
            assert 200 <= status < 300 and result.amount_fen >= 0


def test_fuzz_the_driver_only_typed_errors_escape_and_money_calls_stay_unknown() -> None:
    answer: dict[str, httpx.Response] = {}

    def handler(request: httpx.Request) -> httpx.Response:
        return answer["next"]

    settings_ = HttpPaymentGatewaySettings(
        base_url="https://gateway.invalid",
        merchant_id="M1",
        api_key=SecretStr("k"),
        ping_interval_s=3600,
    )
    gateway = HttpPaymentGateway(settings_, transport=httpx.MockTransport(handler))
    answer["next"] = httpx.Response(200, json={"status": "ok"})
    gateway.open()

    @settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(status=_statuses, body=_bodies)
    def run(status: int, body: bytes) -> None:
        answer["next"] = httpx.Response(status, content=body)
        try:
            outcome = gateway.charge("KSK-000100", 1200, WECHAT_CODE)
        except (GatewayRejected, GatewayUnavailable, GatewayAuthError):
            assert 400 <= status < 500 or status in (503,)
        else:
            # Whatever came back, a charge is either an answer about this order or UNKNOWN.
            assert outcome.order_no == "KSK-000100" and outcome.amount_fen == 1200
            if outcome.status is not PaymentStatus.UNKNOWN:
                assert 200 <= status < 300
        for call in (
            lambda: gateway.query("KSK-000100"),
            lambda: gateway.create_qr("KSK-000100", 1200),
            lambda: gateway.refund("KSK-000100", 1200, "RF-000100"),
            lambda: gateway.cancel("KSK-000100"),
        ):
            with contextlib.suppress(PaymentError):  # anything else fails the test
                call()

    try:
        run()
    finally:
        gateway.close()


# ---------------------------------------------------------------- standalone


def test_standalone_simulator_serves_the_api_to_a_configured_driver() -> None:
    standalone = pay_sim.start_standalone("declined")
    try:
        assert standalone.address.startswith("http://127.0.0.1:")
        settings_ = HttpPaymentGatewaySettings(
            base_url=standalone.address,
            merchant_id=DEFAULT_MERCHANT,
            api_key=SecretStr(pay_sim.STANDALONE_KEY),
        )
        gateway = HttpPaymentGateway(settings_)
        gateway.open()
        try:
            outcome = gateway.charge("KSK-000101", 100, WECHAT_CODE)
            assert outcome.status is PaymentStatus.DECLINED
        finally:
            gateway.close()
    finally:
        standalone.close()
    with pytest.raises(ValueError):
        pay_sim.start_standalone("no-such-scenario")


def test_kiosk_simulate_payment_prints_the_url_first(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    stop = threading.Event()
    stop.set()
    args = argparse.Namespace(kind="payment", scenario="timeout", list=False, config=None)
    assert simulate_command(args, stop) == 0
    assert capsys.readouterr().out.splitlines()[0].startswith("http://127.0.0.1:")
    args = argparse.Namespace(kind="payment", scenario=None, list=True, config=None)
    assert simulate_command(args) == 0
    listed = capsys.readouterr().out
    assert all(name in listed for name in pay_sim.SCENARIOS)


@given(
    timestamp=st.text(max_size=40),
    nonce=st.text(max_size=40),
    signature=st.text(max_size=80),
)
def test_any_signature_headers_are_judged_without_raising(
    timestamp: str, nonce: str, signature: str
) -> None:
    headers = {
        proto.HEADER_TIMESTAMP: timestamp,
        proto.HEADER_NONCE: nonce,
        proto.HEADER_SIGNATURE: signature,
    }
    assert proto.check_signature(headers, KEY, "POST", "/v1/refunds", b"{}") in (
        "SIGNATURE_MISSING",
        "SIGNATURE_EXPIRED",
        "SIGNATURE_INVALID",
        proto.SIGNATURE_MALFORMED,
    )
