"""投诉咨询 / 办不成事反映: category, preset reasons, optional phone number and short text.

One column, numbered in the order it is filled. The phone number and the text each
open their own panel (keypad or keyboard) in place of the form: the number is shown
in full while it is typed, and masked on the form once it is done.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QHideEvent, QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.flow.feedback import COMPLAINT_CATEGORIES, MAX_TEXT_CHARS
from kiosk.privacy import mask_phone
from ui.design_tokens import LINE_PX, PRIMARY, space
from ui.steps.base import StepPage
from ui.steps.texts import category_text, reason_text
from ui.widgets.chips import Chips
from ui.widgets.keyboard import PinyinKeyboard
from ui.widgets.keypad import Keypad
from ui.widgets.reflow import side_by_side

MAX_TEXT_BOX_LINES = 3  # lines of typed text above the keyboard, fewer if they do not fit


def _box_chrome() -> int:
    """What the text box's padding and border (the stylesheet's #TextBox) take from its lines."""
    return 2 * (space("s") + 2 * LINE_PX["thin"])


def group_phone(phone: str) -> str:
    """139 0013 9000: 3-4-4 groups, so a wrong digit is easy to spot."""
    return " ".join(part for part in (phone[:3], phone[3:7], phone[7:]) if part)


def _breakable(text: str) -> str:
    """HTML for ``text`` that may wrap between any two characters, letters included."""
    return "\u200b".join(escape(ch, quote=False) for ch in text)


class ComplaintPage(StepPage):
    kind = "complaint_form"

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.category_label = QLabel()
        self.categories = Chips(columns=3)
        self.categories.clicked.connect(lambda key: self.step.choose_category(key))
        self.reason_label = QLabel()
        self.reasons = Chips(columns=2)
        self.reasons.clicked.connect(lambda key: self.step.toggle_reason(key))
        self.phone_label = QLabel()
        self.phone_open = QPushButton(objectName="Chip")  # the number, masked, on the form
        self.phone_open.clicked.connect(self.open_phone)
        self.phone_value = QLabel(objectName="Entry")  # the number in full, while typed
        self.phone_error = QLabel(objectName="Alert")
        self.phone_done = QPushButton(objectName="Primary")
        self.phone_done.clicked.connect(self.close_phone)
        self.keypad = Keypad(max_length=11)
        self.keypad.text_changed.connect(lambda text: self.step.set_phone(text))
        self.send_button = QPushButton(objectName="Primary")
        self.send_button.clicked.connect(lambda: self.step.send())

        # The optional text: a box on the form; tapping it opens the keyboard in
        # place of the form (both do not fit on one screen at ≥ 15 mm keys).
        self.text_label = QLabel()
        self.text_open = QPushButton(objectName="Chip")
        self.text_open.clicked.connect(self.open_text)
        self.text_count = QLabel(objectName="Muted")
        self.panel_count = QLabel(objectName="Muted")
        self.text_box = QLabel(objectName="TextBox", wordWrap=True)
        self.text_box.setTextFormat(Qt.TextFormat.RichText)
        self.text_box.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        # Its width is the page's, never the text's (a long run of letters has no break).
        self.text_box.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.keyboard = PinyinKeyboard(MAX_TEXT_CHARS)
        self.keyboard.text_changed.connect(lambda text: self.step.set_text(text))
        self.keyboard.preedit_changed.connect(lambda _preedit: self._show_text())
        self.keyboard.done.connect(self.close_text)

        form = QWidget()
        column = QVBoxLayout(form)
        column.setContentsMargins(0, 0, 0, 0)
        for w in (self.category_label, self.categories, self.reason_label, self.reasons):
            column.addWidget(w)
        # 3 and 4: the question and its box on one line each, so 长辈版 fits the panel;
        # upright, where a line is half as wide, the box under its question.
        phone_row = side_by_side(QBoxLayout(QBoxLayout.Direction.LeftToRight))
        phone_row.addWidget(self.phone_label)
        phone_row.addWidget(self.phone_open, 1)
        column.addLayout(phone_row)
        text_row = side_by_side(QBoxLayout(QBoxLayout.Direction.LeftToRight))
        text_row.addWidget(self.text_label)
        text_row.addWidget(self.text_open, 1)
        text_row.addWidget(self.text_count)
        column.addLayout(text_row)
        column.addStretch(1)

        phone_panel = QWidget()
        phone_grid = QGridLayout(phone_panel)
        phone_grid.setContentsMargins(0, 0, 0, 0)
        phone_left = QVBoxLayout()
        for w in (self.phone_value, self.phone_error):
            phone_left.addWidget(w)
        phone_left.addStretch(1)
        phone_left.addWidget(self.phone_done, 0, Qt.AlignmentFlag.AlignLeft)
        phone_grid.addLayout(phone_left, 0, 0)
        phone_grid.addWidget(self.keypad, 0, 1)
        phone_grid.setColumnStretch(0, 3)
        phone_grid.setColumnStretch(1, 2)

        panel = QWidget(objectName="TextPanel")
        panel_layout = QVBoxLayout(panel)
        panel_layout.setContentsMargins(0, 0, 0, 0)
        box_row = QHBoxLayout()
        box_row.addWidget(self.text_box, 1)
        box_row.addWidget(self.panel_count, 0, Qt.AlignmentFlag.AlignTop)
        panel_layout.addLayout(box_row)
        panel_layout.addStretch(1)
        panel_layout.addWidget(self.keyboard)

        self.views = QStackedWidget()
        self.views.addWidget(form)
        self.views.addWidget(panel)
        self.views.addWidget(phone_panel)
        self.body.addWidget(self.views, 1)
        self.actions.addWidget(self.send_button)

    @property
    def text_open_shown(self) -> bool:
        """Whether the keyboard panel is up (instead of the form)."""
        return self.views.currentIndex() == 1

    @property
    def phone_open_shown(self) -> bool:
        """Whether the keypad for the phone number is up (instead of the form)."""
        return self.views.currentIndex() == 2

    def open_text(self) -> None:
        self.views.setCurrentIndex(1)
        self.retranslate()  # the panel's title
        self._fit_text_box()
        self._show_text()
        self.refresh()

    def close_text(self) -> None:
        self.views.setCurrentIndex(0)
        self.retranslate()
        self.refresh()

    def open_phone(self) -> None:
        self.views.setCurrentIndex(2)
        self.retranslate()
        self.refresh()

    def close_phone(self) -> None:
        self.views.setCurrentIndex(0)
        self.retranslate()
        self.refresh()

    def _fit_text_box(self) -> None:
        """As many lines of text as fit above the keyboard (3, or 2 in large type)."""
        spare = self.views.height() - self.keyboard.sizeHint().height() - 2 * self.body.spacing()
        line = self.text_box.fontMetrics().lineSpacing()
        lines = max(1, min(MAX_TEXT_BOX_LINES, (spare - _box_chrome()) // max(1, line)))
        self.text_box.setFixedHeight(lines * line + _box_chrome())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_text_box()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.StyleChange, QEvent.Type.FontChange):
            self._fit_text_box()  # large type changes the keys' and the text's size

    def retranslate(self) -> None:
        if self.text_open_shown:
            self.title.setText(self.tr("4. 补充说明（选填），可用拼音输入汉字"))
        elif self.phone_open_shown:
            self.title.setText(self.tr("3. 联系电话（选填），请用右边的数字键输入"))
        else:
            self.title.setText(self.tr("反映问题"))
        self.category_label.setText(self.tr("1. 请选择类别："))
        self.reason_label.setText(self.tr("2. 请选择原因（可多选）："))
        self.phone_label.setText(self.tr("3. 联系电话（选填，方便我们回复您）："))
        self.text_label.setText(self.tr("4. 补充说明（选填）："))
        self.send_button.setText(self.tr("提交"))
        self.phone_done.setText(self.tr("输好了"))
        self.categories.set_choices((c, category_text(c)) for c in COMPLAINT_CATEGORIES)

    def bind(self, step, language: str) -> None:
        for entry in (self.keypad, self.keyboard):  # a fresh form: no echo into the new step
            entry.blockSignals(True)
        self.keypad.clear()
        self.keyboard.reset()
        for entry in (self.keypad, self.keyboard):
            entry.blockSignals(False)
        self.views.setCurrentIndex(0)
        super().bind(step, language)

    def hideEvent(self, event: QHideEvent) -> None:
        """Leaving the page (next step, or the visit ended): the typed text leaves memory."""
        super().hideEvent(event)
        self.keyboard.blockSignals(True)  # the step keeps its own copy while it lives
        self.keyboard.reset()
        self.keyboard.blockSignals(False)
        self.views.setCurrentIndex(0)
        self.text_box.clear()
        self.text_open.setText("")

    def refresh(self) -> None:
        step = self.step
        if step is None or not hasattr(step, "category"):
            return
        self.categories.set_checked([step.category] if step.category else [])
        reasons = COMPLAINT_CATEGORIES.get(step.category or "", ())
        self.reasons.set_choices((r, reason_text(r)) for r in reasons)
        self.reasons.set_checked(step.reasons)
        self.reason_label.setVisible(bool(reasons))
        # In full while typed (the citizen checks each digit), masked on the form.
        self.phone_value.setText(group_phone(step.phone) if step.phone else "—")
        self.phone_open.setText(mask_phone(step.phone) if step.phone else self.tr("点这里输入号码"))
        self.phone_error.setText("" if step.phone_valid else self.tr("请输入11位手机号码"))
        self.explain(self.phone_done, None if step.phone_valid else self.tr("手机号码是11位"))
        # One primary action at a time: on a panel, its own button; on the form, 提交.
        self.send_button.setVisible(self.views.currentIndex() == 0)
        if step.category is None:
            why = self.tr("请先选择类别")
        elif not step.reasons:
            why = self.tr("请至少选择一个原因")
        elif not step.phone_valid:
            why = self.tr("手机号码不完整")
        else:
            why = self.tr("正在提交……") if step.busy else None
        if self.views.currentIndex() == 0:
            self.explain(self.send_button, why)
        self._show_text()

    def _show_text(self) -> None:
        """The typed text on the form's box and above the keyboard, with the pinyin being typed."""
        step = self.step
        text = getattr(step, "text", "")
        count = self.tr("%1/%2 字").replace("%1", str(len(text))).replace("%2", str(MAX_TEXT_CHARS))
        self.text_count.setText(count)
        self.panel_count.setText(count)
        metrics = self.text_open.fontMetrics()
        self.text_open.setText(
            metrics.elidedText(
                text, Qt.TextElideMode.ElideRight, max(1, self.text_open.width() - 40)
            )
            if text
            else self.tr("点这里输入文字")
        )
        # Only the last lines fit above the keyboard; the start gives way to an ellipsis.
        metrics = self.text_box.fontMetrics()
        char_px = max(1, metrics.horizontalAdvance("中"))
        lines = max(1, (self.text_box.height() - _box_chrome()) // metrics.lineSpacing())
        preedit = self.keyboard.preedit
        # Room for the pinyin being typed and the caret, in character widths.
        typing = -(-metrics.horizontalAdvance(preedit + "|") // char_px)
        room = max(8, (self.text_box.width() - _box_chrome()) // char_px * lines - typing - 1)
        shown = text if len(text) <= room else "…" + text[-(room - 1) :]
        self.text_box.setText(
            _breakable(shown)
            + (f'<u style="color:{PRIMARY}">{_breakable(preedit)}</u>' if preedit else "")
            + f'<b style="color:{PRIMARY}">|</b>'
        )
