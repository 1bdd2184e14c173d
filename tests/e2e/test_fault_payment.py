"""Payment faults of a renewal through the window: declined, unanswered, paid with no case filed.

The citizen scans a payment code on the simulated scanner; the real gateway
driver talks to the gateway simulator, whose ledger shows every money movement.
"""

from __future__ import annotations

from typing import Any

import pytest
from pytestqt.qtbot import QtBot

import kiosk.flow.payment as payment
from drivers.payment.on_simulator import behaviour_for
from kiosk.flow.payment import PayState
from kiosk.visit.session import EndReason
from tests.e2e.conftest import ManualClock, kind, screen_text
from tests.e2e.fault_walk import PAYMENT_CODE, click, device, page, walk_to
from tests.windows import begin
from ui.main_window import KioskWindow

SERVICE = "id_card_renewal"

#: The gateway driver gives up on an answer after 0.5 s (the test then makes the
#: gateway simulator answer 2 s after that: every charge and query goes unanswered).
SHORT_WAIT_SITE = """
[devices.payment]
driver = "payment-sim"
settings = { timeout_s = 0.5, poll_interval_s = 0.2 }
"""
#: The queue takes nothing over 4 KiB: payment and refund records pass, the
#: renewal case (ID photo, fingerprints) is refused as too large.
SMALL_QUEUE_SITE = """
[queue]
max_tx_bytes = 4096
"""


def gateway_sim(window: KioskWindow) -> Any:
    return device(window, "payment").simulator


def rows_of(window: KioskWindow, *types: str) -> list[Any]:
    return [r for r in window.core.outbox.rows(limit=100) if r.type in types]


def at_payment(window: KioskWindow, qtbot: QtBot) -> Any:
    begin(window, SERVICE)
    walk_to(window, qtbot, "payment")
    text = screen_text(window)
    assert "请选择一种方式付款" in text  # the two ways, one line each
    assert "① 付款码：打开手机上的付款码，对准屏幕右侧的扫码口。" in text
    assert "20.00" in page(window).amount.text()
    return window.flow.current


def scan_payment_code(window: KioskWindow) -> None:
    device(window, "scanner").simulator.scan(PAYMENT_CODE)


def test_declined_payment_is_explained_and_nothing_is_filed(
    window: KioskWindow, qtbot: QtBot
) -> None:
    sim = gateway_sim(window)
    sim.behaviour.decline_reason = "INSUFFICIENT_FUNDS"
    step = at_payment(window, qtbot)
    session = window.core.sessions.current

    scan_payment_code(window)
    qtbot.waitUntil(lambda: step.error is not None, timeout=10_000)
    assert step.error.code == "PAYMENT_DECLINED" and step.state is PayState.CHOOSE
    text = screen_text(window)
    assert text.count("支付没有成功，请换一种方式再试。") == 1  # what happened, what to do: once
    assert "请选择一种方式付款" in text  # back to the choice, nothing charged
    assert page(window).qr_button.isVisible()  # another way: pay by QR on the phone
    assert kind(window) == "payment" and not window.core.idle.paused
    first = session.data["payment.order_no"]

    scan_payment_code(window)  # tries again: a new order, declined again
    qtbot.waitUntil(lambda: session.data["payment.order_no"] != first, timeout=10_000)
    qtbot.waitUntil(lambda: step.error is not None and not step.busy, timeout=10_000)
    assert step.error.code == "PAYMENT_DECLINED"

    with qtbot.waitSignal(window.session_ended, timeout=10_000) as ended:
        click(qtbot, window.flow_host.cancel_button)
    assert ended.args == [EndReason.CANCELLED.value]
    assert [e for e in sim.ledger if e.kind == "charge"] == []  # no money moved
    assert rows_of(window, SERVICE, "payment", "refund") == []  # no case, no money records
    assert len(session.data) == 0


@pytest.mark.parametrize("site_toml", [SHORT_WAIT_SITE], ids=["short-wait"])
def test_payment_without_an_answer_goes_to_staff_and_never_charges_twice(
    window: KioskWindow, qtbot: QtBot, idle_clock: ManualClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(payment, "QUERY_ROUND_S", 0.4)
    sim = gateway_sim(window)
    step = at_payment(window, qtbot)
    session = window.core.sessions.current
    sim.behaviour = behaviour_for("timeout", device(window, "payment").settings.timeout_s)

    scan_payment_code(window)
    qtbot.waitUntil(lambda: step.state is PayState.CONFIRMING, timeout=10_000)
    assert "正在确认支付结果，请不要重复付款……" in screen_text(window)
    # Asking the gateway is a device wait: the inactivity timer holds meanwhile.
    assert window.core.idle.paused
    idle_clock.advance(10 * window.core.idle.idle_s)
    window.check_idle()
    assert not window.idle_prompt.isVisible() and window.core.sessions.current is session

    qtbot.waitUntil(lambda: step.state is PayState.UNCONFIRMED, timeout=15_000)
    order = session.data["payment.order_no"]
    text = screen_text(window)
    assert "支付结果暂未确认，请不要重复付款" in text
    assert "请联系工作人员核实支付结果，如已扣款不会重复收费。" in text
    assert not page(window).qr_button.isVisible() and not window.core.idle.paused
    assert len(sim.charges(order)) == 1  # booked once; the kiosk never heard back

    scan_payment_code(window)  # the worried citizen scans again: nothing is charged
    assert len([e for e in sim.ledger if e.kind == "charge"]) == 1
    assert session.data["payment.order_no"] == order

    # Staff find the order by its number: it is queued for the platform under it.
    qtbot.waitUntil(lambda: bool(window.core.outbox.find_case(order)), timeout=5_000)
    assert [r.type for r in window.core.outbox.find_case(order)] == ["payment_unconfirmed"]
    click(qtbot, window.top_bar.help_button)  # "请工作人员协助"
    qtbot.waitUntil(lambda: len(rows_of(window, "help_request")) == 1, timeout=5_000)
    assert rows_of(window, SERVICE, "payment") == []  # no case filed, no payment claimed


@pytest.mark.parametrize("site_toml", [SMALL_QUEUE_SITE], ids=["small-queue"])
def test_paid_visit_ending_without_a_case_is_refunded(window: KioskWindow, qtbot: QtBot) -> None:
    sim = gateway_sim(window)
    at_payment(window, qtbot)
    session = window.core.sessions.current

    scan_payment_code(window)
    qtbot.waitUntil(
        lambda: kind(window) == "submit" and window.flow.current.error is not None, timeout=10_000
    )
    order = session.data["payment.order_no"]
    assert len(sim.charges(order)) == 1 and session.data["paid_fen"] == 2000
    assert window.flow.current.error.code == "QUEUE_REFUSED"
    text = screen_text(window)
    assert "本机暂时无法保存办件，请稍后再试或联系工作人员。" in text
    assert "您已缴纳的费用未被使用：取消办理后将原路退回。" in text  # what becomes of the money
    assert page(window).retry_button.isVisible()

    click(qtbot, page(window).retry_button)  # still refused: nothing was filed
    assert window.flow.current.error.code == "QUEUE_REFUSED" and "case_id" not in session.data

    with qtbot.waitSignal(window.session_ended, timeout=10_000):
        click(qtbot, window.flow_host.cancel_button)
    qtbot.waitUntil(lambda: len(sim.refunds(order)) == 1, timeout=10_000)
    [refund] = sim.refunds(order)
    assert refund.amount_fen == 2000
    qtbot.waitUntil(lambda: len(rows_of(window, "refund")) == 1, timeout=5_000)
    assert [r.type for r in rows_of(window, "payment", "refund")].count("payment") == 1
    assert rows_of(window, SERVICE) == []
    assert len(session.data) == 0 and window.stack.currentWidget() is window.home
