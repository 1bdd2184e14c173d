"""The payment driver against the gateway simulator: outcomes, idempotency, QR, refunds, faults."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

import httpx
import pytest
from pydantic import SecretStr

from drivers import registry
from drivers.base import DeviceState, HealthLevel, StatusChanged
from drivers.payment import protocol as proto
from drivers.payment.http_gateway import HttpPaymentGateway, HttpPaymentGatewaySettings
from drivers.payment.model import (
    GatewayRejected,
    GatewayUnavailable,
    PaymentNotified,
    PaymentStatus,
    RefundStatus,
)
from drivers.payment.notify import NOTIFY_PATH
from drivers.payment.on_simulator import SimulatedPaymentGateway
from drivers.payment.simulator import PaymentGatewaySimulator
from tests.drivers.payment.pay_helpers import ALIPAY_CODE, WECHAT_CODE, Recorder

MakeGateway = Callable[..., tuple[SimulatedPaymentGateway, Recorder]]


def test_entry_points_name_these_classes() -> None:
    assert registry.load("payment-http") is HttpPaymentGateway
    assert registry.load("payment-sim") is SimulatedPaymentGateway


def test_default_settings_open_online() -> None:
    gateway = SimulatedPaymentGateway()
    gateway.open()
    try:
        assert gateway.status.code == "OK" and gateway.status.usable
        assert gateway.health_check(HealthLevel.EXTERNAL).passed
        info = gateway.describe()
        assert info["kind"] == "payment" and info["serial"] == gateway.simulator.merchant_id
        assert gateway.ping() >= 0
    finally:
        gateway.close()
    assert gateway.status.code == "NOT_OPEN" and not gateway.simulator.running


def test_charge_paid_and_a_repeat_returns_the_first_outcome(make_gateway: MakeGateway) -> None:
    gateway, _ = make_gateway()
    sim = gateway.simulator
    first = gateway.charge("KSK-000001", 2500, WECHAT_CODE)
    assert first.status is PaymentStatus.PAID and first.paid and first.final
    assert (first.order_no, first.amount_fen, first.channel) == ("KSK-000001", 2500, "wechat")
    assert first.transaction_id and first.paid_at is not None
    again = gateway.charge("KSK-000001", 2500, WECHAT_CODE)
    assert again == first
    assert len(sim.charges("KSK-000001")) == 1 and sim.duplicate_requests == 1
    other = gateway.charge("KSK-000002", 100, ALIPAY_CODE)
    assert other.paid and other.channel == "alipay"


def test_charge_declined_stays_declined_for_that_order(make_gateway: MakeGateway) -> None:
    gateway, _ = make_gateway(scenario="declined")
    outcome = gateway.charge("KSK-000003", 990, WECHAT_CODE)
    assert outcome.status is PaymentStatus.DECLINED and outcome.final and not outcome.paid
    assert outcome.reason_code == "INSUFFICIENT_FUNDS"
    gateway.simulator.behaviour.decline_reason = ""  # money topped up: still the first outcome
    assert gateway.charge("KSK-000003", 990, WECHAT_CODE).status is PaymentStatus.DECLINED
    assert gateway.charge("KSK-000004", 990, WECHAT_CODE).paid  # a new order number pays
    assert gateway.simulator.charges("KSK-000003") == []


def test_a_scanned_code_that_is_not_a_payment_code_never_leaves_the_kiosk(
    make_gateway: MakeGateway,
) -> None:
    gateway, _ = make_gateway()
    for code in ("https://example.gov.cn/slip/1", "12345", "13451234567890123X"):
        outcome = gateway.charge("KSK-000005", 100, code)
        assert outcome.status is PaymentStatus.DECLINED
        assert outcome.reason_code == "AUTH_CODE_INVALID"
    assert gateway.simulator.requests["POST payments"] == 0


def test_amounts_are_int_fen_and_order_numbers_are_checked(make_gateway: MakeGateway) -> None:
    gateway, _ = make_gateway()
    for bad in (12.5, 10.0, True, "100", None):
        with pytest.raises(TypeError):
            gateway.charge("KSK-000006", bad, WECHAT_CODE)  # type: ignore[arg-type]
    for bad in (0, -1, 10**10):
        with pytest.raises(ValueError):
            gateway.create_qr("KSK-000006", bad)
    for bad in ("", "abc", "x" * 33, "订单000001", "KSK 000001"):
        with pytest.raises(ValueError):
            gateway.query(bad)
    with pytest.raises(ValueError):
        gateway.refund("KSK-000006", 100, "bad refund no")


def test_an_order_number_reused_for_another_payment_is_refused(make_gateway: MakeGateway) -> None:
    gateway, _ = make_gateway()
    assert gateway.charge("KSK-000007", 100, WECHAT_CODE).paid
    with pytest.raises(GatewayRejected) as info:
        gateway.charge("KSK-000007", 200, WECHAT_CODE)
    assert info.value.code == "ORDER_CONFLICT" and info.value.http_status == 409
    with pytest.raises(GatewayRejected):
        gateway.create_qr("KSK-000007", 100)
    assert len(gateway.simulator.charges("KSK-000007")) == 1


def test_timeout_is_unknown_resolved_by_query_and_a_retry_does_not_charge_twice(
    make_gateway: MakeGateway,
) -> None:
    gateway, _ = make_gateway(timeout_s=0.3)
    sim = gateway.simulator
    sim.behaviour.response_delay_s = 5.0  # answers after the kiosk gave up
    outcome = gateway.charge("KSK-000008", 1800, WECHAT_CODE)
    assert outcome.status is PaymentStatus.UNKNOWN and not outcome.final
    assert outcome.reason_code == "GATEWAY_TIMEOUT" and outcome.amount_fen == 1800
    assert len(sim.charges("KSK-000008")) == 1  # the gateway did charge
    sim.behaviour.response_delay_s = 0.0
    resolved = gateway.query("KSK-000008")
    assert resolved.paid
    retried = gateway.charge("KSK-000008", 1800, WECHAT_CODE)
    assert retried.paid and retried.transaction_id == resolved.transaction_id
    assert len(sim.charges("KSK-000008")) == 1


def test_lost_answers_are_unknown_and_the_duplicate_request_charges_once(
    make_gateway: MakeGateway,
) -> None:
    gateway, _ = make_gateway(scenario="duplicate_request")
    sim = gateway.simulator
    first = gateway.charge("KSK-000009", 700, WECHAT_CODE)
    assert first.status is PaymentStatus.UNKNOWN
    second = gateway.charge("KSK-000009", 700, WECHAT_CODE)
    assert second.paid
    assert len(sim.charges("KSK-000009")) == 1 and sim.duplicate_requests == 1
    assert gateway.wait_for_outcome("KSK-000009", 5).paid


def test_user_paying_then_paid(make_gateway: MakeGateway) -> None:
    gateway, _ = make_gateway(scenario="user_paying")
    outcome = gateway.charge("KSK-000010", 5000, WECHAT_CODE)
    assert outcome.status is PaymentStatus.USER_PAYING and not outcome.final
    assert gateway.simulator.charges("KSK-000010") == []
    final = gateway.wait_for_outcome("KSK-000010", 10)
    assert final.paid
    assert len(gateway.simulator.charges("KSK-000010")) == 1


def test_qr_flow_paid_after_polls_with_one_notification(make_gateway: MakeGateway) -> None:
    gateway, rec = make_gateway()  # QR orders are paid on the 2nd query
    qr_text, expires_at = gateway.create_qr("KSK-000011", 3000)
    assert qr_text.startswith("https://") and expires_at.tzinfo is not None
    assert gateway.create_qr("KSK-000011", 3000).qr_text == qr_text  # idempotent too
    assert gateway.query("KSK-000011").status is PaymentStatus.PENDING
    assert gateway.query("KSK-000011").paid
    notified = rec.wait(PaymentNotified)
    assert notified.outcome.order_no == "KSK-000011" and notified.outcome.paid
    assert len(gateway.simulator.charges("KSK-000011")) == 1


def test_qr_expired(make_gateway: MakeGateway) -> None:
    gateway, _ = make_gateway(scenario="qr_expired")
    gateway.create_qr("KSK-000012", 3000)
    outcome = gateway.wait_for_outcome("KSK-000012", 10)
    assert outcome.status is PaymentStatus.EXPIRED and outcome.final
    assert gateway.simulator.charges("KSK-000012") == []


def test_wait_gives_up_with_the_last_outcome(make_gateway: MakeGateway) -> None:
    gateway, _ = make_gateway()
    gateway.simulator.behaviour.qr_paid_after_polls = None  # the citizen walks away
    gateway.create_qr("KSK-000013", 100)
    assert gateway.wait_for_outcome("KSK-000013", 0.05).status is PaymentStatus.PENDING


def test_cancel_closes_an_unpaid_order_and_leaves_a_paid_one_paid(
    make_gateway: MakeGateway,
) -> None:
    gateway, _ = make_gateway()
    sim = gateway.simulator
    sim.behaviour.qr_paid_after_polls = None
    gateway.create_qr("KSK-000014", 100)
    closed = gateway.cancel("KSK-000014")
    assert closed.status is PaymentStatus.CLOSED and closed.reason_code == "CANCELLED"
    sim.pay_qr("KSK-000014")  # too late: the order is closed
    assert gateway.query("KSK-000014").status is PaymentStatus.CLOSED
    assert gateway.charge("KSK-000015", 100, WECHAT_CODE).paid
    assert gateway.cancel("KSK-000015").paid  # refund it instead
    assert sim.charges("KSK-000014") == []


def test_cancelling_an_unseen_order_stops_a_late_charge(make_gateway: MakeGateway) -> None:
    gateway, _ = make_gateway()
    with pytest.raises(GatewayRejected) as info:
        gateway.query("KSK-000029")
    assert info.value.code == "ORDER_NOT_FOUND"
    closed = gateway.cancel("KSK-000029")  # e.g. after an UNKNOWN the gateway never saw
    assert closed.status is PaymentStatus.CLOSED
    late = gateway.charge("KSK-000029", 800, WECHAT_CODE)  # the charge arrives after all
    assert late.status is PaymentStatus.CLOSED and late.amount_fen == 800
    assert gateway.simulator.charges("KSK-000029") == []


def test_a_stopped_wait_returns_after_one_query(make_gateway: MakeGateway) -> None:
    gateway, _ = make_gateway(poll_interval_s=30)
    gateway.simulator.behaviour.qr_paid_after_polls = None
    gateway.create_qr("KSK-000030", 100)
    stop = threading.Event()
    stop.set()
    assert gateway.wait_for_outcome("KSK-000030", 60, stop=stop).status is PaymentStatus.PENDING
    assert gateway.simulator.requests["GET payments"] == 1


def test_refund_is_idempotent_and_bounded(make_gateway: MakeGateway) -> None:
    gateway, _ = make_gateway()
    sim = gateway.simulator
    assert gateway.charge("KSK-000016", 1000, WECHAT_CODE).paid
    first = gateway.refund("KSK-000016", 400, "RF-000016-1", "citizen cancelled")
    assert first.status is RefundStatus.SUCCESS and first.final
    assert gateway.refund("KSK-000016", 400, "RF-000016-1") == first
    assert [e.amount_fen for e in sim.refunds("KSK-000016")] == [400]
    with pytest.raises(GatewayRejected) as exceeds:
        gateway.refund("KSK-000016", 700, "RF-000016-2")
    assert exceeds.value.code == "REFUND_EXCEEDS"
    with pytest.raises(GatewayRejected) as conflict:
        gateway.refund("KSK-000016", 300, "RF-000016-1")
    assert conflict.value.code == "REFUND_CONFLICT"
    assert gateway.refund("KSK-000016", 600, "RF-000016-3").status is RefundStatus.SUCCESS
    assert gateway.query("KSK-000016").refunded_fen == 1000
    assert gateway.query_refund("RF-000016-3").amount_fen == 600
    assert sum(e.amount_fen for e in sim.refunds("KSK-000016")) == 1000


def test_refund_of_an_unpaid_order_is_refused(make_gateway: MakeGateway) -> None:
    gateway, _ = make_gateway(scenario="declined")
    gateway.charge("KSK-000017", 1000, WECHAT_CODE)
    with pytest.raises(GatewayRejected) as info:
        gateway.refund("KSK-000017", 1000, "RF-000017-1")
    assert info.value.code == "ORDER_NOT_PAID"


def test_refund_without_an_answer_is_unknown_and_retried_once(make_gateway: MakeGateway) -> None:
    gateway, _ = make_gateway()
    sim = gateway.simulator
    assert gateway.charge("KSK-000018", 1000, WECHAT_CODE).paid
    sim.behaviour.drop_first_response = True
    lost = gateway.refund("KSK-000018", 1000, "RF-000018-1")
    assert lost.status is RefundStatus.UNKNOWN and not lost.final
    assert gateway.query_refund("RF-000018-1").status is RefundStatus.SUCCESS
    assert gateway.refund("KSK-000018", 1000, "RF-000018-1").status is RefundStatus.SUCCESS
    assert len(sim.refunds("KSK-000018")) == 1


def test_duplicate_callbacks_are_reported_once(make_gateway: MakeGateway) -> None:
    gateway, rec = make_gateway(scenario="duplicate_callback")
    assert gateway.charge("KSK-000019", 100, WECHAT_CODE).paid
    assert gateway.simulator.wait_notifications(2)
    notified = [e for e in rec.of(PaymentNotified) if e.outcome.order_no == "KSK-000019"]
    assert len(notified) == 1 and notified[0].outcome.paid
    assert gateway._receiver is not None and gateway._receiver.duplicates == 1
    assert len(gateway.simulator.charges("KSK-000019")) == 1


def test_forged_notifications_are_refused(make_gateway: MakeGateway) -> None:
    gateway, rec = make_gateway()
    body = proto.encode({"order_no": "KSK-000020", "amount_fen": 1, "status": "PAID"})
    forged = proto.signed_headers(gateway.settings.merchant_id, b"not-the-key", "POST", "/", body)
    forged[proto.HEADER_SIGNATURE] = proto.sign(b"not-the-key", "POST", NOTIFY_PATH, "1", "n", body)
    answer = httpx.post(gateway.notify_url, content=body, headers=forged, timeout=5)
    assert answer.status_code == 401
    good = proto.signed_headers(
        gateway.settings.merchant_id, gateway.simulator.key, "POST", NOTIFY_PATH, b"[]"
    )
    assert httpx.post(gateway.notify_url, content=b"[]", headers=good, timeout=5).status_code == 400
    assert rec.of(PaymentNotified) == []


def test_gateway_down_is_offline_and_comes_back(make_gateway: MakeGateway) -> None:
    gateway, rec = make_gateway(ping_interval_s=0.05, offline_ping_interval_s=0.05)
    sim = gateway.simulator
    assert gateway.charge("KSK-000021", 100, WECHAT_CODE).paid
    sim.stop(keep_state=True)
    down = rec.wait_status("GATEWAY_UNREACHABLE")
    assert down.status.state is DeviceState.OFFLINE and not gateway.status.usable
    with pytest.raises(GatewayUnavailable) as info:
        gateway.charge("KSK-000022", 100, WECHAT_CODE)
    assert info.value.code == "GATEWAY_UNREACHABLE"
    assert not gateway.health_check(HealthLevel.EXTERNAL).passed
    sim.start()  # same port, same orders
    rec.wait(StatusChanged, lambda e: e.previous.code == "GATEWAY_UNREACHABLE" and e.status.usable)
    assert gateway.charge("KSK-000022", 100, WECHAT_CODE).paid
    assert gateway.query("KSK-000021").paid
    assert len(sim.charges("KSK-000022")) == 1


def test_gateway_in_maintenance_is_busy_not_charged(make_gateway: MakeGateway) -> None:
    gateway, _ = make_gateway(scenario="unavailable")
    assert gateway.status.state is DeviceState.OFFLINE and gateway.status.code == "GATEWAY_ERROR"
    with pytest.raises(GatewayUnavailable) as info:
        gateway.charge("KSK-000023", 100, WECHAT_CODE)
    assert info.value.code == "GATEWAY_BUSY" and info.value.retry_after_s == 1.0
    assert gateway.simulator.ledger == []


def test_slow_gateway_still_pays(make_gateway: MakeGateway) -> None:
    gateway, _ = make_gateway()
    gateway.simulator.behaviour.response_delay_s = 0.2
    assert gateway.charge("KSK-000024", 100, WECHAT_CODE).paid


def test_wrong_key_is_a_configuration_error() -> None:
    with PaymentGatewaySimulator() as sim:
        settings = HttpPaymentGatewaySettings(
            base_url=sim.url, merchant_id=sim.merchant_id, api_key=SecretStr("not-the-key")
        )
        gateway = HttpPaymentGateway(settings)
        gateway.open()
        try:
            status = gateway.status
            assert status.state is DeviceState.ERROR and status.code == "GATEWAY_AUTH_FAILED"
            assert "not-the-key" not in repr(settings)
        finally:
            gateway.close()


def test_missing_settings_are_a_configuration_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KIOSK_PAYMENT_API_KEY", raising=False)
    gateway = HttpPaymentGateway()
    gateway.open()
    assert gateway.status.code == "CONFIG_ERROR" and "base_url" in gateway.status.detail
    gateway.close()
    with PaymentGatewaySimulator() as sim:
        settings = HttpPaymentGatewaySettings(base_url=sim.url, merchant_id=sim.merchant_id)
        gateway = HttpPaymentGateway(settings)
        gateway.open()
        assert gateway.status.code == "CONFIG_ERROR" and "KIOSK_PAYMENT_API_KEY" in (
            gateway.status.detail
        )
        gateway.close()
        monkeypatch.setenv("KIOSK_PAYMENT_API_KEY", sim.key.decode())
        gateway = HttpPaymentGateway(settings)
        gateway.open()
        try:
            assert gateway.status.code == "OK"
            assert gateway.charge("KSK-000025", 100, WECHAT_CODE).paid
        finally:
            gateway.close()


def test_payment_codes_never_reach_the_logs(
    make_gateway: MakeGateway, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    gateway, _ = make_gateway(scenario="declined")
    gateway.charge("KSK-000026", 100, WECHAT_CODE)
    gateway.charge("KSK-000027", 100, "134512345678")  # too short: refused locally
    gateway.simulator.behaviour.decline_reason = ""
    gateway.charge("KSK-000028", 100, ALIPAY_CODE)
    assert caplog.records  # the driver does log its payments
    for record in caplog.records:
        text = record.getMessage() + repr(vars(record))
        assert WECHAT_CODE not in text and ALIPAY_CODE not in text and "134512345678" not in text


def test_a_notification_address_in_use_is_a_configuration_error() -> None:
    with PaymentGatewaySimulator() as sim:
        settings = HttpPaymentGatewaySettings(
            base_url=sim.url,
            merchant_id=sim.merchant_id,
            api_key=SecretStr(sim.key.decode()),
            notify_listen=f"127.0.0.1:{sim.port}",  # the simulator holds that port
        )
        gateway = HttpPaymentGateway(settings)
        gateway.open()
        try:
            status = gateway.status
            assert status.code == "CONFIG_ERROR" and "notifications" in status.detail
        finally:
            gateway.close()
