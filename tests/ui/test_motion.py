"""Motion only where it tells something: a card being read, a payment waiting."""

from __future__ import annotations

from types import SimpleNamespace

from pytestqt.qtbot import QtBot

from kiosk.flow.payment import PayState
from ui.steps.identity import ReadIdCardPage
from ui.steps.payment import PaymentPage
from ui.widgets.busy_dots import BusyDots


def test_the_dots_move_only_while_on_and_on_screen(qtbot: QtBot) -> None:
    dots = BusyDots()
    qtbot.addWidget(dots)
    assert not dots.isVisible() and not dots._timer.isActive()
    dots.set_active(True)
    assert dots.isVisible() and dots._timer.isActive()
    phase = dots.phase
    qtbot.waitUntil(lambda: dots.phase != phase, timeout=3000)
    dots.hide()  # its page left the screen
    assert not dots._timer.isActive()
    dots.show()
    assert dots._timer.isActive()
    dots.set_active(False)
    assert not dots.isVisible() and not dots._timer.isActive()


def card_step(busy: bool, error: object = None) -> SimpleNamespace:
    return SimpleNamespace(busy=busy, error=error)


def test_reading_a_card_moves_and_nothing_else_on_its_page(qtbot: QtBot) -> None:
    page = ReadIdCardPage()
    qtbot.addWidget(page)
    page.show()
    page.step = card_step(busy=False)
    page.refresh()
    assert not page.reading.isVisible()  # waiting for a card: still
    page.step = card_step(busy=True)
    page.refresh()
    assert page.reading.isVisible() and page.reading._timer.isActive()
    page.step = card_step(busy=False, error=SimpleNamespace(code="IDCARD_READ_FAILED"))
    page.refresh()
    assert not page.reading.isVisible() and not page.reading._timer.isActive()
    assert page.findChildren(BusyDots) == [page.reading]


def pay_step(state: PayState) -> SimpleNamespace:
    return SimpleNamespace(
        state=state,
        amount_fen=2000,
        error=None,
        qr_text="weixin://pay/x" if state is PayState.QR_SHOWN else "",
        qr_seconds_left=lambda: 60 if state is PayState.QR_SHOWN else 0,
    )


def test_a_payment_waiting_moves_a_choice_or_a_result_does_not(qtbot: QtBot) -> None:
    page = PaymentPage()
    qtbot.addWidget(page)
    page.show()
    moving = {}
    for state in PayState:
        page.step = pay_step(state)
        page.refresh()
        moving[state] = page.waiting.isVisible() or page.waiting_sketch.pulsing
    page.step = pay_step(PayState.CHOOSE)
    page.refresh()
    assert moving == {
        PayState.CHOOSE: False,
        PayState.CHARGING: True,
        PayState.CONFIRMING: True,
        PayState.QR_SHOWN: True,
        PayState.PAID: False,
        PayState.UNCONFIRMED: False,
    }
