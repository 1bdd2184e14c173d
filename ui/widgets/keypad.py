"""A large numeric keypad: no typing on a physical keyboard at a kiosk."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QPushButton, QVBoxLayout, QWidget


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

    def show_quietly(self, text: str) -> None:
        """Show ``text`` without ``text_changed``: a step's own value, not echoed back to it."""
        self.blockSignals(True)
        self.set_text(text)
        self.blockSignals(False)


def beside_keypad(words: QVBoxLayout, keypad: Keypad) -> QGridLayout:
    """The column of ``words`` (topped up, a stretch below) left of ``keypad``, widths 3:2."""
    words.addStretch(1)
    grid = QGridLayout()
    grid.addLayout(words, 0, 0)
    grid.addWidget(keypad, 0, 1)
    grid.setColumnStretch(0, 3)
    grid.setColumnStretch(1, 2)
    return grid
