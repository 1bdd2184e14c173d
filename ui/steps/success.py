"""办理成功: a success panel, the reference number in groups of four, what happens next."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ui.design_tokens import SUCCESS_INK, size, space
from ui.icons import Look, show_icon
from ui.steps.base import StepPage
from ui.steps.facts import FactRows
from ui.widgets.grouped_number import GroupedNumber

NEXT = ("result", "hours", "progress", "sms")


class SuccessPage(StepPage):
    kind = "success"

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        panel = QWidget(objectName="SuccessPanel")
        panel.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.reference_label = QLabel(objectName="Muted", wordWrap=True)
        # The number grouped in fours, large: to read aloud or to copy.
        # Where it does not fit one line, it breaks between groups, in even lines.
        self.reference = GroupedNumber(objectName="Countdown")
        # A 一件事 bundle: each service's own number, one line each.
        self.members = QLabel(wordWrap=True)
        inner = QVBoxLayout(panel)
        inner.setContentsMargins(space("xl"), space("l"), space("xl"), space("l"))
        for w in (self.reference_label, self.reference, self.members):
            inner.addWidget(w)
        self.next_heading = QLabel(objectName="Heading")
        self.facts = FactRows(NEXT)
        self.done_button = QPushButton(objectName="Primary")
        self.done_button.clicked.connect(lambda: self.step.finish())
        # A large green tick beside the heading: done, at a glance.
        self.mark = QLabel(objectName="SuccessMark")
        side = size("tile_icon")[0]
        self.mark.setFixedSize(side, side)
        show_icon(self.mark, "success", Look(SUCCESS_INK), side)
        self.body.removeWidget(self.title)
        heading = QHBoxLayout()
        heading.addWidget(self.mark)
        heading.addWidget(self.title, 1)
        self.body.insertLayout(0, heading)
        self.body.addWidget(panel)
        self.body.addWidget(self.next_heading)
        self.body.addWidget(self.facts)
        self.body.addStretch(1)
        self.actions.addWidget(self.done_button)

    def retranslate(self) -> None:
        self.title.setText(self.tr("办理成功，您的申请已提交"))
        self.reference_label.setText(self.tr("受理编号（查询进度和领取时使用）"))
        self.next_heading.setText(self.tr("接下来"))
        self.done_button.setText(self.tr("完成"))

    def refresh(self) -> None:
        step = self.step
        if step is None or not hasattr(step, "next_steps"):
            return
        lang, facts = self.language, self.facts
        n = step.next_steps
        if n.certificate_printed:  # printed on the spot: the number, and nothing to follow
            self.title.setText(self.tr("✓ 办理成功，证明已打印"))
            self.reference_label.setText(self.tr("证明编号（证明可凭页面上的验证码核验）"))
        self.reference.set_number(step.reference)
        self.reference_label.setVisible(bool(step.reference))
        self.reference.setVisible(bool(step.reference))
        members = getattr(step, "bundle_references", [])
        colon = ": " if lang == "en" else "："
        self.members.setText("\n".join(f"{m.get(lang)}{colon}{ref}" for m, ref in members))
        self.members.setVisible(bool(members))
        if members:  # the big number is then the first service's; each is listed instead
            self.reference.setVisible(False)
            self.reference_label.setVisible(False)  # each line names its service
        self.next_heading.setVisible(not members)  # room for the list, in 长辈版 too
        if n.certificate_printed:
            facts.set("result", self.tr("领取"), self.tr("请取走A4出纸口的证明。"))
            facts.set("hours", "", "")
            facts.set("progress", "", "")
            facts.set("sms", "", "")
            return
        if n.pickup_working_days:
            collect = (
                self.tr("%1 个工作日后，请带上身份证和受理凭条到%2领取。")
                .replace("%1", str(n.pickup_working_days))
                .replace("%2", n.hall_address.get(lang))
            )
            if n.sms_on_ready:  # one row less for the text message's: the hours join the place
                collect += f" {n.hall_hours.get(lang)}" if lang == "en" else n.hall_hours.get(lang)
                facts.set("hours", "", "")
            else:
                facts.set("hours", self.tr("时间"), n.hall_hours.get(lang))
            facts.set("result", self.tr("领取"), collect)
        elif n.reply:
            reply = (
                self.tr("%1，我们会打电话到 %2 回复您。").replace("%2", n.reply_phone)
                if n.reply_phone
                else self.tr("%1，回复可凭受理编号在本机查询。")
            )
            facts.set("result", self.tr("回复"), reply.replace("%1", n.time_limit.get(lang)))
            facts.set("hours", "", "")
        else:
            # A bundle's services keep their own promises (its start page said them):
            # the row's room goes to the list of numbers.
            limit = "" if members else n.time_limit.get(lang)
            facts.set("result", self.tr("办理时限"), limit)
            facts.set("hours", "", "")
        where = (
            self.tr("在本机“办理进度查询”扫凭条上的二维码或输入受理编号")
            if n.slip_printed
            else self.tr("在本机“办理进度查询”输入受理编号")
        )
        if n.help_phone:
            where += self.tr("；也可拨打 %1").replace("%1", n.help_phone)
        facts.set("progress", self.tr("查询进度"), where + self.tr("。"))
        if n.sms_phone:
            sms = self.tr("办好后会发短信到 %1 通知您。").replace("%1", n.sms_phone)
        elif n.sms_on_ready:
            sms = self.tr("您没有留手机号码，不会收到短信。")
        else:
            sms = ""
        facts.set("sms", self.tr("短信"), sms)
