"""Paying the fee against the real payment-gateway driver and its loopback simulator."""

from __future__ import annotations

import pytest

from drivers.payment.on_simulator import SimulatedPaymentGateway, behaviour_for
from drivers.scanner.model import CodeScanned, ScanResult
from kiosk.flow.devices import FlowDevices
from kiosk.flow.engine import Flow, FlowEnv, FlowOutcome
from kiosk.flow.payment import PayState
from kiosk.visit.session import SessionManager

CODE = "134567890123456789"  # a wallet payment code: 18 digits


def pay_flow(env: FlowEnv, gateway: SimulatedPaymentGateway, steps: list[str]) -> Flow:
    env.devices = FlowDevices({"payment": gateway})
    service = env.config.service("id_card_renewal").model_copy(update={"steps": steps})
    flow = Flow(service, SessionManager().start(service.id), env)
    flow.start()
    return flow


def money_rows(env: FlowEnv) -> dict[str, int]:
    rows = env.outbox.rows(limit=100)
    return {
        t: sum(1 for r in rows if r.type == t) for t in ("payment", "refund", "payment_unconfirmed")
    }


def wait_rows(env: FlowEnv, kind: str, n: int) -> None:
    """The writer commits on its own thread: wait for its commit signal, not a sleep."""
    import threading

    committed = threading.Event()
    env.outbox.add_commit_listener(committed.set)
    for _ in range(50):
        if money_rows(env)[kind] >= n:
            return
        committed.wait(0.1)
        committed.clear()
    raise AssertionError(f"{kind} not recorded")


def test_scanned_code_is_charged_once_and_recorded(
    env: FlowEnv, gateway: SimulatedPaymentGateway
) -> None:
    flow = pay_flow(env, gateway, ["payment", "confirm"])
    step = flow.current
    assert step.state is PayState.CHOOSE
    step.on_device_event("scanner", CodeScanned(ScanResult(CODE, CODE.encode())))
    assert flow.current.kind == "confirm"
    order = flow.session.data["payment.order_no"]
    assert len(gateway.simulator.charges(order)) == 1
    assert flow.session.data["paid_fen"] == 2000
    assert flow.session.data["case.payload"]["payment"]["order_no"] == order
    wait_rows(env, "payment", 1)


def test_declined_then_paid_with_a_new_order(
    env: FlowEnv, gateway: SimulatedPaymentGateway
) -> None:
    gateway.simulator.behaviour.decline_reason = "INSUFFICIENT_FUNDS"
    flow = pay_flow(env, gateway, ["payment", "confirm"])
    step = flow.current
    step.charge(CODE)
    assert step.error.code == "PAYMENT_DECLINED" and step.error.detail == "INSUFFICIENT_FUNDS"
    first = flow.session.data["payment.order_no"]
    assert not env.idle.paused
    gateway.simulator.behaviour.decline_reason = ""
    step.charge(CODE)
    assert flow.current.kind == "confirm"
    assert flow.session.data["payment.order_no"] != first


def test_lost_answer_is_resolved_by_query_never_a_second_charge(
    env: FlowEnv, gateway: SimulatedPaymentGateway
) -> None:
    gateway.simulator.behaviour = behaviour_for("duplicate_request")  # booked, answer lost
    flow = pay_flow(env, gateway, ["payment", "confirm"])
    step = flow.current
    step.charge(CODE)
    assert flow.current.kind == "confirm", step.error
    order = flow.session.data["payment.order_no"]
    assert len(gateway.simulator.charges(order)) == 1


def test_an_outcome_that_never_comes_goes_to_staff_without_a_new_charge(
    env: FlowEnv, gateway: SimulatedPaymentGateway, monkeypatch: pytest.MonkeyPatch
) -> None:
    import kiosk.flow.payment as payment

    monkeypatch.setattr(payment, "QUERY_ROUND_S", 0.2)
    gateway.simulator.behaviour = behaviour_for("timeout", client_timeout_s=1.0)
    flow = pay_flow(env, gateway, ["payment", "confirm"])
    step = flow.current
    step.charge(CODE)
    assert step.state is PayState.UNCONFIRMED and step.error.code == "PAYMENT_UNCONFIRMED"
    order = flow.session.data["payment.order_no"]
    step.charge(CODE)  # the citizen scans again: refused, the first order is unresolved
    assert flow.session.data["payment.order_no"] == order
    assert len(gateway.simulator.charges(order)) <= 1
    wait_rows(env, "payment_unconfirmed", 1)


def test_qr_paid_on_the_phone(env: FlowEnv, gateway: SimulatedPaymentGateway) -> None:
    flow = pay_flow(env, gateway, ["payment", "confirm"])
    step = flow.current
    step.show_qr()  # the simulator marks QR orders paid on the 2nd query
    assert flow.current.kind == "confirm"
    assert step.qr_text


def test_qr_expired(env: FlowEnv, gateway: SimulatedPaymentGateway) -> None:
    gateway.simulator.behaviour = behaviour_for("qr_expired")
    flow = pay_flow(env, gateway, ["payment", "confirm"])
    step = flow.current
    step.show_qr()
    assert step.error.code == "PAYMENT_QR_EXPIRED" and step.state is PayState.CHOOSE


def test_paid_visit_cancelled_before_submit_is_refunded(
    env: FlowEnv, gateway: SimulatedPaymentGateway
) -> None:
    flow = pay_flow(env, gateway, ["payment", "confirm", "submit"])
    flow.current.charge(CODE)
    order = flow.session.data["payment.order_no"]
    flow.cancel()
    assert flow.outcome is FlowOutcome.CANCELLED
    refunds = gateway.simulator.refunds(order)
    assert len(refunds) == 1 and refunds[0].amount_fen == 2000
    wait_rows(env, "refund", 1)


def test_paid_and_submitted_is_not_refunded(env: FlowEnv, gateway: SimulatedPaymentGateway) -> None:
    flow = pay_flow(env, gateway, ["payment", "submit", "confirm"])
    flow.current.charge(CODE)
    assert "case_id" in flow.session.data
    order = flow.session.data["payment.order_no"]
    flow.cancel()
    assert gateway.simulator.refunds(order) == []


def test_free_service_skips_payment(env: FlowEnv, gateway: SimulatedPaymentGateway) -> None:
    env.devices = FlowDevices({"payment": gateway})
    service = env.config.service("complaint").model_copy(update={"steps": ["payment", "confirm"]})
    flow = Flow(service, SessionManager().start("x"), env)
    flow.start()
    assert flow.current.kind == "confirm" and flow.session.data["paid_fen"] == 0


def test_a_shown_qr_counts_down_then_is_closed_and_the_citizen_asked(
    env: FlowEnv, gateway: SimulatedPaymentGateway
) -> None:
    """No endless wait, no staff call for a QR nobody paid: it expires, a new one is offered."""
    import datetime as dt
    from concurrent.futures import Future

    flow = pay_flow(env, gateway, ["payment", "confirm"])
    step = flow.current
    pending: list = []
    env.run_async = lambda fn, done: pending.append((fn, done))

    def run_next() -> None:
        fn, done = pending.pop(0)
        future: Future = Future()
        try:
            future.set_result(fn())
        except Exception as exc:
            future.set_exception(exc)
        done(future)

    step.show_qr()
    run_next()  # the QR order
    assert step.state is PayState.QR_SHOWN
    assert 280 <= step.qr_seconds_left() <= 300  # the page counts these down
    pending.clear()  # a round of queries in flight; it answers nothing here
    now = step.clock()
    step.clock = lambda: now + dt.timedelta(minutes=10)  # the QR's time is up
    step._query_round()
    run_next()  # the order is closed at the gateway
    assert step.state is PayState.CHOOSE and step.error.code == "PAYMENT_QR_EXPIRED"
    assert step.qr_seconds_left() == 0 and step.qr_text == ""
    assert flow.current is step and "payment.paid" not in flow.session.data
