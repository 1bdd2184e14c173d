"""Home screen: every service of the catalogue as a large tile, the most used first.

Departments are a filter (a row of chips: 全部 and each department), not the
tiles' text; tiles page when they do not fit, with large buttons.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QGridLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.config.schema import Service
from kiosk.flow.service_availability import ServiceAvailability
from ui.design_tokens import PRIMARY
from ui.device_text import alternative_text, disabled_by_config, unavailable_reason
from ui.icons import Look, show_icon
from ui.service_text import format_fee
from ui.widgets.chip_strip import ChipStrip
from ui.widgets.one_layout_pass import one_layout_pass
from ui.widgets.page_nav import PageNav
from ui.widgets.reflow import side_by_side
from ui.widgets.service_tile import ServiceTile

#: The department filter's key for every service.
ALL = "__all__"


class HomePage(QWidget):
    service_chosen = Signal(str)
    reprint_requested = Signal()

    def __init__(
        self,
        services: list[Service],
        parent: QWidget | None = None,
        order: Callable[[], list[str]] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("HomePage")
        self._language = "zh"
        #: Service ids, the most used first (``KioskCore.visit_counts.order``); asked each
        #: time home is shown. None: the catalogue's order.
        self._order_source = order
        self.department = ALL
        self._availability: dict[str, ServiceAvailability] = {}
        self.heading = QLabel(objectName="Heading")
        self.hint = QLabel(objectName="Muted", wordWrap=True)
        # Reminders (card left on the reader) and reprint results, in plain words.
        self.notice = QLabel(objectName="Alert", wordWrap=True)
        self.notice.hide()
        self.reprint_button = QPushButton(objectName="Secondary")
        self.reprint_button.clicked.connect(self.reprint_requested)
        self.reprint_button.hide()
        show_icon(self.reprint_button, "print", Look(PRIMARY))
        # Departments in catalogue order, each once (by its Chinese name).
        self.departments = {s.department.zh: s.department for s in services}
        self.filter = ChipStrip()
        self.filter.chosen.connect(self.show_department)
        self.tiles: dict[str, ServiceTile] = {}
        for service in services:
            tile = ServiceTile(service, self)
            tile.clicked.connect(lambda _=False, sid=service.id: self.service_chosen.emit(sid))
            self.tiles[service.id] = tile
        self.order = self._ordered()
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
        layout.addWidget(self.filter)
        layout.addLayout(self.grid, 1)
        layout.addWidget(self.nav)
        self.columns, self.rows, self.page = 0, 0, 0
        self.set_grid(3, 3)
        self.retranslate()

    def _ordered(self) -> list[str]:
        ids = self._order_source() if self._order_source is not None else []
        known = [sid for sid in ids if sid in self.tiles]
        return known + [sid for sid in self.tiles if sid not in known]

    @property
    def shown_tiles(self) -> list[ServiceTile]:
        """The tiles the filter lets through, in order (on every page)."""
        tiles = [self.tiles[sid] for sid in self.order]
        if self.department == ALL:
            return tiles
        return [t for t in tiles if t.service.department.zh == self.department]

    @property
    def page_count(self) -> int:
        per_page = self.columns * self.rows
        return max(1, -(-len(self.shown_tiles) // per_page))

    def show_department(self, department: str) -> None:
        """Only ``department``'s services (its Chinese name), or every one (``ALL``)."""
        self.department = department if department in self.departments else ALL
        self.filter.set_checked(self.department)
        self.show_page(0)

    def showEvent(self, event: QShowEvent) -> None:
        # Home again: the counts may have changed the order; redo the grid only if so.
        order = self._ordered()
        if order != self.order:
            self.order = order
            self.show_page(0)
        super().showEvent(event)

    def set_grid(self, columns: int, rows: int) -> None:
        self.filter.regroup()  # restyled chips: fewer or more to a row, before the next paint
        if (columns, rows) == (self.columns, self.rows):
            return
        self.columns, self.rows = columns, rows
        # 长辈版's few large tiles (2×2) need the hint's room; the hint points to 长辈版 anyway.
        self.hint.setVisible(columns * rows > 4)
        for r in range(max(rows, self.grid.rowCount())):
            self.grid.setRowStretch(r, 1 if r < rows else 0)
        for c in range(max(columns, self.grid.columnCount())):
            self.grid.setColumnStretch(c, 1 if c < columns else 0)
        self.show_page(0)

    def show_page(self, page: int) -> None:
        self.page = min(max(0, page), self.page_count - 1)
        per_page = self.columns * self.rows
        shown = self.shown_tiles[self.page * per_page : (self.page + 1) * per_page]
        cells = {tile: divmod(i, self.columns) for i, tile in enumerate(shown)}
        with one_layout_pass(self):
            for tile in self.tiles.values():
                index = self.grid.indexOf(tile)
                if index >= 0 and self.grid.getItemPosition(index)[:2] == cells.get(tile):
                    continue  # already in its cell: a move costs a layout pass
                if index >= 0:
                    self.grid.removeWidget(tile)
                if tile not in cells:  # hiding one that stays would lay it out anew when shown
                    tile.hide()
            for tile, (row, column) in cells.items():
                if self.grid.indexOf(tile) < 0:
                    self.grid.addWidget(tile, row, column)
                tile.show()
        self.nav.set_page(self.page, self.page_count)

    def set_spacing(self, px: int) -> None:
        self.grid.setSpacing(px)
        self.layout().setSpacing(px)
        margin = 2 * px  # the page's edge: twice the gap between tiles
        self.layout().setContentsMargins(margin, margin, margin, margin)

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
        free, yuan = self.tr("免费"), self.tr("元")
        for tile in self.tiles.values():
            tile.show_texts(self._language, format_fee(tile.service.fee_fen, free, yuan))
        chips = [(ALL, self.tr("全部"))]
        chips += [(zh, text.get(self._language)) for zh, text in self.departments.items()]
        self.filter.set_choices(chips)
        self.filter.set_checked(self.department)
        self._apply_availability()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
