"""An on-screen keyboard for short text: pinyin to Chinese, English letters, punctuation.

Touch only: every key is a large button. The pinyin work (segmenting, ranking,
partial choices) is ``kiosk.ime.Composer``'s; this widget only shows its state
and keeps the text, which it never logs (it is citizen data).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6 import QtWidgets
from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QResizeEvent, QShowEvent

from ui.widgets.keypad import name_delete, show_delete

if TYPE_CHECKING:
    from kiosk.ime import Composer

LETTER_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm'")
SYMBOL_ROWS = ("1234567890", "，。？！、：；“”", "（）…—@.-/")
PAGE_SIZE = 6  # candidates on one page at most; fewer when they are long


class PinyinKeyboard(QtWidgets.QWidget):
    """Letters, candidates, symbols and editing keys; emits the whole text on every change."""

    text_changed = Signal(str)
    preedit_changed = Signal(str)  # the pinyin being typed, syllables apart
    done = Signal()

    def __init__(
        self,
        max_length: int,
        composer: Composer | None = None,
        parent: QtWidgets.QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("PinyinKeyboard")
        self.max_length = max_length
        if composer is None:
            # Imported here, so start-up does not pay for it; the engine then reads
            # its lexicon on the first letter, not here.
            from kiosk.ime import Composer

            composer = Composer(page_size=PAGE_SIZE)
        self.composer = composer
        self.chinese = True
        self._text = ""
        self._longest_px = 1600  # widest candidate text; set from the width once laid out
        self.keys: dict[str, QtWidgets.QPushButton] = {}

        self.previous_button = self._key("previous", "◀", self._previous_page)
        self.next_button = self._key("next", "▶", self._next_page)
        self.hint = QtWidgets.QLabel(objectName="Muted", wordWrap=True)
        self.candidate_buttons: list[QtWidgets.QPushButton] = []
        candidates = QtWidgets.QHBoxLayout()
        candidates.setContentsMargins(0, 0, 0, 0)
        candidates.addWidget(self.hint)
        for index in range(PAGE_SIZE):
            button = QtWidgets.QPushButton(objectName="Key")
            button.setSizePolicy(
                QtWidgets.QSizePolicy.Policy.Maximum, QtWidgets.QSizePolicy.Policy.Fixed
            )
            button.clicked.connect(lambda _=False, i=index: self._choose(i))
            candidates.addWidget(button)
            self.candidate_buttons.append(button)
        candidates.addStretch(1)
        candidates.addWidget(self.previous_button)
        candidates.addWidget(self.next_button)

        self.pages = QtWidgets.QStackedWidget()
        self.pages.addWidget(self._rows(LETTER_ROWS, "backspace"))
        self.pages.addWidget(self._rows(SYMBOL_ROWS, "backspace_symbols"))

        self.mode_button = self._key("mode", "", self.toggle_mode)
        self.symbols_button = self._key("symbols", "", self.toggle_symbols)
        self.space_button = self._key("space", "", self._space)
        self.clear_button = self._key("clear", "", self.clear)
        self.done_button = self._key("done", "", self._done)
        self.done_button.setObjectName("Primary")
        bottom = QtWidgets.QHBoxLayout()
        bottom.setContentsMargins(0, 0, 0, 0)
        # The word keys as wide as their labels need, the space bar takes the rest
        # (shares of the row would cut "Clear" in 长辈版 on an upright panel).
        for button, stretch in (
            (self.mode_button, 0),
            (self.symbols_button, 0),
            (self.space_button, 1),
            (self.clear_button, 0),
            (self.done_button, 0),
        ):
            button.setProperty("word", True)  # a word on it: a little air either side
            bottom.addWidget(button, stretch)

        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(candidates)
        layout.addWidget(self.pages)
        layout.addLayout(bottom)
        self.retranslate()
        self._refresh()

    # ---- building
    def _key(self, name: str, label: str, action) -> QtWidgets.QPushButton:
        button = QtWidgets.QPushButton(label, objectName="Key")
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.clicked.connect(lambda _=False: action())
        self.keys[name] = button
        return button

    def _rows(self, rows: tuple[str, ...], backspace_name: str) -> QtWidgets.QWidget:
        """Ten columns; shorter rows are centred, the last one ends in backspace."""
        page = QtWidgets.QWidget()
        grid = QtWidgets.QGridLayout(page)
        grid.setContentsMargins(0, 0, 0, 0)
        for r, row in enumerate(rows):
            offset = (20 - 2 * len(row) - (2 if r == len(rows) - 1 else 0)) // 2
            for c, ch in enumerate(row):
                button = self._key(ch, ch, lambda ch=ch: self.press(ch))
                grid.addWidget(button, r, offset + 2 * c, 1, 2)
            if r == len(rows) - 1:
                backspace = self._key(backspace_name, "", self.backspace)
                show_delete(backspace)
                grid.addWidget(backspace, r, offset + 2 * len(row), 1, 2)
        for column in range(20):
            grid.setColumnStretch(column, 1)
        return page

    def retranslate(self) -> None:
        self.mode_button.setText(self.tr("中") if self.chinese else self.tr("英"))
        on_symbols = self.pages.currentIndex() == 1
        self.symbols_button.setText(self.tr("字母") if on_symbols else self.tr("符号"))
        self.space_button.setText(self.tr("空格"))
        self.clear_button.setText(self.tr("清空"))
        self.done_button.setText(self.tr("完成"))
        for name in ("backspace", "backspace_symbols"):
            name_delete(self.keys[name])
        self._refresh()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # ---- the text
    @property
    def text(self) -> str:
        return self._text

    @property
    def preedit(self) -> str:
        return self.composer.preedit

    def set_text(self, text: str) -> None:
        self._text = text[: self.max_length]
        self.text_changed.emit(self._text)

    def _insert(self, text: str) -> None:
        if text and len(self._text) < self.max_length:
            self.set_text(self._text + text)

    def reset(self) -> None:
        """Empty text, no composition, Chinese letters: a fresh form."""
        self.composer.clear()
        self.chinese = True
        self.pages.setCurrentIndex(0)
        self._text = ""
        self.retranslate()
        self.text_changed.emit(self._text)

    # ---- keys
    def press(self, key: str) -> None:
        """A letter, digit or punctuation key."""
        if self.chinese and ((key.isascii() and key.isalpha()) or key == "'"):
            if len(self._text) < self.max_length:
                self.composer.type(key)
                self._refresh()
            return
        # Anything else ends the composition first, as it would on a phone.
        self._insert(self.composer.finish() + key)
        self._refresh()

    def backspace(self) -> None:
        if self.composer.backspace():
            self._refresh()
        elif self._text:
            self.set_text(self._text[:-1])

    def clear(self) -> None:
        self.composer.clear()
        self._refresh()
        self.set_text("")

    def toggle_mode(self) -> None:
        """中/英: letters typed so far are kept as letters when switching to English."""
        self._insert(self.composer.take_letters())
        self.chinese = not self.chinese
        self.retranslate()

    def toggle_symbols(self) -> None:
        self.pages.setCurrentIndex(1 - self.pages.currentIndex())
        self.retranslate()

    def _space(self) -> None:
        if self.composer.active:
            self._insert(self.composer.choose_first())
            self._refresh()
        else:
            self._insert(" ")

    def _choose(self, index: int) -> None:
        self._insert(self.composer.choose(index))
        self._refresh()

    def _previous_page(self) -> None:
        self.composer.previous_page()
        self._refresh()

    def _next_page(self) -> None:
        self.composer.next_page()
        self._refresh()

    def _done(self) -> None:
        self._insert(self.composer.finish())
        self._refresh()
        self.done.emit()

    # ---- showing the composition
    def _refresh(self) -> None:
        page = self.composer.page
        # The hint shares the row with the candidates: out of it before they come in, or
        # for a moment the row is wider than the panel and the window grows to hold it.
        self.hint.setVisible(not self.composer.active)
        for i, button in enumerate(self.candidate_buttons):
            candidate = page.items[i] if i < len(page.items) else None
            button.setVisible(candidate is not None)
            if candidate is None:
                button.setText("")  # a hidden key keeps no word of an old composition
            else:
                metrics = button.fontMetrics()
                button.setText(
                    metrics.elidedText(
                        candidate.text, Qt.TextElideMode.ElideRight, self._longest_px
                    )
                )
        self.previous_button.setEnabled(page.has_previous)
        self.next_button.setEnabled(page.has_next)
        if not self.composer.active:
            self.hint.setText(
                self.tr("拼音输入：按字母拼写，再点选汉字")
                if self.chinese
                else self.tr("英文输入：字母直接输入")
            )
        self.preedit_changed.emit(self.composer.preedit)

    def _fit_pages(self) -> None:
        """As many candidates per page as fit in one row at the keys' font size."""
        char_px = max(1, self.candidate_buttons[0].fontMetrics().horizontalAdvance("中"))
        spare = self.width() - 2 * self.previous_button.sizeHint().width()
        self._longest_px = max(char_px, spare - 2 * char_px)
        self.composer.set_page_limits(PAGE_SIZE, max(2, spare // char_px - 1))
        self._refresh()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_pages()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._fit_pages()
