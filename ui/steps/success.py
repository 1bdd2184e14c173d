"""办理成功: a success panel, the reference number in groups of four, what happens next."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from ui.steps.base import StepPage
from ui.steps.facts import FactRows
from ui.theme import PRIMARY, SURFACE

NEXT = ("result", "hours", "progress", "sms")


class SuccessPage(StepPage):
    kind = "success"

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        panel = QWidget(objectName="SuccessPanel")
        panel.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        panel.setStyleSheet(
            f"#SuccessPanel {{ background: {SURFACE}; border: 4px solid {PRIMARY};"
            " border-radius: 12px; }"
        )
        self.reference_label = QLabel(objectName="Muted", wordWrap=True)
        # The number grouped in fours, large: to read aloud or to copy.
        # Upright in 长辈版 it may wrap, between groups only.
        self.reference = QLabel(objectName="Countdown", wordWrap=True)
        inner = QVBoxLayout(panel)
        inner.setContentsMargins(32, 8, 32, 8)
        for w in (self.reference_label, self.reference):
            inner.addWidget(w)
        self.next_heading = QLabel(objectName="Heading")
        self.facts = FactRows(NEXT)
        self.done_button = QPushButton(objectName="Primary")
        self.done_button.clicked.connect(lambda: self.step.finish())
        self.body.addWidget(panel)
        self.body.addWidget(self.next_heading)
        self.body.addWidget(self.facts)
        self.body.addStretch(1)
        self.actions.addWidget(self.done_button)

    def retranslate(self) -> None:
        self.title.setText(self.tr("✓ 办理成功，您的申请已提交"))
        self.reference_label.setText(self.tr("受理编号（查询进度和领取时使用）"))
        self.next_heading.setText(self.tr("接下来"))
        self.done_button.setText(self.tr("完成"))

    def refresh(self) -> None:
        step = self.step
        if step is None or not hasattr(step, "next_steps"):
            return
        lang, facts = self.language, self.facts
        n = step.next_steps
        self.reference.setText(step.reference)
        self.reference_label.setVisible(bool(step.reference))
        self.reference.setVisible(bool(step.reference))
        if n.pickup_working_days:
            facts.set(
                "result",
                self.tr("领取"),
                self.tr("%1 个工作日后，请带上身份证和受理凭条到%2领取。")
                .replace("%1", str(n.pickup_working_days))
                .replace("%2", n.hall_address.get(lang)),
            )
            facts.set("hours", self.tr("时间"), n.hall_hours.get(lang))
        elif n.reply:
            reply = (
                self.tr("%1，我们会打电话到 %2 回复您。").replace("%2", n.reply_phone)
                if n.reply_phone
                else self.tr("%1，回复可凭受理编号在本机查询。")
            )
            facts.set("result", self.tr("回复"), reply.replace("%1", n.time_limit.get(lang)))
            facts.set("hours", "", "")
        else:
            facts.set("result", self.tr("办理时限"), n.time_limit.get(lang))
            facts.set("hours", "", "")
        where = (
            self.tr("在本机“办理进度查询”扫凭条上的二维码或输入受理编号")
            if n.slip_printed
            else self.tr("在本机“办理进度查询”输入受理编号")
        )
        if n.help_phone:
            where += self.tr("；也可拨打 %1").replace("%1", n.help_phone)
        facts.set("progress", self.tr("查询进度"), where + self.tr("。"))
        facts.set(
            "sms",
            self.tr("短信"),
            self.tr("办好后会发短信通知您。") if n.sms_on_ready else "",
        )
