"""Paying the fee: two ways, one line each with a picture; a QR with a visible countdown.

The citizen either shows their phone's payment code to the scanner or asks for a QR
to scan with the phone. While a QR is shown the seconds it stays payable count down;
after them the step closes the order and the page offers a new QR. While the QR
waits for the phone, its picture's screen glows slowly. A problem is
said once, on the page (the flow host's banner stays away).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QVBoxLayout

from kiosk.flow.payment import PayState
from ui.design_tokens import size
from ui.illustrations import layout_of, place_text
from ui.service_text import format_fee
from ui.steps.base import StepPage
from ui.steps.texts import error_text
from ui.widgets.busy_dots import BusyDots
from ui.widgets.illustration import Illustration
from ui.widgets.qr_view import QrView
from ui.widgets.reflow import upright


class PaymentPage(StepPage):
    kind = "payment"
    shows_errors = True

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.amount = QLabel(objectName="Countdown")
        self.instruction = QLabel(objectName="Heading", wordWrap=True)
        self.way_code = QLabel(wordWrap=True)
        self.way_qr = QLabel(wordWrap=True)
        self.code_sketch = Illustration("pay_show_code")
        self.qr_sketch = Illustration("pay_scan_qr")
        # Under the QR while it waits for the phone, its screen glowing slowly; it gives
        # up its room when the QR needs it.
        self.waiting_sketch = Illustration("pay_scan_qr")
        self.waiting_sketch.setMaximumSize(*size("picture_small"))
        self.waiting_sketch.setMinimumSize(0, 0)
        self.countdown = QLabel(objectName="Heading", wordWrap=True)
        self.detail = QLabel(objectName="Alert", wordWrap=True)
        self.qr = QrView(self)
        self.qr.setMinimumSize(*size("qr_pay"))
        self.qr_button = QPushButton(objectName="Secondary")
        self.qr_button.clicked.connect(lambda: self.step.show_qr())
        self.grid = grid = QGridLayout()
        grid.addWidget(self.amount, 0, 0, 1, 2)
        grid.addWidget(self.instruction, 1, 0, 1, 2)
        grid.addWidget(self.countdown, 2, 0, 1, 2)
        grid.addWidget(self.code_sketch, 3, 0)
        grid.addWidget(self.way_code, 3, 1)
        grid.addWidget(self.qr_sketch, 4, 0)
        grid.addWidget(self.way_qr, 4, 1)
        grid.addWidget(self.detail, 5, 0, 1, 2)
        # Moves while the payment's answer is awaited (charging, confirming).
        self.waiting = BusyDots()
        grid.addWidget(self.waiting, 6, 0, 1, 2, Qt.AlignmentFlag.AlignLeft)
        beside_qr = QVBoxLayout()
        beside_qr.addStretch(1)
        beside_qr.addWidget(self.qr, 0, Qt.AlignmentFlag.AlignHCenter)
        beside_qr.addWidget(self.waiting_sketch, 0, Qt.AlignmentFlag.AlignHCenter)
        beside_qr.addStretch(1)
        # The QR beside the words; upright, below them.
        if upright(self):
            grid.addLayout(beside_qr, 7, 0, 1, 2)
            grid.setRowStretch(8, 1)
        else:
            grid.addLayout(beside_qr, 0, 2, 8, 1)
            grid.setRowStretch(7, 1)
        grid.setColumnStretch(1, 3)
        for sketch in (self.code_sketch, self.qr_sketch):
            sketch.setMaximumSize(*size("picture_small"))
        self.body.addLayout(grid, 1)
        self.actions.addWidget(self.qr_button)
        # Redraws the countdown once a second while a QR is shown; stopped otherwise.
        self._tick = QTimer(self, interval=1000, timeout=self._show_countdown)

    def retranslate(self) -> None:
        self.title.setText(self.tr("缴纳费用"))
        self.way_code.setText(
            self.tr("① 付款码：打开手机上的付款码，对准%1的扫码口。").replace(
                "%1", place_text(layout_of(self))
            )
        )
        self.way_qr.setText(self.tr("② 扫码：点下方“用手机扫码支付”，再用手机扫屏幕上的二维码。"))

    def refresh(self) -> None:
        step = self.step
        if step is None or not hasattr(step, "state"):
            return
        self.amount.setText(format_fee(step.amount_fen, self.tr("免费"), self.tr("元")))
        state = step.state
        texts = {
            PayState.CHOOSE: self.tr("请选择一种方式付款"),
            PayState.CHARGING: self.tr("正在支付，请稍候……"),
            PayState.CONFIRMING: self.tr("正在确认支付结果，请不要重复付款……"),
            PayState.QR_SHOWN: self.tr("请用手机扫描右边的二维码付款"),
            PayState.PAID: self.tr("支付成功"),
            PayState.UNCONFIRMED: self.tr("支付结果暂未确认，请不要重复付款"),
        }
        self.instruction.setText(texts[state])
        choosing = state is PayState.CHOOSE
        qr_shown = state is PayState.QR_SHOWN
        for w in (self.way_code, self.way_qr, self.code_sketch, self.qr_sketch):
            w.setVisible(choosing)
        self.waiting_sketch.setVisible(qr_shown)
        self.waiting_sketch.set_pulsing(qr_shown)  # waiting for the phone
        self.detail.setText(error_text(step.error.code) if step.error is not None else "")
        self.detail.setVisible(step.error is not None)
        # A shown QR waits with its picture glowing under it; the dots are for the rest.
        waiting = (PayState.CHARGING, PayState.CONFIRMING)
        self.waiting.set_active(state in waiting and step.error is None)
        self.qr.set_data(step.qr_text if qr_shown else "")
        self.qr.setVisible(qr_shown)
        self.grid.setColumnStretch(2, 2 if qr_shown else 0)  # the text takes the room then
        expired = step.error is not None and step.error.code == "PAYMENT_QR_EXPIRED"
        self.qr_button.setText(self.tr("重新获取二维码") if expired else self.tr("用手机扫码支付"))
        self.qr_button.setVisible(choosing)
        if qr_shown and not self._tick.isActive():
            self._tick.start()
        elif not qr_shown:
            self._tick.stop()
        self._show_countdown()

    def _show_countdown(self) -> None:
        step = self.step
        seconds = step.qr_seconds_left() if step is not None and hasattr(step, "state") else 0
        shown = seconds > 0
        self.countdown.setVisible(shown)
        if shown:
            self.countdown.setText(
                self.tr("二维码 %1 内有效，过期后可重新获取").replace(
                    "%1", f"{seconds // 60}:{seconds % 60:02d}"
                )
            )
        else:
            self._tick.stop()

    def hideEvent(self, event) -> None:
        self._tick.stop()  # no countdown ticks on a page nobody sees
        super().hideEvent(event)
