"""上一页 / 第 n 页，共 m 页 / 下一页: big buttons to page through what does not fit at once.

Pages rather than scrolling: a swipe is hard to discover and to control for many
elderly citizens; two large buttons and the page count are not.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget


class PageNav(QWidget):
    # The page the citizen asked for (0-based).
    page_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.page, self.count = 0, 1
        self.prev_button = QPushButton(objectName="Secondary")
        self.next_button = QPushButton(objectName="Secondary")
        self.label = QLabel(objectName="Muted")
        self.prev_button.clicked.connect(lambda: self.page_requested.emit(self.page - 1))
        self.next_button.clicked.connect(lambda: self.page_requested.emit(self.page + 1))
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.prev_button)
        row.addStretch(1)
        row.addWidget(self.label)
        row.addStretch(1)
        row.addWidget(self.next_button)
        self.retranslate()

    def set_page(self, page: int, count: int) -> None:
        """Show page ``page`` of ``count``; hidden when everything fits on one."""
        self.page, self.count = page, max(1, count)
        self.setVisible(self.count > 1)
        self.prev_button.setEnabled(self.page > 0)
        self.next_button.setEnabled(self.page < self.count - 1)
        self.retranslate()

    def retranslate(self) -> None:
        self.prev_button.setText(self.tr("上一页"))
        self.next_button.setText(self.tr("下一页"))
        self.label.setText(
            self.tr("第 %1 页，共 %2 页")
            .replace("%1", str(self.page + 1))
            .replace("%2", str(self.count))
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
