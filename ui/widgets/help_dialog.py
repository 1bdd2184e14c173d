"""After "请工作人员协助": what happens now, or that nobody is on site, and what else helps."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from kiosk.visit.help import HelpAnswer
from ui.widgets.overlay import Overlay

_DAYS = ("一", "二", "三", "四", "五", "六", "日")


class HelpDialog(Overlay):
    closed = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent, "HelpDialog")
        self.answer: HelpAnswer | None = None
        self.language = "zh"
        self.heading = QLabel(objectName="Heading", wordWrap=True)
        self.now = QLabel(wordWrap=True)
        self.others = QLabel(wordWrap=True)
        self.ok_button = QPushButton(objectName="Primary")
        self.ok_button.clicked.connect(self._close)
        for w in (self.heading, self.now, self.others):
            w.setAlignment(Qt.AlignmentFlag.AlignLeft)
            self.inner.addWidget(w)
        self.inner.addWidget(self.ok_button, 0, Qt.AlignmentFlag.AlignRight)

    def show_answer(self, answer: HelpAnswer, language: str) -> None:
        self.answer, self.language = answer, language
        self.retranslate()
        self.open()

    def set_language(self, language: str) -> None:
        self.language = language
        self.retranslate()

    def _close(self) -> None:
        self.hide()
        self.closed.emit()

    def _hours(self, a: HelpAnswer) -> str:
        days = a.staffed_days
        if days == (1, 2, 3, 4, 5):
            when = self.tr("工作日")
        elif len(days) == 7:
            when = self.tr("每天")
        elif self.language == "en":
            names = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
            when = ", ".join(names[d - 1] for d in days)
        else:
            when = "、".join("周" + _DAYS[d - 1] for d in days)
        return f"{when} {a.staffed_from:%H:%M}–{a.staffed_until:%H:%M}"

    def retranslate(self) -> None:
        self.ok_button.setText(self.tr("知道了"))
        a = self.answer
        if a is None:
            return
        if a.on_site:
            self.heading.setText(self.tr("已呼叫工作人员"))
            self.now.setText(
                self.tr("工作人员大约 %1 分钟内到您身边，请在原地稍候。").replace(
                    "%1", str(a.wait_min)
                )
            )
        else:
            self.heading.setText(self.tr("现在没有工作人员值守"))
            recorded = (
                self.tr("您的求助已记录，工作人员上班后会跟进。")
                if a.recorded
                else self.tr("您的求助已通知值班系统。")
            )
            self.now.setText(
                self.tr("现在是非工作时间，大厅里没有工作人员（有人值守：%1）。").replace(
                    "%1", self._hours(a)
                )
                + recorded
            )
        others = []
        if a.phone:
            others.append(self.tr("拨打 %1 政务服务便民热线（24小时）").replace("%1", a.phone))
        if a.video is not None:
            others.append(a.video.get(self.language))
        self.others.setText(
            self.tr("其他办法：") + "\n" + "\n".join(f"• {o}" for o in others) if others else ""
        )
        self.others.setVisible(bool(others))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
