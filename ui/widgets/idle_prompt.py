"""The "还需要更多时间吗?" overlay with a visible countdown."""

from __future__ import annotations

import math

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ui.design_tokens import space


class IdlePrompt(QWidget):
    more_time = Signal()
    finish = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("IdlePrompt")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        card = QWidget(self, objectName="IdleCard")
        card.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.question = QLabel(objectName="Heading", alignment=Qt.AlignmentFlag.AlignCenter)
        self.countdown = QLabel(objectName="Countdown", alignment=Qt.AlignmentFlag.AlignCenter)
        self.explain = QLabel(wordWrap=True, alignment=Qt.AlignmentFlag.AlignCenter)
        self.more_button = QPushButton(objectName="Primary")
        self.finish_button = QPushButton(objectName="Secondary")
        self.more_button.clicked.connect(self.more_time)
        self.finish_button.clicked.connect(self.finish)
        inner = QVBoxLayout(card)
        inner.setSpacing(space("xl"))
        margin = space("xxl")
        inner.setContentsMargins(margin, margin, margin, margin)
        inner.addWidget(self.question)
        inner.addWidget(self.countdown)
        inner.addWidget(self.explain)
        buttons = QHBoxLayout()
        buttons.addWidget(self.finish_button)
        buttons.addWidget(self.more_button)
        inner.addLayout(buttons)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(card, 3)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(1)
        self._seconds = 0
        self.hide()
        self.retranslate()

    def show_countdown(self, seconds_left: float) -> None:
        self._seconds = math.ceil(seconds_left)
        self.countdown.setText(str(self._seconds))
        self.setGeometry(self.parentWidget().rect())
        if not self.isVisible():
            self.show()
            self.raise_()

    def retranslate(self) -> None:
        self.question.setText(self.tr("还需要更多时间吗？"))
        self.explain.setText(self.tr("倒计时结束后将退出办理并清除您的信息。"))
        self.more_button.setText(self.tr("需要，继续办理"))
        self.finish_button.setText(self.tr("结束办理"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
