"""The slip: printing, take it, or — if it failed — the number and its code on screen.

When the slip has printed the page says, and the kiosk's voice says once, to take it
from the outlet (the printer cannot tell whether it was taken).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QBoxLayout, QLabel, QPushButton, QVBoxLayout

from kiosk.flow.printing import SlipState
from kiosk.flow.success import group_reference
from ui.design_tokens import size
from ui.steps.base import StepPage
from ui.steps.texts import error_text
from ui.voice_text import prompt
from ui.widgets.grouped_number import GroupedNumber
from ui.widgets.illustration import Illustration
from ui.widgets.qr_view import QrView
from ui.widgets.reflow import side_by_side


class PrintSlipPage(StepPage):
    kind = "print_slip"
    shows_errors = True

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.status = QLabel(objectName="Heading", wordWrap=True)
        self.detail = QLabel(wordWrap=True)
        # Where it does not fit one line, it breaks between groups, in even lines.
        self.number = GroupedNumber(objectName="Countdown")
        self.qr = QrView(self)
        self.qr.setMinimumSize(*size("qr_slip"))
        self.picture = Illustration("slip_outlet")  # where the slip comes out, on this kiosk
        self.reprint_button = QPushButton(objectName="Secondary")
        self.next_button = QPushButton(objectName="Primary")
        self.reprint_button.clicked.connect(lambda: self.step.print())
        self.next_button.clicked.connect(lambda: self.step.finish())
        words = QVBoxLayout()
        for label in (self.status, self.detail, self.number):
            words.addWidget(label)
        words.addStretch(1)
        shown = QVBoxLayout()  # the slip's QR once printed; before, where the slip comes out
        shown.addWidget(self.qr, 0, Qt.AlignmentFlag.AlignCenter)
        shown.addWidget(self.picture, 1)
        row = side_by_side(QBoxLayout(QBoxLayout.Direction.LeftToRight))
        row.addLayout(words, 3)
        row.addLayout(shown, 2)
        self.body.addLayout(row, 1)
        self.actions.addWidget(self.reprint_button)
        self.actions.addWidget(self.next_button)
        self._announced: object = None  # the step whose printed slip was announced

    def _say(self, text: str) -> None:
        """Speak through the kiosk window's voice, when the page sits in one."""
        voice = getattr(self.window(), "voice", None)
        if voice is not None:
            voice.say(text)

    def retranslate(self) -> None:
        self.title.setText(self.tr("打印凭条"))
        self.reprint_button.setText(self.tr("重新打印"))
        self.next_button.setText(self.tr("下一步"))

    def refresh(self) -> None:
        step = self.step
        if step is None or not hasattr(step, "state"):
            return
        state = step.state
        failed = state is SlipState.FAILED
        if state is not SlipState.PRINTED:
            self._announced = None  # a reprint that succeeds is announced again
        if state is SlipState.PRINTING:
            self.status.setText(self.tr("正在打印凭条，请稍候……"))
            self.detail.setText("")
        elif state is SlipState.PRINTED:
            self.status.setText(self.tr("请取走出纸口的凭条"))
            self.detail.setText(self.tr("凭条上的二维码可用于查询进度和领取证件，请妥善保管。"))
            if self._announced is not step:  # once per printed slip, not on every redraw
                self._announced = step
                self._say(prompt("slip_printed"))
        else:
            self.status.setText(self.tr("您的办件已提交成功，但凭条没有打印出来"))
            reason = error_text(step.error.code) if step.error is not None else ""
            # No space after a Chinese full stop; one after an English one.
            gap = "" if not reason or reason.endswith(("。", "！", "？")) else " "
            self.detail.setText(reason + gap + self.tr("请记下下方受理编号，或用手机拍下二维码。"))
        # Grouped in fours, to write down or read out.
        self.number.set_number(group_reference(step.application_no) if failed else "")
        self.qr.set_data(step.code if failed else "")
        self.qr.setVisible(failed)
        self.picture.setVisible(not failed)  # no slip to take: the QR has its place
        self.reprint_button.setVisible(failed)
        self.explain(
            self.next_button, self.tr("请等打印完成") if state is SlipState.PRINTING else None
        )
