"""A large tile on the home screen for one service."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from kiosk.config.schema import Service


class ServiceTile(QPushButton):
    def __init__(self, service: Service, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.setObjectName("ServiceTile")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.body = QWidget(self, objectName="TileBody")
        self.body.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
        layout = QVBoxLayout(self.body)
        layout.setContentsMargins(0, 0, 0, 0)
        self.name_label = QLabel(objectName="TileName", wordWrap=True)
        self.dept_label = QLabel(objectName="TileDept", wordWrap=True)
        self.reason_label = QLabel(objectName="TileReason", wordWrap=True)
        self.reason_label.hide()
        layout.addWidget(self.name_label)
        layout.addWidget(self.dept_label)
        layout.addStretch(1)
        layout.addWidget(self.reason_label)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 16, 24, 16)
        outer.addWidget(self.body)

    def show_texts(self, language: str, department_prefix: str) -> None:
        self.name_label.setText(self.service.name.get(language))
        self.dept_label.setText(f"{department_prefix}{self.service.department.get(language)}")
        self.setAccessibleName(self.service.name.get(language))

    def set_unavailable(self, reason: str | None) -> None:
        unavailable = reason is not None
        self.reason_label.setText(reason or "")
        if bool(self.body.property("unavailable")) == unavailable:
            return  # same look: no repolish of three widgets at every language switch
        self.setEnabled(not unavailable)
        self.body.setProperty("unavailable", unavailable)
        self.reason_label.setVisible(unavailable)
        self._restyle()

    def _restyle(self) -> None:
        # Re-polish so the property selector in the stylesheet applies.
        for w in (self.body, self.name_label, self.dept_label):
            w.style().unpolish(w)
            w.style().polish(w)
