"""Label–value rows of facts (a start page, 办理成功): labels in one column, values wrapping."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QWidget


class FactRows(QWidget):
    """Rows added once by key; ``set`` fills a row, and an empty value hides it."""

    def __init__(self, keys: tuple[str, ...], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(32)
        self.rows: dict[str, tuple[QLabel, QLabel]] = {}
        for i, key in enumerate(keys):
            label = QLabel(objectName="Muted")
            value = QLabel(wordWrap=True)
            label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
            grid.addWidget(label, i, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(value, i, 1)
            self.rows[key] = (label, value)
        grid.setColumnStretch(1, 1)

    def set(self, key: str, label: str, value: str) -> None:
        name, text = self.rows[key]
        name.setText(label)
        text.setText(value)
        name.setVisible(bool(value))
        text.setVisible(bool(value))
