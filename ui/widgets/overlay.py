"""A full-window overlay with a centred card: the base of the window's dialogs."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from ui.design_tokens import space


class Overlay(QWidget):
    """Dims the window and shows ``self.card``; ``open`` covers the window and raises it."""

    def __init__(self, parent: QWidget, name: str) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.card = QWidget(self, objectName="IdleCard")
        self.card.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.inner = QVBoxLayout(self.card)
        self.inner.setSpacing(space("xl"))
        margin = space("xxl")
        self.inner.setContentsMargins(margin, margin, margin, margin)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.card, 6)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(1)
        self.hide()

    def open(self) -> None:
        self.setGeometry(self.parentWidget().rect())
        self.show()
        self.raise_()
