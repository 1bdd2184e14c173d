"""投诉咨询 / 办不成事反映: category, preset reasons, optional phone number."""

from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QVBoxLayout

from kiosk.flow.feedback import COMPLAINT_CATEGORIES
from kiosk.privacy import mask_phone
from ui.steps.base import StepPage
from ui.steps.texts import category_text, reason_text
from ui.widgets.chips import Chips
from ui.widgets.keypad import Keypad


class ComplaintPage(StepPage):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.category_label = QLabel()
        self.categories = Chips(columns=3)
        self.categories.clicked.connect(lambda key: self.step.choose_category(key))
        self.reason_label = QLabel()
        self.reasons = Chips(columns=2)
        self.reasons.clicked.connect(lambda key: self.step.toggle_reason(key))
        self.phone_label = QLabel(wordWrap=True)
        self.phone_value = QLabel(objectName="Heading")
        self.phone_error = QLabel(objectName="Alert")
        self.keypad = Keypad(max_length=11)
        self.keypad.text_changed.connect(lambda text: self.step.set_phone(text))
        self.send_button = QPushButton(objectName="Primary")
        self.send_button.clicked.connect(lambda: self.step.send())
        grid = QGridLayout()
        left = QVBoxLayout()
        for w in (self.category_label, self.categories, self.reason_label, self.reasons):
            left.addWidget(w)
        left.addStretch(1)
        right = QVBoxLayout()
        for w in (self.phone_label, self.phone_value, self.phone_error, self.keypad):
            right.addWidget(w)
        grid.addLayout(left, 0, 0)
        grid.addLayout(right, 0, 1)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)
        self.body.addLayout(grid, 1)
        self.actions.addWidget(self.send_button)

    def retranslate(self) -> None:
        self.title.setText(self.tr("反映问题"))
        self.category_label.setText(self.tr("1. 请选择类别："))
        self.reason_label.setText(self.tr("2. 请选择原因（可多选）："))
        self.phone_label.setText(self.tr("3. 联系电话（选填，方便我们回复您）："))
        self.send_button.setText(self.tr("提交"))
        self.categories.set_choices((c, category_text(c)) for c in COMPLAINT_CATEGORIES)

    def bind(self, step, language: str) -> None:
        self.keypad.blockSignals(True)  # a fresh form: no echo into the new step
        self.keypad.clear()
        self.keypad.blockSignals(False)
        super().bind(step, language)

    def refresh(self) -> None:
        step = self.step
        if step is None or not hasattr(step, "category"):
            return
        self.categories.set_checked([step.category] if step.category else [])
        reasons = COMPLAINT_CATEGORIES.get(step.category or "", ())
        self.reasons.set_choices((r, reason_text(r)) for r in reasons)
        self.reasons.set_checked(step.reasons)
        self.reason_label.setVisible(bool(reasons))
        self.phone_value.setText(mask_phone(step.phone) if step.phone else "—")
        self.phone_error.setText("" if step.phone_valid else self.tr("请输入11位手机号码"))
        self.send_button.setEnabled(step.can_send and not step.busy)
