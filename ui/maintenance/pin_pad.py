"""The PIN pad: the technician's id (unless a badge gave it), then the PIN, never shown."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from kiosk.maintenance.access import MAX_ENTRY
from ui.maintenance.texts import minutes_text
from ui.widgets.keypad import Keypad


class PinPad(QWidget):
    submitted = Signal(str, str)  # technician id, PIN
    cancelled = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("PinPad")
        self.heading = QLabel(objectName="Heading", alignment=Qt.AlignmentFlag.AlignCenter)
        self.prompt = QLabel(alignment=Qt.AlignmentFlag.AlignCenter)
        self.entry = QLabel(objectName="Entry", alignment=Qt.AlignmentFlag.AlignCenter)
        self.status = QLabel(objectName="Alert", wordWrap=True)
        self.status.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.keypad = Keypad(MAX_ENTRY, parent=self)
        self.keypad.text_changed.connect(self._show_entry)
        self.ok_button = QPushButton(objectName="Primary")
        self.cancel_button = QPushButton(objectName="Secondary")
        self.ok_button.clicked.connect(self._ok)
        self.cancel_button.clicked.connect(self.cancelled)
        buttons = QHBoxLayout()
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.ok_button)
        column = QVBoxLayout()
        column.addStretch(1)
        for widget in (self.heading, self.prompt, self.entry, self.status):
            column.addWidget(widget)
        column.addWidget(self.keypad)
        column.addLayout(buttons)
        column.addStretch(1)
        row = QHBoxLayout(self)
        row.addStretch(1)
        row.addLayout(column, 2)
        row.addStretch(1)
        self.technician = self._badge = ""
        self._asking_id = True
        self._wrong = False
        self._locked_s = 0.0
        self.retranslate()

    def open(self, technician: str) -> None:
        """Ask for the id first (``""``) or, after a badge, for the PIN only."""
        self.technician = self._badge = technician
        self._asking_id = not technician
        self._wrong, self._locked_s = False, 0.0
        self.keypad.clear()
        self.retranslate()

    def refused(self, locked_for_s: float) -> None:
        """Wrong id or PIN (no hint which), or locked: start over from the id."""
        self.open(self._badge)
        self._wrong, self._locked_s = True, locked_for_s
        self.retranslate()

    def _ok(self) -> None:
        text = self.keypad.text
        if not text:
            return
        self.keypad.clear()
        if self._asking_id:
            self.technician, self._asking_id = text, False
            self.retranslate()
            return
        self.submitted.emit(self.technician, text)

    def _show_entry(self, text: str) -> None:
        self.entry.setText(text if self._asking_id else "●" * len(text))

    def retranslate(self) -> None:
        self.heading.setText(self.tr("维护登录"))
        self.prompt.setText(self.tr("请输入工号") if self._asking_id else self.tr("请输入密码"))
        self.ok_button.setText(self.tr("确定"))
        self.cancel_button.setText(self.tr("取消"))
        status = ""
        if self._locked_s > 0:
            status = self.tr("工号或密码不正确。已锁定，请 %1 后再试。")
            status = status.replace("%1", minutes_text(self._locked_s))
        elif self._wrong:
            status = self.tr("工号或密码不正确。")
        self.status.setText(status)
        self._show_entry(self.keypad.text)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
