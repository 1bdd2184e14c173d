"""短信通知: consent (unticked), the mobile number on a keypad, or skip.

The number is shown in full while it is typed, grouped 3-4-4 so a wrong digit is
easy to spot; the next page to show it in full is the confirm page.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QBoxLayout, QLabel, QPushButton, QVBoxLayout

from ui.design_tokens import INK, ON_PRIMARY
from ui.icons import Look, show_icon
from ui.steps.base import StepPage
from ui.steps.complaint import group_phone
from ui.widgets.keypad import Keypad
from ui.widgets.reflow import side_by_side


class SmsPhonePage(StepPage):
    kind = "sms_phone"

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.hint = QLabel(wordWrap=True)
        self.consent = QPushButton(objectName="Chip", checkable=True)
        self.consent.clicked.connect(lambda checked: self.step.set_consent(checked))
        self.number = QLabel(objectName="Entry", alignment=Qt.AlignmentFlag.AlignCenter)
        self.problem = QLabel(objectName="Alert", wordWrap=True)
        self.keypad = Keypad(max_length=11)
        self.keypad.text_changed.connect(lambda text: self.step.set_number(text))
        self.skip_button = QPushButton(objectName="Secondary")
        self.skip_button.clicked.connect(lambda: self.step.skip())
        self.next_button = QPushButton(objectName="Primary")
        self.next_button.clicked.connect(lambda: self.step.accept())
        left = QVBoxLayout()
        for w in (self.hint, self.consent, self.number, self.problem):
            left.addWidget(w)
        left.addStretch(1)
        # The words and the keypad side by side; upright, the keypad below the words.
        row = side_by_side(QBoxLayout(QBoxLayout.Direction.LeftToRight))
        row.addLayout(left, 3)
        row.addWidget(self.keypad, 2)
        self.body.addLayout(row, 1)
        self.actions.addWidget(self.skip_button)
        self.actions.addWidget(self.next_button)

    def bind(self, step, language: str) -> None:
        self.keypad.show_quietly(getattr(step, "number", "") or "")
        super().bind(step, language)

    def retranslate(self) -> None:
        self.title.setText(self.tr("短信通知（可以跳过）"))
        self.hint.setText(
            self.tr(
                "办好后我们可以发短信通知您。需要的话，请勾选同意，再输入手机号码；不需要请点“跳过”。"
            )
        )
        self.skip_button.setText(self.tr("跳过，不要短信"))
        self.next_button.setText(self.tr("同意，下一步"))

    def refresh(self) -> None:
        step = self.step
        if step is None or not hasattr(step, "number"):
            return
        self.consent.setChecked(step.consent)
        # A box to tick, ticked or not: consent is given, never assumed.
        if step.consent:
            show_icon(self.consent, "mdi6.checkbox-marked-outline", Look(ON_PRIMARY))
        else:
            show_icon(self.consent, "mdi6.checkbox-blank-outline", Look(INK))
        self.consent.setText(self.tr("我同意用这个手机号码接收本次办理结果的短信"))
        self.number.setText(group_phone(step.number) or "—")
        problems = {
            "NOT_A_MOBILE": self.tr("这不是手机号码，请核对（以 13 至 19 开头）"),
            "NOT_A_NUMBER": self.tr("请只输入数字"),
        }
        self.problem.setText(problems.get(step.problem or "", ""))
        if step.problem == "INCOMPLETE":
            why = self.tr("还差 %1 位").replace("%1", str(11 - len(step.number)))
        elif step.problem is not None:
            why = self.tr("手机号码有误，请核对")
        elif not step.consent:
            why = self.tr("请先勾选同意")
        else:
            why = None
        self.explain(self.next_button, why)
