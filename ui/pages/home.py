"""Home screen: every service of the catalogue as a large tile."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QBoxLayout, QGridLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from kiosk.config.schema import Service
from kiosk.flow.service_availability import ServiceAvailability
from ui.device_text import alternative_text, disabled_by_config, unavailable_reason
from ui.widgets.page_nav import PageNav
from ui.widgets.reflow import side_by_side
from ui.widgets.service_tile import ServiceTile


class HomePage(QWidget):
    service_chosen = Signal(str)
    reprint_requested = Signal()

    def __init__(self, services: list[Service], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("HomePage")
        self._language = "zh"
        self._availability: dict[str, ServiceAvailability] = {}
        self.heading = QLabel(objectName="Heading")
        self.hint = QLabel(objectName="Muted", wordWrap=True)
        # Reminders (card left on the reader) and reprint results, in plain words.
        self.notice = QLabel(objectName="Alert", wordWrap=True)
        self.notice.hide()
        self.reprint_button = QPushButton(objectName="Secondary")
        self.reprint_button.clicked.connect(self.reprint_requested)
        self.reprint_button.hide()
        self.tiles: dict[str, ServiceTile] = {}
        for service in services:
            tile = ServiceTile(service, self)
            tile.clicked.connect(lambda _=False, sid=service.id: self.service_chosen.emit(sid))
            self.tiles[service.id] = tile
        self.grid = QGridLayout()
        self.nav = PageNav()
        self.nav.page_requested.connect(self.show_page)
        self.prev_button, self.next_button = self.nav.prev_button, self.nav.next_button
        header = side_by_side(QBoxLayout(QBoxLayout.Direction.LeftToRight))  # upright: stacked
        header.addWidget(self.heading, 1)
        header.addWidget(self.reprint_button)
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.notice)
        layout.addWidget(self.hint)
        layout.addLayout(self.grid, 1)
        layout.addWidget(self.nav)
        self.columns, self.rows, self.page = 0, 0, 0
        self.set_grid(3, 3)
        self.retranslate()

    @property
    def page_count(self) -> int:
        per_page = self.columns * self.rows
        return max(1, -(-len(self.tiles) // per_page))

    def set_grid(self, columns: int, rows: int) -> None:
        if (columns, rows) == (self.columns, self.rows):
            return
        self.columns, self.rows = columns, rows
        for r in range(max(rows, self.grid.rowCount())):
            self.grid.setRowStretch(r, 1 if r < rows else 0)
        for c in range(max(columns, self.grid.columnCount())):
            self.grid.setColumnStretch(c, 1 if c < columns else 0)
        self.show_page(0)

    def show_page(self, page: int) -> None:
        self.page = min(max(0, page), self.page_count - 1)
        per_page = self.columns * self.rows
        shown = list(self.tiles.values())[self.page * per_page : (self.page + 1) * per_page]
        for tile in self.tiles.values():
            self.grid.removeWidget(tile)
            if tile not in shown:  # hiding one that stays would lay it out anew when shown
                tile.hide()
        for i, tile in enumerate(shown):
            self.grid.addWidget(tile, i // self.columns, i % self.columns)
            tile.show()
        self.nav.set_page(self.page, self.page_count)

    def set_spacing(self, px: int) -> None:
        self.grid.setSpacing(px)
        self.layout().setSpacing(px)
        self.layout().setContentsMargins(px * 2, px * 2, px * 2, px * 2)

    def set_notice(self, text: str) -> None:
        self.notice.setText(text)
        self.notice.setVisible(bool(text))

    def show_reminders(self, card: bool, slip: bool) -> None:
        """Ask for what the last citizen left behind: the card on the reader, the slip."""
        lines = [self.tr("请取走读卡区上的身份证")] if card else []
        lines += [self.tr("请取走出纸口的凭条")] if slip else []
        self.set_notice("\n".join(lines))

    def show_notice(self, key: str) -> None:
        """How a reprint from home goes (keys of ``kiosk.visit.after_visit``)."""
        texts = {
            "printer_down": self.tr("打印机暂时无法打印，请联系工作人员。"),
            "reprinting": self.tr("正在重新打印凭条……"),
            "reprinted": self.tr("已重新打印，请取走凭条。"),
            "reprint_failed": self.tr("凭条没有打印出来，请联系工作人员。"),
        }
        self.set_notice(texts[key])

    def set_language(self, language: str) -> None:
        self._language = language
        self.retranslate()

    def set_availability(self, availability: dict[str, ServiceAvailability]) -> None:
        self._availability = availability
        self._apply_availability()

    def _apply_availability(self) -> None:
        for sid, tile in self.tiles.items():
            av = self._availability.get(sid)
            if av is None or av.available:
                tile.set_unavailable(None)
            elif not av.enabled_in_config:
                tile.set_unavailable(disabled_by_config())
            else:
                # Why, and what to do instead.
                reason = unavailable_reason(av.problems)
                tile.set_unavailable(f"{reason}\n{alternative_text()}")

    def retranslate(self) -> None:
        self.heading.setText(self.tr("请选择要办理的事项"))
        self.reprint_button.setText(self.tr("没拿到凭条？重新打印"))
        self.hint.setText(self.tr("点击下方事项开始办理。字太小？请点右上角“长辈版”。"))
        for tile in self.tiles.values():
            tile.show_texts(self._language, self.tr("部门："))
        self._apply_availability()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
