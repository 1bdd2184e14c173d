"""Saving the case: shown while the queue commits it, or with the problem and a retry."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QPushButton

from ui.steps.base import StepPage
from ui.steps.texts import error_text


class SubmitPage(StepPage):
    kind = "submit"
    shows_errors = True

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.status = QLabel(wordWrap=True)
        self.retry_button = QPushButton(objectName="Primary")
        self.retry_button.clicked.connect(lambda: self.step.send())
        self.body.addWidget(self.status)
        self.body.addStretch(1)
        self.actions.addWidget(self.retry_button)

    def retranslate(self) -> None:
        self.title.setText(self.tr("正在提交办件"))
        self.retry_button.setText(self.tr("重试"))

    def refresh(self) -> None:
        step = self.step
        if step is None:
            return
        if step.error is not None:
            self.status.setObjectName("Alert")
            text = error_text(step.error.code)
            if step.data.get("payment.paid"):
                # Money has moved for a case not filed: say what becomes of it.
                text += "\n" + self.tr("您已缴纳的费用未被使用：取消办理后将原路退回。")
            self.status.setText(text)
        else:
            self.status.setObjectName("")
            self.status.setText(self.tr("正在保存，请稍候……"))
        self.status.style().unpolish(self.status)
        self.status.style().polish(self.status)
        self.retry_button.setVisible(step.error is not None)
