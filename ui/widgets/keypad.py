"""A large numeric keypad: no typing on a physical keyboard at a kiosk."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QPushButton, QWidget


class Keypad(QWidget):
    """Digits, optional extra key (e.g. "X" for ID numbers), delete and clear."""

    text_changed = Signal(str)

    def __init__(self, max_length: int, extra_key: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Keypad")
        self.max_length = max_length
        self._text = ""
        grid = QGridLayout(self)
        keys = ["1", "2", "3", "4", "5", "6", "7", "8", "9", extra_key, "0", "⌫"]
        self.buttons: dict[str, QPushButton] = {}
        for i, key in enumerate(keys):
            if not key:
                continue
            button = QPushButton(key, objectName="Key")
            button.clicked.connect(lambda _=False, k=key: self.press(k))
            grid.addWidget(button, i // 3, i % 3)
            self.buttons[key] = button

    @property
    def text(self) -> str:
        return self._text

    def set_text(self, text: str) -> None:
        self._text = text[: self.max_length]
        self.text_changed.emit(self._text)

    def press(self, key: str) -> None:
        if key == "⌫":
            self.set_text(self._text[:-1])
        elif len(self._text) < self.max_length:
            self.set_text(self._text + key)

    def clear(self) -> None:
        self.set_text("")
