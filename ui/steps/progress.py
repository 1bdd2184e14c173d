"""办理进度查询 pages: the slip's number (scanned or keyed in) or the ID card, then the history."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout

from kiosk.flow.progress import CardLookup, Progress
from kiosk.flow.success import group_reference
from ui.steps.base import StepPage
from ui.steps.texts import error_text
from ui.theme import MUTED_INK
from ui.widgets.chips import Chips
from ui.widgets.illustration import Illustration, fit_in_column
from ui.widgets.keypad import Keypad, beside_keypad


def status_text(status: str) -> str:
    texts = {
        "received": QCoreApplication.translate("StepText", "已受理"),
        "processing": QCoreApplication.translate("StepText", "办理中"),
        "ready": QCoreApplication.translate("StepText", "已办结，可领取"),
        "collected": QCoreApplication.translate("StepText", "已领取"),
        "rejected": QCoreApplication.translate("StepText", "不予受理"),
    }
    return texts.get(status, status)


#: The tallest the picture of where to scan the slip gets, in the column of words.
PICTURE_HEIGHT = 240


class IdentifyApplicationPage(StepPage):
    """The slip's code (scanned or keyed in), or the ID card for this kiosk's applications."""

    kind = "identify_application"
    shows_errors = True

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.instruction = QLabel(objectName="Heading", wordWrap=True)
        self.picture = Illustration("scan_code")  # where the slip's code goes
        self.picture.setMinimumSize(0, 0)  # the room the words leave (fit_in_column)
        self.card_hint = QLabel(wordWrap=True)
        self.card_status = QLabel(objectName="Heading", wordWrap=True)
        self.or_label = QLabel(wordWrap=True)
        self.typed = QLabel(objectName="Entry")
        self.problem = QLabel(objectName="Alert", wordWrap=True)
        self.choose_label = QLabel(objectName="Heading", wordWrap=True)
        self.choices = Chips(columns=1)
        self.choices.clicked.connect(lambda number: self.step.choose(number))
        self.keypad = Keypad(max_length=24)
        self.keypad.text_changed.connect(lambda text: self.step.set_typed(text))
        self.retry_card_button = QPushButton(objectName="Secondary")
        self.retry_card_button.clicked.connect(lambda: self.step.retry_card())
        self.other_button = QPushButton(objectName="Secondary")
        self.other_button.clicked.connect(lambda: self.step.dismiss_matches())
        self.search_button = QPushButton(objectName="Primary")
        self.search_button.clicked.connect(lambda: self.step.accept_typed())
        self.left = left = QVBoxLayout()
        for w in (
            self.instruction,
            self.picture,
            self.card_hint,
            self.card_status,
            self.problem,
            self.or_label,
            self.typed,
            self.choose_label,
            self.choices,
        ):
            left.addWidget(w)
        self.body.addLayout(beside_keypad(left, self.keypad), 1)
        self.actions.addWidget(self.retry_card_button)
        self.actions.addWidget(self.other_button)
        self.actions.addWidget(self.search_button)

    def bind(self, step, language: str) -> None:
        self.keypad.show_quietly("")
        super().bind(step, language)

    def forget_input(self) -> None:
        super().forget_input()
        self.choices.set_choices([])  # whose applications these were goes with the visit

    def retranslate(self) -> None:
        self.title.setText(self.tr("查询办理进度"))
        self.instruction.setText(self.tr("请将凭条上的二维码对准扫码口"))
        self.card_hint.setText(self.tr("也可以把身份证放在读卡区，查询您办理的全部业务。"))
        self.or_label.setText(self.tr("或者用右边的数字键输入凭条上的受理编号："))
        self._choose_here = self.tr("本机查到您办理的以下业务，请选择要查询的一项：")
        self._choose_all = self.tr("查到您办理的以下业务（最新的在前），请选择要查看的一项：")
        self.retry_card_button.setText(self.tr("重新读取"))
        self.other_button.setText(self.tr("改为输入受理编号"))
        self.search_button.setText(self.tr("查询"))

    def refresh(self) -> None:
        step = self.step
        if step is None or not hasattr(step, "lookup"):
            return
        choosing = step.lookup is CardLookup.CHOOSE
        for w in (self.instruction, self.or_label, self.typed, self.keypad, self.search_button):
            w.setVisible(not choosing)
        self.card_hint.setVisible(not choosing and step.card_reader_ready)
        self.choose_label.setText(self._choose_all if step.everywhere else self._choose_here)
        self.choose_label.setVisible(choosing)
        self.choices.setVisible(choosing)
        self.other_button.setVisible(choosing)
        self.choices.set_choices(
            (m.application_no, self._choice_text(m)) for m in (step.matches if choosing else [])
        )
        self.card_status.setText(self._card_text(step.lookup, step.everywhere))
        self.card_status.setVisible(bool(self.card_status.text()))
        self.typed.setText(step.typed or "—")
        error = step.error
        self.problem.setText(error_text(error.code) if error is not None else "")
        self.problem.setVisible(error is not None)
        self.retry_card_button.setVisible(error is not None and error.code == "CARD_READ_FAILED")
        self.explain(
            self.search_button,
            None if len(step.typed) >= 8 else self.tr("请先输入受理编号（至少 8 位）"),
        )
        self._fit_picture()

    def _fit_picture(self) -> None:
        choosing = self.step is not None and self.step.lookup is CardLookup.CHOOSE
        fit_in_column(self.picture, self.left, PICTURE_HEIGHT, not choosing)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit_picture()

    def _card_text(self, lookup: CardLookup, everywhere: bool) -> str:
        if lookup is CardLookup.NONE and everywhere:
            return self.tr("没有查到这张身份证办理的业务。")
        texts = {
            CardLookup.READING: self.tr("正在读取身份证，请不要移动……"),
            CardLookup.NONE: self.tr("本机没有查到这张身份证办理的业务。")
            + "\n"
            + self.tr("在其他地方办理的业务，请扫描凭条上的二维码，或到大厅窗口查询。"),
            CardLookup.UNAVAILABLE: self.tr(
                "本机暂时无法按身份证查询，请扫描凭条上的二维码，或输入受理编号。"
            ),
        }
        return texts.get(lookup, "")

    def _choice_text(self, match) -> str:
        try:
            name = self.step.env.config.service(match.service_id).name.get(self.language)
        except KeyError:  # another channel's service, or one since taken out of the catalogue
            name = match.service_id if match.status is not None else self.tr("其他业务")
        if match.status is not None:  # the platform's: its status, and when it last moved
            return (
                self.tr("%1　%2　%3 更新")
                .replace("%1", name)
                .replace("%2", status_text(match.status))
                .replace("%3", f"{match.created:%Y-%m-%d}")
            )
        return (
            self.tr("%1　%2 提交")
            .replace("%1", name)
            .replace("%2", f"{match.created:%Y-%m-%d %H:%M}")
        )


#: The stages an application goes through, in order (a refusal ends it after any).
STAGES = ("received", "processing", "ready", "collected")


class ShowProgressPage(StepPage):
    kind = "show_progress"

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.service = QLabel(objectName="Heading", wordWrap=True)
        self.number = QLabel(objectName="Muted")
        self.headline = QLabel(objectName="Countdown", wordWrap=True)
        self.history = QLabel(wordWrap=True, alignment=Qt.AlignmentFlag.AlignTop)
        self.history.setTextFormat(Qt.TextFormat.RichText)
        self.next_step = QLabel(wordWrap=True)
        self.retry_button = QPushButton(objectName="Secondary")
        self.done_button = QPushButton(objectName="Primary")
        self.retry_button.clicked.connect(lambda: self.step.query())
        self.done_button.clicked.connect(lambda: self.step.finish())
        for w in (self.service, self.number, self.headline, self.history, self.next_step):
            self.body.addWidget(w)
        self.body.addStretch(1)
        self.actions.addWidget(self.retry_button)
        self.actions.addWidget(self.done_button)

    def retranslate(self) -> None:
        self.title.setText(self.tr("办理进度"))
        self.retry_button.setText(self.tr("重新查询"))
        self.done_button.setText(self.tr("查询完毕"))

    def refresh(self) -> None:
        step = self.step
        if step is None or not hasattr(step, "state"):
            return
        service_id = getattr(step, "service_id", None)
        try:
            name = step.env.config.service(service_id).name.get(self.language) if service_id else ""
        except KeyError:
            name = ""
        self.service.setText(name)
        self.service.setVisible(bool(name))
        self.number.setText(self.tr("受理编号：%1").replace("%1", group_reference(step.number)))
        state = step.state
        self.history.setText("")
        if state is Progress.LOADING:
            self.headline.setText(self.tr("正在查询，请稍候……"))
        elif state is Progress.FOUND:
            # The status once: as the timeline's current stage, not again as a headline.
            self.headline.setText("")
            self.history.setText(self._timeline(step))
        elif state is Progress.WAITING_UPLOAD:
            self.headline.setText(self.tr("已提交，等待上传"))
            self.history.setText(
                self.tr("本机暂时无法连接办理平台，您的办件已安全保存，连通后会自动上传。")
            )
        elif state is Progress.NOT_FOUND:
            self.headline.setText(self.tr("没有找到这个受理编号"))
        else:
            self.headline.setText(self.tr("暂时无法查询"))
            self.history.setText(self.tr("办理平台暂时连接不上。"))
        self.headline.setVisible(bool(self.headline.text()))
        self.history.setVisible(bool(self.history.text()))
        self.next_step.setText("" if state is Progress.LOADING else self._next_text(step))
        self.next_step.setVisible(bool(self.next_step.text()))
        self.retry_button.setVisible(state in (Progress.UNAVAILABLE, Progress.WAITING_UPLOAD))
        self.explain(self.done_button, self.tr("正在查询……") if state is Progress.LOADING else None)

    def _timeline(self, step) -> str:
        """Each stage once: done with its date (✓), the current one (●), those to come (○)."""
        reached = {entry.status: entry for entry in step.timeline}
        current = step.status.status
        stages = [s for s in STAGES if s in reached or current != "rejected"]
        if current == "rejected":
            stages.append("rejected")
        lines = []
        for stage in stages:
            entry = reached.get(stage)
            words = escape(status_text(stage))
            if stage == current:
                when = f"{entry.at:%Y-%m-%d %H:%M}" if entry is not None else ""
                px = self.history.font().pixelSize()  # the current stage stands out
                size = f' style="font-size:{round(px * 1.3)}px"' if px > 0 else ""
                lines.append(f"<b{size}>● {words}</b>　{when}")
            elif entry is not None:
                lines.append(f"✓ {words}　{entry.at:%Y-%m-%d %H:%M}")
            else:
                lines.append(f'<span style="color:{MUTED_INK}">○ {words}</span>')
        return "<br>".join(lines)

    def _next_text(self, step) -> str:
        kiosk = step.env.config.kiosk
        lang = self.language
        texts = {
            "wait": self.tr("下一步：请耐心等待办理，可随时回来查询。"),
            "collect": self.tr("下一步：请带上身份证和受理凭条到%1领取（%2）。")
            .replace("%1", kiosk.hall_address.get(lang))
            .replace("%2", kiosk.hall_hours.get(lang)),
            "nothing": self.tr("已全部办结，无需再做什么。"),
            "counter": self.tr("下一步：请到大厅窗口咨询原因（%1）。").replace(
                "%1", kiosk.hall_hours.get(lang)
            ),
            "check_number": self.tr("下一步：请核对编号；刚提交的办件可能需要几分钟才能查到。"),
            "retry": self.tr("下一步：请稍后点“重新查询”。"),
        }
        text = texts.get(step.next_step, "")
        if kiosk.help_phone and step.next_step in ("counter", "retry", "check_number"):
            text += self.tr("也可拨打 %1 咨询。").replace("%1", kiosk.help_phone)
        return text
