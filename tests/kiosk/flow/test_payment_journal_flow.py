"""The payment step writes every order to the journal before the gateway hears of it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.flow.engine import FlowEnv
from kiosk.payments.journal import JournalUnavailable, PaymentJournal, PaymentState
from tests.kiosk.flow.test_payment import CODE, pay_flow


@pytest.fixture
def journal(env: FlowEnv, tmp_path: Path) -> Iterator[PaymentJournal]:
    j = PaymentJournal.open(tmp_path / "journal")
    env.services.payment_journal = j
    yield j
    j.close()


def test_paid_then_filed_under_the_case_s_own_number(env, gateway, journal) -> None:
    flow = pay_flow(env, gateway, ["payment", "submit", "confirm"])
    flow.current.charge(CODE)
    data = flow.session.data
    order = data["payment.order_no"]
    entry = journal.get(order)
    assert entry is not None and entry.application_no == data["application_no"]
    assert (entry.service_id, entry.amount_fen) == ("id_card_renewal", 2000)
    assert "case_id" in data  # the submit step filed the case under that same number
    assert journal.get(order).state is PaymentState.FILED


def test_declined_is_void_and_the_retry_is_a_new_entry(env, gateway, journal) -> None:
    gateway.simulator.behaviour.decline_reason = "INSUFFICIENT_FUNDS"
    flow = pay_flow(env, gateway, ["payment", "confirm"])
    step = flow.current
    step.charge(CODE)
    first = flow.session.data["payment.order_no"]
    assert journal.get(first).state is PaymentState.VOID
    gateway.simulator.behaviour.decline_reason = ""
    step.charge(CODE)
    second = flow.session.data["payment.order_no"]
    assert second != first and journal.get(second).state is PaymentState.PAID
    # One case, one number, whichever order paid for it.
    assert journal.get(first).application_no == journal.get(second).application_no


def test_a_visit_ended_before_its_case_refunds_and_says_so(env, gateway, journal) -> None:
    flow = pay_flow(env, gateway, ["payment", "confirm", "submit"])
    flow.current.charge(CODE)
    order = flow.session.data["payment.order_no"]
    flow.cancel()
    entry = journal.get(order)
    assert entry.state is PaymentState.REFUNDED and entry.refund_no == f"R{order[1:]}"


def test_a_refund_that_fails_in_the_visit_stays_open_for_recovery(env, gateway, journal) -> None:
    flow = pay_flow(env, gateway, ["payment", "confirm", "submit"])
    flow.current.charge(CODE)
    order = flow.session.data["payment.order_no"]
    gateway.simulator.behaviour.unavailable = True  # the refund cannot go through now
    flow.cancel()
    assert gateway.simulator.refunds(order) == []
    assert journal.get(order).state is PaymentState.PAID  # the next start refunds it


def test_without_a_working_journal_no_money_is_asked_for(env, gateway) -> None:
    class BrokenJournal:
        def ordered(self, *args: object) -> None:
            raise JournalUnavailable("disk gone")

    env.services.payment_journal = BrokenJournal()
    flow = pay_flow(env, gateway, ["payment", "confirm"])
    step = flow.current
    step.charge(CODE)
    order = flow.session.data["payment.order_no"]
    assert step.error.code == "PAYMENT_UNAVAILABLE" and step.error.detail == "JOURNAL"
    assert gateway.simulator.charges(order) == []  # the gateway never heard of it
    step.show_qr()
    assert step.error.code == "PAYMENT_UNAVAILABLE"
    assert gateway.simulator.order_status(flow.session.data["payment.order_no"]) == ""  # no QR
