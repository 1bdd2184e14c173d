"""Where the citizen is in a service: its steps by name, done ones ticked, the current one marked.

读卡 · 核验 · 拍照 · 指纹 · 确认 · 缴费 …: each step is a tick (done) or its number,
and its name. The start page, 办理成功 and the rating are not steps. When the row
does not fit (many steps, English, 长辈版), done steps keep only their tick, then
steps to come only their number; the current step always shows its name.

Each slot's look is a dynamic property (``state``: done, current, to_come) the
stylesheet styles; only slots whose state changed are repolished.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLayout, QSizePolicy, QWidget

from ui.design_tokens import SUCCESS_INK, space
from ui.icons import Look, show_icon
from ui.steps.step_names import step_name
from ui.widgets.one_layout_pass import one_layout_pass

DONE, CURRENT, TO_COME = "done", "current", "to_come"
TICK = Look(SUCCESS_INK)
#: A tick's side per line of the names' text.
TICK_PER_LINE = 0.8


class _Slot:
    def __init__(self, row: QHBoxLayout) -> None:
        self.tick = QLabel(objectName="StepTick")
        self.label = QLabel(objectName="StepLabel")
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        row.addWidget(self.tick)
        row.addWidget(self.label)
        self.state = ""
        self.kind = ""
        self.number = 0

    def size_tick(self, side: int) -> None:
        self.tick.setFixedSize(side, side)
        show_icon(self.tick, "done", TICK, side)

    def set(self, kind: str, number: int, state: str) -> None:
        self.kind, self.number = kind, number
        if state != self.state:
            self.state = state
            self.label.setProperty("state", state)
            self.label.style().unpolish(self.label)
            self.label.style().polish(self.label)

    def text(self, with_name: bool) -> str:
        name = step_name(self.kind)
        if self.state == DONE:
            return name if with_name else ""
        return f"{self.number} {name}" if with_name else str(self.number)

    def show(self, visible: bool, with_name: bool) -> None:
        self.tick.setVisible(visible and self.state == DONE)
        text = self.text(with_name)
        self.label.setText(text)
        self.label.setVisible(visible and bool(text))


class StepIndicator(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("StepIndicator")
        # Takes what the row leaves; fits itself into it (``_fit``).
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.row = QHBoxLayout(self)
        self.row.setContentsMargins(0, 0, 0, 0)
        self.row.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)  # _fit, not the layout
        self.row.setSpacing(space("s"))
        self.row.addStretch(1)
        self.slots: list[_Slot] = []
        self._restyle_soon = QTimer(self, singleShot=True, interval=0, timeout=self._restyled)
        self.kinds: list[str] = []
        self.current = 0

    def set_steps(self, kinds: list[str], current: int) -> None:
        """The service's counted step kinds in order; ``current`` is 0-based."""
        if kinds == self.kinds and current == self.current:
            return  # the flow host refreshes at every change of a step's state
        while len(self.slots) < len(kinds):
            slot = _Slot(self.row)
            slot.label.ensurePolished()  # the stylesheet's font, to size the tick by
            slot.size_tick(self._tick_side(slot))
            self.slots.append(slot)
        self.kinds, self.current = list(kinds), current
        for i, slot in enumerate(self.slots):
            if i < len(kinds):
                state = DONE if i < current else CURRENT if i == current else TO_COME
                slot.set(kinds[i], i + 1, state)
        self._fit()

    def _fit(self) -> None:
        """Names for all if they fit; else drop done names, then the names of steps to come.

        The widths are measured first and the slots shown once: showing and hiding
        them for each try cost more than the rest of a page switch.
        """
        n = len(self.kinds)
        used = self.slots[:n]
        tries = ((DONE, CURRENT, TO_COME), (CURRENT, TO_COME), (CURRENT,))
        chosen = next((t for t in tries if self._needed_for(used, t) <= self.width()), tries[-1])
        with one_layout_pass(self):
            for s in self.slots[n:]:
                s.show(False, False)
            for s in used:
                s.show(True, s.state in chosen)

    def _needed(self) -> int:
        """The width of the row as shown."""
        gap = self.row.spacing()
        widths = [
            w.sizeHint().width() for s in self.slots for w in (s.tick, s.label) if not w.isHidden()
        ]
        return sum(widths) + gap * max(0, len(widths) - 1)

    def _needed_for(self, used: list[_Slot], names_of: tuple[str, ...]) -> int:
        """The width of the row with names for the steps in ``names_of`` states."""
        widths = [s.tick.sizeHint().width() for s in used if s.state == DONE]
        for s in used:
            text = s.text(s.state in names_of)
            if text:
                s.label.setText(text)  # a hidden label measures its text too
                widths.append(s.label.sizeHint().width())
        return sum(widths) + self.row.spacing() * max(0, len(widths) - 1)

    def shown_names(self) -> list[str]:
        """What each slot reads now (tests, and the audit's eye)."""
        return [s.label.text() for s in self.slots[: len(self.kinds)]]

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.kinds:
            self._fit()

    def _restyled(self) -> None:
        """长辈版 on or off: ticks as tall as the names' capitals, then fit the row again."""
        for slot in self.slots:
            slot.size_tick(self._tick_side(slot))
        if self.kinds:
            self._fit()

    @staticmethod
    def _tick_side(slot: _Slot) -> int:
        return round(slot.label.fontMetrics().height() * TICK_PER_LINE)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange and self.kinds:
            self._fit()
        elif event.type() == QEvent.Type.StyleChange:
            # The labels are restyled after the indicator (parents first): a turn later.
            self._restyle_soon.start()
        super().changeEvent(event)
