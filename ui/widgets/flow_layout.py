"""A layout that puts widgets side by side and wraps to a new row when the next one does not fit.

Choices whose labels differ in length (departments in English, 长辈版 type) keep
their whole label: each widget gets at least its size hint, a row takes what
fits, and the layout asks for the height its rows need at the width it is given.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QLayoutItem, QWidget


class FlowLayout(QLayout):
    def __init__(self, parent: QWidget | None = None, spacing: int = 8) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._gap = spacing
        # Qt asks heightForWidth many times per layout pass (hundreds on a page
        # switch); the answer holds until the layout is invalidated.
        self._heights: dict[int, int] = {}

    # ---- QLayout
    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)
        self.invalidate()

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        if not 0 <= index < len(self._items):
            return None
        self.invalidate()
        return self._items.pop(index)

    def setSpacing(self, spacing: int) -> None:
        self._gap = spacing
        self.invalidate()

    def spacing(self) -> int:
        return self._gap

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        height = self._heights.get(width)
        if height is None:
            height = self._heights[width] = self._arrange(QRect(0, 0, width, 0), move=False)
        return height

    def invalidate(self) -> None:
        # Qt calls this when an item's hint changes, or one is shown or hidden.
        self._heights.clear()
        super().invalidate()

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:
        return self.minimumSize()

    def minimumSize(self) -> QSize:
        # As wide as the widest item: narrower, an item would lose part of its label.
        size = QSize()
        for item in self._visible():
            size = size.expandedTo(item.minimumSize()).expandedTo(item.sizeHint())
        m = self.contentsMargins()
        return size + QSize(m.left() + m.right(), m.top() + m.bottom())

    # ---- arranging
    def _visible(self) -> list[QLayoutItem]:
        return [i for i in self._items if not (i.widget() and i.widget().isHidden())]

    def _arrange(self, rect: QRect, move: bool) -> int:
        """Place the items row by row inside ``rect``; return the height used."""
        m = self.contentsMargins()
        area = rect.adjusted(m.left(), m.top(), -m.right(), -m.bottom())
        x, y, row_height = area.x(), area.y(), 0
        for item in self._visible():
            hint = item.sizeHint().expandedTo(item.minimumSize())
            width = min(hint.width(), area.width())  # wider than a row: as wide as the row
            if x > area.x() and x + width > area.right() + 1:  # does not fit: next row
                x, y = area.x(), y + row_height + self._gap
                row_height = 0
            if move:
                item.setGeometry(QRect(QPoint(x, y), QSize(width, hint.height())))
            x += width + self._gap
            row_height = max(row_height, hint.height())
        return y + row_height - rect.y() + m.bottom()
