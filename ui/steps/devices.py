"""Pages for the fingerprint reader and for paying the fee."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton

from kiosk.flow.payment import PayState
from ui.service_text import format_fee
from ui.steps.base import StepPage
from ui.steps.texts import error_text
from ui.widgets.qr_view import QrView


def finger_text(finger: str | None) -> str:
    return {
        "right_index": QCoreApplication.translate("StepText", "请将右手食指平放在指纹仪上"),
        "left_index": QCoreApplication.translate("StepText", "请将左手食指平放在指纹仪上"),
    }.get(finger or "", QCoreApplication.translate("StepText", "指纹采集完成"))


class FingerprintPage(StepPage):
    kind = "fingerprint"

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.instruction = QLabel(objectName="Heading", wordWrap=True)
        self.progress = QLabel(wordWrap=True)
        self.retry_button = QPushButton(objectName="Primary")
        self.retry_button.clicked.connect(lambda: self.step.capture_next())
        # Full width, text centred: a wrapped label laid out at its own hinted width
        # (an aligned layout item) is not given the height its lines need.
        for label in (self.instruction, self.progress):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.body.addStretch(1)
        self.body.addWidget(self.instruction)
        self.body.addWidget(self.progress)
        self.body.addStretch(2)
        self.actions.addWidget(self.retry_button)

    def retranslate(self) -> None:
        self.title.setText(self.tr("采集指纹"))
        self.retry_button.setText(self.tr("重新采集"))

    def refresh(self) -> None:
        step = self.step
        if step is None or not hasattr(step, "captured"):
            return
        self.instruction.setText(finger_text(step.finger))
        if step.error is not None:
            progress = error_text(step.error.code)
        elif getattr(step, "same_finger", False):
            progress = self.tr("这个手指刚才已经采集过了，请换另一只手的食指")
        else:
            progress = self.tr("已采集 %1 枚，共 2 枚").replace("%1", str(len(step.captured)))
        self.progress.setText(progress)
        self.retry_button.setVisible(step.error is not None)


class PaymentPage(StepPage):
    kind = "payment"

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.amount = QLabel(objectName="Countdown")
        self.instruction = QLabel(objectName="Heading", wordWrap=True)
        self.detail = QLabel(wordWrap=True)
        self.qr = QrView(self)
        self.qr.setMinimumSize(360, 360)
        self.qr_button = QPushButton(objectName="Secondary")
        self.qr_button.clicked.connect(lambda: self.step.show_qr())
        grid = QGridLayout()
        grid.addWidget(self.amount, 0, 0)
        grid.addWidget(self.instruction, 1, 0)
        grid.addWidget(self.detail, 2, 0)
        grid.addWidget(self.qr, 0, 1, 4, 1, Qt.AlignmentFlag.AlignCenter)
        grid.setRowStretch(3, 1)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)
        self.body.addLayout(grid, 1)
        self.actions.addWidget(self.qr_button)

    def retranslate(self) -> None:
        self.title.setText(self.tr("缴纳费用"))
        self.qr_button.setText(self.tr("用手机扫码支付"))

    def refresh(self) -> None:
        step = self.step
        if step is None or not hasattr(step, "state"):
            return
        self.amount.setText(format_fee(step.amount_fen, self.tr("免费"), self.tr("元")))
        state = step.state
        texts = {
            PayState.CHOOSE: self.tr("请打开手机付款码，对准扫码口"),
            PayState.CHARGING: self.tr("正在支付，请稍候……"),
            PayState.CONFIRMING: self.tr("正在确认支付结果，请不要重复付款……"),
            PayState.QR_SHOWN: self.tr("请用手机扫描右边的二维码付款"),
            PayState.PAID: self.tr("支付成功"),
            PayState.UNCONFIRMED: self.tr("支付结果暂未确认，请不要重复付款"),
        }
        self.instruction.setText(texts[state])
        self.detail.setText(error_text(step.error.code) if step.error is not None else "")
        self.qr.set_data(step.qr_text if state is PayState.QR_SHOWN else "")
        self.qr.setVisible(state is PayState.QR_SHOWN)
        self.qr_button.setVisible(state is PayState.CHOOSE)
