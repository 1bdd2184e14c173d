"""好差评: five large grade buttons; reasons for the two lowest."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QPushButton

from kiosk.flow.feedback import RATING_REASONS, Grade
from ui.steps.base import StepPage
from ui.steps.texts import grade_text, reason_text
from ui.widgets.chips import Chips
from ui.widgets.reflow import upright


class RatingPage(StepPage):
    kind = "rating"

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        # Five in a row; upright, a row of five would squeeze the longer grades.
        self.grades = Chips(columns=3 if upright(self) else 5)
        self.grades.clicked.connect(lambda key: self.step.choose(Grade(int(key))))
        self.reason_label = QLabel(wordWrap=True)
        self.reasons = Chips(columns=2 if upright(self) else 3)
        self.reasons.clicked.connect(lambda key: self.step.toggle_reason(key))
        self.send_button = QPushButton(objectName="Primary")
        self.skip_button = QPushButton(objectName="Secondary")
        self.send_button.clicked.connect(lambda: self.step.send())
        self.skip_button.clicked.connect(lambda: self.step.skip())
        self.body.addWidget(self.grades)
        self.body.addWidget(self.reason_label)
        self.body.addWidget(self.reasons)
        self.body.addStretch(1)
        self.actions.addWidget(self.skip_button)
        self.actions.addWidget(self.send_button)

    def retranslate(self) -> None:
        self.title.setText(self.tr("请对本次服务进行评价"))
        self.reason_label.setText(self.tr("请选择不满意的原因（可多选）："))
        self.send_button.setText(self.tr("提交评价"))
        self.skip_button.setText(self.tr("不评价"))
        # Best first, as citizens read left to right.
        self.grades.set_choices((str(int(g)), grade_text(g)) for g in reversed(Grade))
        self.reasons.set_choices((r, reason_text(r)) for r in RATING_REASONS)

    def refresh(self) -> None:
        step = self.step
        if step is None or not hasattr(step, "grade"):
            return
        self.grades.set_checked([str(int(step.grade))] if step.grade else [])
        self.reason_label.setVisible(step.needs_reason)
        self.reasons.setVisible(step.needs_reason)
        self.reasons.set_checked(step.reasons)
        if step.grade is None:
            why = self.tr("请先点选一个评价")
        elif not step.can_send:
            why = self.tr("请至少选择一个原因")
        else:
            why = self.tr("正在提交……") if step.busy else None
        self.explain(self.send_button, why)
