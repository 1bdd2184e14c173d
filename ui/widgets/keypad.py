"""A large numeric keypad: no typing on a physical keyboard at a kiosk."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, Signal
from PySide6.QtWidgets import QGridLayout, QPushButton, QVBoxLayout, QWidget

from ui.design_tokens import INK
from ui.icons import Look, show_icon

# The delete key. It is drawn as an icon: the backspace glyph is missing from the CJK
# font, and a fallback font's engines coming and going made Qt reopen every face.
DELETE = "delete"
KEY_ICON = Look(INK)


def show_delete(button: QPushButton) -> None:
    """The delete key: an icon, and a name for assistive technology."""
    button.setText("")
    name_delete(button)
    show_icon(button, "mdi6.backspace-outline", KEY_ICON)


def name_delete(button: QPushButton) -> None:
    button.setAccessibleName(QCoreApplication.translate("Keypad", "删除"))


class Keypad(QWidget):
    """Digits, optional extra key (e.g. "X" for ID numbers), delete and clear."""

    text_changed = Signal(str)

    def __init__(self, max_length: int, extra_key: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Keypad")
        self.max_length = max_length
        self._text = ""
        grid = QGridLayout(self)
        keys = ["1", "2", "3", "4", "5", "6", "7", "8", "9", extra_key, "0", DELETE]
        self.buttons: dict[str, QPushButton] = {}
        for i, key in enumerate(keys):
            if not key:
                continue
            button = QPushButton(key, objectName="Key")
            button.clicked.connect(lambda _=False, k=key: self.press(k))
            if key == DELETE:
                show_delete(button)
            grid.addWidget(button, i // 3, i % 3)
            self.buttons[key] = button

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            name_delete(self.buttons[DELETE])
        super().changeEvent(event)

    @property
    def text(self) -> str:
        return self._text

    def set_text(self, text: str) -> None:
        self._text = text[: self.max_length]
        self.text_changed.emit(self._text)

    def press(self, key: str) -> None:
        if key == DELETE:
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
