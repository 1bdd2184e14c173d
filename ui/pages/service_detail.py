"""One service's guide: what it is, what to bring, fee, time limit, where and when."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from kiosk.config.schema import Service, Text
from ui.service_text import format_fee


class ServiceDetailPage(QWidget):
    home_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ServiceDetailPage")
        self._service: Service | None = None
        self._where: Text | None = None
        self._language = "zh"
        self.title = QLabel(objectName="Heading", wordWrap=True)
        self.summary = QLabel(wordWrap=True)
        self.fee = QLabel(wordWrap=True)
        self.materials = QLabel(wordWrap=True)
        self.time_limit = QLabel(wordWrap=True)
        self.hours = QLabel(wordWrap=True)
        self.where = QLabel(wordWrap=True)
        self.home_button = QPushButton(objectName="Secondary")
        self.home_button.clicked.connect(self.home_requested)
        layout = QVBoxLayout(self)
        texts = (self.summary, self.fee, self.materials, self.time_limit, self.hours, self.where)
        for w in (self.title, *texts):
            layout.addWidget(w)
        layout.addStretch(1)
        self.buttons = QHBoxLayout()
        self.buttons.addWidget(self.home_button)
        self.buttons.addStretch(1)
        layout.addLayout(self.buttons)

    def show_service(self, service: Service, language: str, where: Text | None = None) -> None:
        """``where``: the place the service is handled (this kiosk's hall)."""
        self._service = service
        self._where = where
        self._language = language
        self.retranslate()

    def set_language(self, language: str) -> None:
        self._language = language
        self.retranslate()

    def retranslate(self) -> None:
        self.home_button.setText(self.tr("返回首页"))
        s, lang = self._service, self._language
        if s is None:
            return
        self.title.setText(s.name.get(lang))
        self.summary.setText(s.summary.get(lang))
        fee = format_fee(s.fee_fen, self.tr("免费"), self.tr("元"))
        self.fee.setText(self.tr("收费：%1").replace("%1", fee))
        items = "；".join(m.get(lang) for m in s.materials) if s.materials else self.tr("无")
        self.materials.setText(self.tr("所需材料：%1").replace("%1", items))
        self.time_limit.setText(self.tr("办理时限：%1").replace("%1", s.time_limit.get(lang)))
        self.hours.setText(self.tr("办理时间：%1").replace("%1", s.hours.get(lang)))
        where = self._where
        self.where.setVisible(where is not None)
        if where is not None:
            self.where.setText(self.tr("办理地点：%1").replace("%1", where.get(lang)))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
