"""A row of large toggle buttons, one per choice, keyed by stable values."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QPushButton, QWidget


class Chips(QWidget):
    clicked = Signal(str)

    def __init__(self, columns: int = 3, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.columns = columns
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.buttons: dict[str, QPushButton] = {}

    def set_choices(self, choices: Iterable[tuple[str, str]]) -> None:
        """(key, label) pairs; keeps buttons whose keys stay, so focus is not lost."""
        choices = list(choices)
        keys = [k for k, _ in choices]
        if keys != list(self.buttons):
            for button in self.buttons.values():
                # Out of the layout and hidden now; deleteLater alone leaves it drawn.
                self.grid.removeWidget(button)
                button.hide()
                button.deleteLater()
            self.buttons = {}
            for i, key in enumerate(keys):
                button = QPushButton(objectName="Chip", checkable=True)
                button.clicked.connect(lambda _=False, k=key: self.clicked.emit(k))
                self.grid.addWidget(button, i // self.columns, i % self.columns)
                self.buttons[key] = button
        for key, label in choices:
            self.buttons[key].setText(label)

    def set_checked(self, keys: Iterable[str]) -> None:
        chosen = set(keys)
        for key, button in self.buttons.items():
            button.setChecked(key in chosen)
