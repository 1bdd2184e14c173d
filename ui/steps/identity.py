"""Pages for reading the ID card, keying in a lost card's number, and confirming."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QBoxLayout, QGridLayout, QLabel, QPushButton, QVBoxLayout

from ui.illustrations import layout_of, place_text
from ui.service_text import format_fee
from ui.steps.base import StepPage
from ui.steps.complaint import group_phone
from ui.steps.texts import error_text
from ui.widgets.busy_dots import BusyDots
from ui.widgets.illustration import Illustration
from ui.widgets.keypad import Keypad
from ui.widgets.reflow import side_by_side


def group_id_number(text: str) -> str:
    """6-8-4 groups (region, birth date, sequence and check) so a typo is easy to spot."""
    return " ".join(part for part in (text[:6], text[6:14], text[14:]) if part)


class ReadIdCardPage(StepPage):
    kind = "read_id_card"
    shows_errors = True

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.instruction = QLabel(objectName="Heading", wordWrap=True)
        self.status = QLabel(wordWrap=True)
        # Where the card goes on this kiosk; it glows while the card is being read.
        self.picture = Illustration("id_card_reader")
        self.retry_button = QPushButton(objectName="Primary")
        self.retry_button.clicked.connect(lambda: self.step.retry())
        # Full width, text centred: a wrapped label laid out at its own hinted width
        # (an aligned layout item) is not given the height its lines need.
        for label in (self.instruction, self.status):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.body.addWidget(self.instruction)
        self.body.addWidget(self.picture, 1)
        self.body.addWidget(self.status)
        # Moves while the card is being read: the kiosk is working, keep the card still.
        self.reading = BusyDots()
        self.body.addWidget(self.reading, 0, Qt.AlignmentFlag.AlignHCenter)
        self.actions.addWidget(self.retry_button)

    def retranslate(self) -> None:
        self.title.setText(self.tr("读取身份证"))
        self.instruction.setText(
            self.tr("请将身份证平放在%1的读卡区").replace("%1", place_text(layout_of(self)))
        )
        self.retry_button.setText(self.tr("重新读取"))

    def refresh(self) -> None:
        step = self.step
        if step is None:
            return
        if step.error is not None:
            self.status.setText(error_text(step.error.code))
        elif step.busy:
            self.status.setText(self.tr("正在读取，请不要移动身份证……"))
        else:
            self.status.setText(self.tr("放好后会自动读取"))
        self.picture.set_pulsing(step.busy and step.error is None)
        self.retry_button.setVisible(step.error is not None)
        self.reading.set_active(step.error is None and bool(step.busy))


class IdNumberEntryPage(StepPage):
    kind = "id_number_entry"

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.hint = QLabel(wordWrap=True)
        self.number = QLabel(objectName="Entry", alignment=Qt.AlignmentFlag.AlignCenter)
        self.problem = QLabel(objectName="Alert", alignment=Qt.AlignmentFlag.AlignCenter)
        self.keypad = Keypad(max_length=18, extra_key="X")
        self.keypad.text_changed.connect(lambda text: self.step.set_number(text))
        self.next_button = QPushButton(objectName="Primary")
        self.next_button.clicked.connect(lambda: self.step.confirm())
        entry = QVBoxLayout()
        entry.addWidget(self.number)
        entry.addWidget(self.problem)
        entry.addStretch(1)
        row = side_by_side(QBoxLayout(QBoxLayout.Direction.LeftToRight))
        row.addLayout(entry, 3)
        row.addWidget(self.keypad, 2)
        self.body.addWidget(self.hint)
        self.body.addLayout(row, 1)
        self.actions.addWidget(self.next_button)

    def bind(self, step, language: str) -> None:
        self.keypad.show_quietly(step.number if hasattr(step, "number") else "")
        super().bind(step, language)

    def retranslate(self) -> None:
        self.title.setText(self.tr("输入身份证号码"))
        self.hint.setText(self.tr("请输入您的18位身份证号码，最后一位是X请按X键。"))
        self.next_button.setText(self.tr("下一步"))

    def refresh(self) -> None:
        step = self.step
        if step is None or not hasattr(step, "number"):
            return
        self.number.setText(group_id_number(step.number) or "—")
        problems = {
            "CHECK_DIGIT": self.tr("号码有误，请核对后重新输入"),
            "NOT_A_NUMBER": self.tr("号码有误，请核对后重新输入"),
        }
        self.problem.setText(problems.get(step.problem or "", ""))
        why = {
            "INCOMPLETE": self.tr("还差 %1 位").replace("%1", str(18 - len(step.number))),
            "CHECK_DIGIT": self.tr("号码有误，请核对"),
            "NOT_A_NUMBER": self.tr("号码有误，请核对"),
        }
        self.explain(self.next_button, why.get(step.problem or ""))


class ConfirmPage(StepPage):
    kind = "confirm"

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.rows = QGridLayout()
        self.labels: dict[str, tuple[QLabel, QLabel]] = {}
        for i, key in enumerate(("service", "name", "id_number", "phone", "fee")):
            # A long service name wraps (upright, 长辈版) rather than widen the page.
            label, value = QLabel(objectName="Muted"), QLabel(objectName="Heading", wordWrap=True)
            self.rows.addWidget(label, i, 0)
            self.rows.addWidget(value, i, 1)
            self.labels[key] = (label, value)
        self.rows.setColumnStretch(1, 1)
        self.note = QLabel(wordWrap=True)
        self.next_button = QPushButton(objectName="Primary")
        self.next_button.clicked.connect(lambda: self.step.confirm())
        self.body.addLayout(self.rows)
        self.body.addWidget(self.note)
        self.body.addStretch(1)
        self.actions.addWidget(self.next_button)

    def retranslate(self) -> None:
        self.title.setText(self.tr("请核对信息"))
        self.labels["service"][0].setText(self.tr("办理事项"))
        self.labels["name"][0].setText(self.tr("姓名"))
        self.labels["id_number"][0].setText(self.tr("身份证号"))
        self.labels["phone"][0].setText(self.tr("短信通知号码"))
        self.labels["fee"][0].setText(self.tr("费用"))
        self.note.setText(self.tr("为保护您的隐私，身份证号码中间几位已隐藏。"))
        self.next_button.setText(self.tr("确认无误，下一步"))

    def refresh(self) -> None:
        step = self.step
        if step is None:
            return
        values = {
            "service": step.flow.service.name.get(self.language),
            "name": step.name,  # the citizen's own, in full: there is something to check
            "id_number": step.masked_id_number,
            # In full, once more: the citizen checks the digits the text will go to.
            "phone": group_phone(step.phone) if getattr(step, "phone", "") else "",
            "fee": format_fee(step.fee_fen, self.tr("免费"), self.tr("元")),
        }
        for key, (label, value) in self.labels.items():
            value.setText(values[key])
            label.setVisible(bool(values[key]))
            value.setVisible(bool(values[key]))


class NameEntryPage(StepPage):
    kind = "name_entry"

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        from ui.widgets.keyboard import PinyinKeyboard  # the pinyin engine loads on first use

        self.hint = QLabel(wordWrap=True)
        self.name = QLabel(objectName="Entry", alignment=Qt.AlignmentFlag.AlignCenter)
        self.keyboard = PinyinKeyboard(30)
        # "下一步" below is the one primary action: the keyboard's 完成 (which does the
        # same) is an ordinary key here, not a second primary button just above it.
        self.keyboard.done_button.setObjectName("Key")
        self.keyboard.text_changed.connect(lambda text: self.step.set_name(text))
        self.keyboard.preedit_changed.connect(lambda _p: self.refresh())
        self.keyboard.done.connect(lambda: self.step.confirm())
        self.next_button = QPushButton(objectName="Primary")
        self.next_button.clicked.connect(lambda: self.step.confirm())
        self.body.addWidget(self.hint)
        self.body.addWidget(self.name)
        self.body.addWidget(self.keyboard, 1)
        self.actions.addWidget(self.next_button)

    def bind(self, step, language: str) -> None:
        self.keyboard.blockSignals(True)  # a fresh keyboard: no echo into the new step
        self.keyboard.reset()
        self.keyboard.set_text(getattr(step, "name", "") or "")
        self.keyboard.blockSignals(False)
        super().bind(step, language)

    def retranslate(self) -> None:
        self.title.setText(self.tr("输入姓名"))
        self.hint.setText(self.tr("请用拼音输入您的姓名，与身份证上的一致。"))
        self.next_button.setText(self.tr("下一步"))

    def refresh(self) -> None:
        step = self.step
        if step is None or not hasattr(step, "name"):
            return
        preedit = self.keyboard.preedit
        shown = step.name + (f" {preedit}" if preedit else "")
        self.name.setText(shown or "—")
        if step.valid:
            why = None
        elif preedit:
            why = self.tr("请先选择拼音对应的汉字")
        elif not step.name:
            why = self.tr("请先输入姓名")
        else:
            why = self.tr("姓名只能包含汉字、“·”或英文字母")
        self.explain(self.next_button, why)
