"""A reference number in groups, on as few lines as fit, the groups shared evenly.

A word-wrapping label puts as many groups as fit on the first line, which can
leave one short group alone on the second ("2026 1204 1350 7087" / "47"): a
citizen copying it may take that for a second number. This label breaks only
between groups and balances the lines ("2026 1204 1350" / "7087 47").
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize
from PySide6.QtWidgets import QLabel, QWidget


def balanced_lines(groups: list[str], lines: int) -> list[str]:
    """``groups`` over ``lines`` lines in order, the earlier lines one group longer at most."""
    lines = max(1, min(lines, len(groups)))
    per, extra = divmod(len(groups), lines)
    out, start = [], 0
    for i in range(lines):
        end = start + per + (1 if i < extra else 0)
        out.append(" ".join(groups[start:end]))
        start = end
    return out


class GroupedNumber(QLabel):
    """Shows ``set_number``'s grouped text on the fewest balanced lines the width allows.

    Its height follows its width (``heightForWidth``), as a word-wrapping label's
    does, so a layout gives it the lines it needs at the width it gets; it never
    asks for more width than its widest group.
    """

    def __init__(self, parent: QWidget | None = None, *, objectName: str = "") -> None:
        super().__init__(parent, objectName=objectName)
        self.setWordWrap(False)
        policy = self.sizePolicy()
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self._groups: list[str] = []

    def set_number(self, grouped: str) -> None:
        """The number already grouped with spaces (``group_reference``); "" clears it."""
        self._groups = grouped.split()
        self._lay_out()
        self.updateGeometry()

    def grouped(self) -> str:
        """The number as set, on one line (what the lines show, whatever the width)."""
        return " ".join(self._groups)

    def lines_for(self, width: int) -> list[str]:
        """The fewest balanced lines that fit ``width`` content pixels (one group each at most)."""
        metrics = self.fontMetrics()
        lines = [""]
        for count in range(1, len(self._groups) + 1):
            lines = balanced_lines(self._groups, count)
            if max(metrics.horizontalAdvance(line) for line in lines) <= width:
                break
        return lines

    def _extra(self) -> QSize:
        m = self.contentsMargins()
        return QSize(
            m.left() + m.right() + 2 * self.margin(), m.top() + m.bottom() + 2 * self.margin()
        )

    def _text_height(self, lines: list[str]) -> int:
        metrics = self.fontMetrics()
        return metrics.height() + (len(lines) - 1) * metrics.lineSpacing()

    def _lay_out(self) -> None:
        text = "\n".join(self.lines_for(self.contentsRect().width() - 2 * self.margin()))
        if text != self.text():
            self.setText(text)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        extra = self._extra()
        return self._text_height(self.lines_for(width - extra.width())) + extra.height()

    def _widest_group(self) -> int:
        metrics = self.fontMetrics()
        return max((metrics.horizontalAdvance(g) for g in self._groups), default=0)

    def minimumSizeHint(self) -> QSize:
        # One group a line at the narrowest: the label never widens its page. One
        # line's height, as a word-wrapping label's: the lines it needs at the width
        # it gets come from heightForWidth (a minimum of five lines would make the
        # window itself taller).
        extra = self._extra()
        return QSize(self._widest_group() + extra.width(), self._text_height([""]) + extra.height())

    def sizeHint(self) -> QSize:
        # Two lines' width at most, as a word-wrapping label would ask; more if given.
        metrics = self.fontMetrics()
        lines = balanced_lines(self._groups, 2)  # [""] when there is no number
        width = max(metrics.horizontalAdvance(line) for line in lines) + self._extra().width()
        return QSize(width, self.heightForWidth(width))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._lay_out()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._lay_out()
            self.updateGeometry()
