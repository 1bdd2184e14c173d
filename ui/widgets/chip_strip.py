"""One row of large choice chips; when they do not all fit, two arrows page through them.

The home screen's department filter: a catalogue of 14 departments with English
names does not fit one row, and wrapping rows would take the tiles' room. The
chips are grouped into rows that fit the strip's width; the arrows step from one
group to the next, as the home screen's own pages do.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QEvent, QSize, QTimer, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QSizePolicy, QWidget

from ui.design_tokens import PRIMARY, space
from ui.icons import Look, show_icon
from ui.widgets.one_layout_pass import one_layout_pass

ARROW = Look(PRIMARY, disabled=PRIMARY)


class ChipStrip(QWidget):
    chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.buttons: dict[str, QPushButton] = {}
        self.groups: list[list[str]] = []  # keys of the chips shown together
        self.group = 0
        self.prev_button = QPushButton(objectName="Chip")
        self.next_button = QPushButton(objectName="Chip")
        show_icon(self.prev_button, "previous", ARROW)
        show_icon(self.next_button, "forward", ARROW)
        self.prev_button.clicked.connect(lambda: self.show_group(self.group - 1))
        self.next_button.clicked.connect(lambda: self.show_group(self.group + 1))
        self._regroup_soon = QTimer(self, singleShot=True, interval=0, timeout=self._regroup)
        self.row = QHBoxLayout(self)
        self.row.setContentsMargins(0, 0, 0, 0)
        self.row.setSpacing(space("s"))
        self.row.addWidget(self.prev_button)
        self.row.addStretch(1)
        self.row.addWidget(self.next_button)
        self.retranslate()

    def set_choices(self, choices: Iterable[tuple[str, str]]) -> None:
        """(key, label) pairs, in order; buttons whose keys stay are kept."""
        choices = list(choices)
        if [k for k, _ in choices] != list(self.buttons):
            for button in self.buttons.values():
                self.row.removeWidget(button)
                button.hide()
                button.deleteLater()
            self.buttons = {}
            for i, (key, _label) in enumerate(choices):
                button = QPushButton(objectName="Chip", checkable=True)
                button.clicked.connect(lambda _=False, k=key: self.chosen.emit(k))
                self.row.insertWidget(1 + i, button)
                self.buttons[key] = button
        for key, label in choices:
            self.buttons[key].setText(label)
        self._regroup()

    def set_checked(self, key: str) -> None:
        for k, button in self.buttons.items():
            button.setChecked(k == key)

    def regroup(self) -> None:
        """Regroup now with the chips' current style (after a text-size switch)."""
        for button in self.buttons.values():
            button.ensurePolished()
        self._regroup()

    def _regroup(self) -> None:
        """Greedy rows of chips that fit beside the arrows (no arrows when all fit)."""
        keys = list(self.buttons)
        gap = self.row.spacing()
        widths = {k: self.buttons[k].sizeHint().width() for k in keys}
        room = self.width()
        if sum(widths.values()) + gap * max(0, len(keys) - 1) > room:
            arrows = self.prev_button.sizeHint().width() + self.next_button.sizeHint().width()
            room -= arrows + 2 * gap
        self.groups = []
        line: list[str] = []
        used = 0
        for k in keys:
            need = widths[k] + (gap if line else 0)
            if line and used + need > room:
                self.groups.append(line)
                line, used = [], 0
                need = widths[k]
            line.append(k)
            used += need
        if line:
            self.groups.append(line)
        self.show_group(self.group)

    def show_group(self, group: int) -> None:
        self.group = min(max(0, group), max(0, len(self.groups) - 1))
        shown = set(self.groups[self.group]) if self.groups else set()
        paged = len(self.groups) > 1
        with one_layout_pass(self):
            for k, button in self.buttons.items():
                button.setVisible(k in shown)
            self.prev_button.setVisible(paged)
            self.next_button.setVisible(paged)
        self.prev_button.setEnabled(self.group > 0)
        self.next_button.setEnabled(self.group < len(self.groups) - 1)

    def group_of(self, key: str) -> int:
        return next((i for i, g in enumerate(self.groups) if key in g), 0)

    def sizeHint(self) -> QSize:
        height = max((b.sizeHint().height() for b in self.buttons.values()), default=0)
        height = max(height, self.prev_button.sizeHint().height())
        return QSize(self.prev_button.sizeHint().width() * 3, height)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width():
            self._regroup()

    def retranslate(self) -> None:
        self.prev_button.setAccessibleName(self.tr("前面的部门"))
        self.next_button.setAccessibleName(self.tr("更多部门"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        elif event.type() == QEvent.Type.StyleChange:
            # 长辈版: larger chips, fewer to a row. The chips are restyled after the strip
            # (parents first), so their new sizes are known on the next turn of the loop.
            self._regroup_soon.start()
        super().changeEvent(event)
