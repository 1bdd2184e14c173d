"""扫码取证 pages: the slip's code (scanned or keyed in), then the card at the gate."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout

from kiosk.flow.collection import Check, Receipt, Release
from ui.design_tokens import size
from ui.steps.base import StepPage
from ui.steps.texts import error_text
from ui.widgets.illustration import Illustration
from ui.widgets.keypad import Keypad, beside_keypad


class CollectSlipPage(StepPage):
    """Scan the slip's QR code or key in its number; the platform's answer in words."""

    kind = "collect_slip"
    shows_errors = True

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.instruction = QLabel(objectName="Heading", wordWrap=True)
        self.or_label = QLabel(wordWrap=True)
        self.typed = QLabel(objectName="Entry")
        self.status = QLabel(objectName="Heading", wordWrap=True)
        self.problem = QLabel(objectName="Alert", wordWrap=True)
        self.holder = QLabel(objectName="Muted", wordWrap=True)
        self.keypad = Keypad(max_length=24)
        self.keypad.text_changed.connect(lambda text: self.step.set_typed(text))
        self.check_button = QPushButton(objectName="Primary")
        self.check_button.clicked.connect(lambda: self.step.accept_typed())
        left = QVBoxLayout()
        for w in (self.instruction, self.status, self.problem, self.holder, self.or_label,
                  self.typed):  # fmt: skip
            left.addWidget(w)
        self.body.addLayout(beside_keypad(left, self.keypad), 1)
        self.actions.addWidget(self.check_button)

    def bind(self, step, language: str) -> None:
        self.keypad.show_quietly("")
        super().bind(step, language)

    def retranslate(self) -> None:
        self.title.setText(self.tr("扫码取证"))
        self.instruction.setText(self.tr("请将受理凭条上的二维码对准扫码口"))
        self.or_label.setText(self.tr("或者用右边的数字键输入凭条上的受理编号："))
        self.check_button.setText(self.tr("领取"))

    def refresh(self) -> None:
        step = self.step
        if step is None or not hasattr(step, "check"):
            return
        checking = step.check is Check.CHECKING
        self.status.setText(self.tr("正在核对领取信息，请稍候……") if checking else "")
        self.status.setVisible(checking)
        self.typed.setText(step.typed or "—")
        error = step.error
        self.problem.setText(error_text(error.code) if error is not None else "")
        self.problem.setVisible(error is not None)
        # Whose the card is, masked as the platform gives it: a citizen who typed a
        # wrong name sees the surname to check against.
        shown = error is not None and error.code == "COLLECT_NOT_YOURS" and bool(step.holder)
        self.holder.setText(self.tr("证件申请人：%1").replace("%1", step.holder) if shown else "")
        self.holder.setVisible(shown)
        if checking:
            reason = self.tr("正在核对……")
        elif len(step.typed) < 8:
            reason = self.tr("请先输入受理编号（至少 8 位）")
        else:
            reason = None
        self.explain(self.check_button, reason)


class ReleaseCardPage(StepPage):
    """The gate picture and "请取走您的身份证"; afterwards a receipt, or what to do now."""

    kind = "release_card"
    shows_errors = True

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.picture = Illustration("dispenser_gate")
        self.picture.setMaximumSize(*size("picture_large"))
        self.headline = QLabel(objectName="Countdown", wordWrap=True)
        self.headline.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.detail = QLabel(wordWrap=True)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.receipt_status = QLabel(objectName="Muted", wordWrap=True)
        self.receipt_status.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.receipt_button = QPushButton(objectName="Secondary")
        self.receipt_button.clicked.connect(lambda: self.step.print_receipt())
        self.done_button = QPushButton(objectName="Primary")
        self.done_button.clicked.connect(lambda: self.step.finish())
        for w in (self.picture, self.headline, self.detail, self.receipt_status):
            self.body.addWidget(w)
        self.body.addStretch(1)
        self.actions.addWidget(self.receipt_button)
        self.actions.addWidget(self.done_button)

    def retranslate(self) -> None:
        self.title.setText(self.tr("领取身份证"))
        self.receipt_button.setText(self.tr("打印领取凭条"))

    def refresh(self) -> None:
        step = self.step
        if step is None or not hasattr(step, "state"):
            return
        state = step.state
        taken = state is Release.TAKEN
        if state is Release.RELEASING:
            self.headline.setText(self.tr("请取走您的身份证"))
            self.detail.setText(self.tr("证件正在送到出证口，请在 30 秒内取走。"))
        elif taken:
            self.headline.setText(self.tr("您已取走身份证"))
            self.detail.setText(self.tr("请当场核对证件信息，需要领取凭条请点“打印领取凭条”。"))
        else:
            self.headline.setText(self.tr("证件没有领取成功"))
            error = step.error
            self.detail.setText(error_text(error.code) if error is not None else "")
        receipts = {
            Receipt.PRINTING: self.tr("正在打印领取凭条……"),
            Receipt.PRINTED: self.tr("领取凭条已打印，请在出纸口取走。"),
            Receipt.FAILED: self.tr("领取凭条没有打印出来，证件已领取，不影响使用。"),
        }
        self.receipt_status.setText(receipts.get(step.receipt, ""))
        self.receipt_status.setVisible(bool(self.receipt_status.text()))
        self.receipt_button.setVisible(taken and step.receipt in (Receipt.NONE, Receipt.FAILED))
        self.done_button.setText(self.tr("完成") if taken else self.tr("返回首页"))
        self.done_button.setVisible(state is not Release.RELEASING)
        self.explain(self.done_button, self.tr("正在打印……") if step.busy else None)
