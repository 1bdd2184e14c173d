"""A set of large toggle buttons, one per choice, keyed by stable values."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QPushButton, QWidget

from ui.widgets.flow_layout import FlowLayout


class Chips(QWidget):
    """Choices in a grid of ``columns``, or, with ``columns=None``, in rows that wrap.

    A grid suits choices of one kind and length (grades, reasons); wrapping rows
    suit labels of any length (department names in English, 长辈版), which keep
    their whole text instead of being squeezed into a column.
    """

    clicked = Signal(str)

    def __init__(self, columns: int | None = 3, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.columns = columns
        self.grid: QGridLayout | FlowLayout = (
            QGridLayout(self) if columns is not None else FlowLayout(self)
        )
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
                if isinstance(self.grid, QGridLayout):
                    assert self.columns is not None
                    self.grid.addWidget(button, i // self.columns, i % self.columns)
                else:
                    self.grid.addWidget(button)
                self.buttons[key] = button
        for key, label in choices:
            self.buttons[key].setText(label)

    def set_checked(self, keys: Iterable[str]) -> None:
        chosen = set(keys)
        for key, button in self.buttons.items():
            button.setChecked(key in chosen)
