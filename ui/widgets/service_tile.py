"""A large tile on the home screen for one service: its icon, name, one-line summary and fee."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from kiosk.config.schema import Service
from ui.design_tokens import PRIMARY, size, space
from ui.icons import Look, show_icon
from ui.theme_switch import WHEN_SHOWN_PROPERTY
from ui.widgets.elided_label import ElidedLabel

#: Service icons in the kiosk's blue; the tile's words say the rest.
TILE_ICON = Look(PRIMARY)


class ServiceTile(QPushButton):
    def __init__(self, service: Service, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.setObjectName("ServiceTile")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setProperty(WHEN_SHOWN_PROPERTY, True)  # most tiles are on another page
        self.body = QWidget(self, objectName="TileBody")
        self.body.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
        self.icon_label = QLabel(objectName="TileIcon")
        side = size("tile_icon")[0]
        self.icon_label.setFixedSize(side, side)
        show_icon(self.icon_label, service.icon, TILE_ICON, side)
        self.name_label = QLabel(objectName="TileName", wordWrap=True)
        # One line: the start page has the whole of it.
        self.summary_label = ElidedLabel(objectName="TileSummary")
        self.fee_label = QLabel(objectName="TileFee")
        self.reason_label = QLabel(objectName="TileReason", wordWrap=True)
        self.reason_label.hide()
        heading = QHBoxLayout()
        heading.setSpacing(space("m"))
        heading.addWidget(self.icon_label, 0, Qt.AlignmentFlag.AlignTop)
        heading.addWidget(self.name_label, 1)
        layout = QVBoxLayout(self.body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(space("xs"))
        # What it does, and what it costs at the line's end: one line for both.
        line = QHBoxLayout()
        line.setSpacing(space("m"))
        line.addWidget(self.summary_label, 1)
        line.addWidget(self.fee_label, 0, Qt.AlignmentFlag.AlignRight)
        layout.addLayout(heading)
        layout.addLayout(line)
        layout.addStretch(1)
        layout.addWidget(self.reason_label)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(space("l"), space("m"), space("l"), space("m"))
        outer.addWidget(self.body)

    def show_texts(self, language: str, fee: str) -> None:
        """The service's words in ``language``; ``fee`` as the home page words it (免费, 元)."""
        name = self.service.name.get(language)
        self.name_label.setText(name)
        summary = self.service.summary.get(language)
        self.summary_label.setText(summary)
        unavailable = bool(self.body.property("unavailable"))
        self.summary_label.setVisible(bool(summary) and not unavailable)
        self.fee_label.setText(fee)
        self.setAccessibleName(name)

    def set_unavailable(self, reason: str | None) -> None:
        unavailable = reason is not None
        self.reason_label.setText(reason or "")
        if bool(self.body.property("unavailable")) == unavailable:
            return  # same look: no repolish at every language switch
        self.setEnabled(not unavailable)
        self.body.setProperty("unavailable", unavailable)
        self.reason_label.setVisible(unavailable)
        # Summary and fee make room for why the service cannot be used now, and what instead.
        self.summary_label.setVisible(not unavailable and bool(self.summary_label.full_text))
        self.fee_label.setVisible(not unavailable)
        self._restyle()

    def _restyle(self) -> None:
        # Re-polish so the property selector in the stylesheet applies.
        for w in (self.body, self.name_label, self.summary_label, self.fee_label):
            w.style().unpolish(w)
            w.style().polish(w)
