"""The start page of a service: what it does, who may use it, what to bring, fee and time."""

from __future__ import annotations

from PySide6.QtWidgets import QPushButton

from ui.service_text import format_fee
from ui.steps.base import StepPage
from ui.steps.facts import FactRows

FACTS = ("what", "bundle", "who", "bring", "fee", "minutes", "result")


class StartPage(StepPage):
    kind = "start"

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.facts = FactRows(FACTS)
        self.begin_button = QPushButton(objectName="Primary")
        self.begin_button.clicked.connect(lambda: self.step.begin())
        self.body.addWidget(self.facts)
        self.body.addStretch(1)
        self.actions.addWidget(self.begin_button)

    def retranslate(self) -> None:
        self.title.setText(self.tr("办理须知"))
        self.begin_button.setText(self.tr("开始办理"))

    def refresh(self) -> None:
        step = self.step
        if step is None or not hasattr(step, "service"):
            return
        s, lang = step.service, self.language
        bring = (
            "；".join(m.get(lang) for m in s.materials) if s.materials else self.tr("无需携带材料")
        )
        minutes = (
            self.tr("约 %1 分钟").replace("%1", str(s.minutes)) if s.minutes is not None else ""
        )
        result = s.time_limit.get(lang)
        if s.pickup_working_days:
            result = (
                self.tr("%1 个工作日后可领取（%2）")
                .replace("%1", str(s.pickup_working_days))
                .replace("%2", result)
            )
        facts = self.facts
        facts.set("what", self.tr("办理内容"), s.summary.get(lang))
        # 一件事: the services filed together, one case (and one number) each.
        config = step.env.config
        sep = ", " if lang == "en" else "、"
        members = sep.join(config.service(m).name.get(lang) for m in s.bundle)
        facts.set("bundle", self.tr("一次办理"), members)
        facts.set("who", self.tr("适用对象"), s.eligibility.get(lang) if s.eligibility else "")
        facts.set("bring", self.tr("所需材料"), bring)
        facts.set("fee", self.tr("费用"), format_fee(s.fee_fen, self.tr("免费"), self.tr("元")))
        facts.set("minutes", self.tr("办理用时"), minutes)
        facts.set("result", self.tr("办理结果"), result)
