"""What citizens see while the kiosk is out of service: why, and where to go instead."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from kiosk.config.schema import KioskIdentity
from ui.maintenance.texts import citizen_message


class OutOfServicePage(QWidget):
    console_requested = Signal()  # the technician, once the citizen has read why

    def __init__(self, kiosk: KioskIdentity, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("OutOfServicePage")
        self.kiosk = kiosk
        self.language = "zh"
        centre = Qt.AlignmentFlag.AlignCenter
        self.heading = QLabel(objectName="Heading", alignment=centre)
        self.ended = QLabel(objectName="Alert", wordWrap=True, alignment=centre)
        self.message = QLabel(wordWrap=True, alignment=centre)
        self.elsewhere = QLabel(wordWrap=True, alignment=centre)
        self.hours = QLabel(wordWrap=True, alignment=centre)
        self.phone = QLabel(wordWrap=True, alignment=centre)
        self.staff = QLabel(objectName="Muted", wordWrap=True, alignment=centre)
        self.console_button = QPushButton(objectName="Secondary")
        self.console_button.clicked.connect(self.console_requested)
        self.console_button.hide()
        corner = QHBoxLayout()
        corner.addStretch(1)
        corner.addWidget(self.console_button)
        layout = QVBoxLayout(self)
        layout.addLayout(corner)
        layout.addStretch(1)
        for label in (
            self.heading, self.ended, self.message, self.elsewhere, self.hours, self.phone,
        ):  # fmt: skip
            layout.addWidget(label)
        layout.addStretch(1)
        layout.addWidget(self.staff)
        self._visit_ended = False
        self._message_key = ""
        self._problems: tuple[str, ...] = ()
        self.retranslate()

    def show_state(
        self, visit_ended: bool, message: str, problems: tuple[str, ...], technician: bool = False
    ) -> None:
        """``technician``: one is signed in and goes on to the console from here."""
        self._visit_ended, self._message_key, self._problems = visit_ended, message, problems
        self.console_button.setVisible(technician)
        self.retranslate()

    def set_language(self, language: str) -> None:
        self.language = language
        self.retranslate()

    def retranslate(self) -> None:
        self.heading.setText(self.tr("本机暂停服务"))
        self.console_button.setText(self.tr("技术员：进入维护"))
        self.ended.setText(
            self.tr("您的办理已结束：本机需要维护。您的信息已清除，未收取任何费用。")
        )
        self.ended.setVisible(self._visit_ended)
        self.message.setText(citizen_message(self._message_key))
        self.elsewhere.setText(
            self.tr("请使用大厅内的其他自助终端：%1。").replace(
                "%1", self.kiosk.hall_address.get(self.language)
            )
        )
        self.hours.setText(self.kiosk.hall_hours.get(self.language))
        phone = self.kiosk.help_phone or "12345"
        self.phone.setText(self.tr("咨询电话：%1").replace("%1", phone))
        # For hall staff: why the kiosk did not go back into service (codes, no personal data).
        self.staff.setText("; ".join(self._problems))
        self.staff.setVisible(bool(self._problems))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
