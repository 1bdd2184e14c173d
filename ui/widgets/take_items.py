"""The prompt, as a visit ends, to take the ID card from the reader and the slip from the outlet.

Full-screen, flashing (a slow 1 Hz border swap, far below the three flashes a second
that can trigger seizures) and spoken by the controller; a picture shows where the
card or the slip is, drawn for this kiosk's hardware layout. "已取走" puts it away; the
home screen's line keeps asking.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import QBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ui.design_tokens import size
from ui.illustrations import layout_of, place_text
from ui.widgets.illustration import Illustration
from ui.widgets.overlay import Overlay
from ui.widgets.reflow import side_by_side

#: Half a flash period: the border swaps colour this often.
FLASH_MS = 500


class TakeItemsPrompt(Overlay):
    taken = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent, "TakeItemsPrompt")
        self.card_left = self.slip_left = False
        self.heading = QLabel(objectName="Heading", wordWrap=True)
        self.heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.card_sketch = Illustration("id_card_take")
        self.slip_sketch = Illustration("slip_outlet")
        self.card_text = QLabel(wordWrap=True, alignment=Qt.AlignmentFlag.AlignCenter)
        self.slip_text = QLabel(wordWrap=True, alignment=Qt.AlignmentFlag.AlignCenter)
        items = side_by_side(QBoxLayout(QBoxLayout.Direction.LeftToRight))
        pairs = ((self.card_sketch, self.card_text), (self.slip_sketch, self.slip_text))
        for sketch, text in pairs:
            sketch.setMaximumSize(*size("picture_large"))
            item = QVBoxLayout()  # each picture with its words beneath
            item.addWidget(sketch, 0, Qt.AlignmentFlag.AlignHCenter)
            item.addWidget(text)
            items.addLayout(item)
        self.taken_button = QPushButton(objectName="Primary")
        self.taken_button.clicked.connect(self.taken)
        self.inner.addWidget(self.heading)
        self.inner.addLayout(items)
        self.inner.addWidget(self.taken_button, 0, Qt.AlignmentFlag.AlignCenter)
        self._flash_on = False
        self._flash = QTimer(self, interval=FLASH_MS, timeout=self._toggle)
        self.retranslate()

    def show_items(self, card: bool, slip: bool) -> None:
        self.card_left, self.slip_left = card, slip
        if not (card or slip):
            self._flash.stop()
            self.hide()
            return
        for w in (self.card_sketch, self.card_text):
            w.setVisible(card)
        for w in (self.slip_sketch, self.slip_text):
            w.setVisible(slip)
        self.retranslate()
        self.open()
        self._flash.start()

    def _toggle(self) -> None:
        self._flash_on = not self._flash_on
        # The stylesheet draws the alert border while ``flash`` is true.
        self.card.setProperty("flash", self._flash_on)
        self.card.style().unpolish(self.card)
        self.card.style().polish(self.card)

    def hideEvent(self, event) -> None:
        if hasattr(self, "_flash"):  # the base hides the overlay before the timer exists
            self._flash.stop()
        super().hideEvent(event)

    def retranslate(self) -> None:
        if self.card_left and self.slip_left:
            self.heading.setText(self.tr("请取走您的身份证和凭条"))
        elif self.card_left:
            self.heading.setText(self.tr("请取走您的身份证"))
        else:
            self.heading.setText(self.tr("请取走您的凭条"))
        self.card_text.setText(
            self.tr("身份证还在%1的读卡区上").replace("%1", place_text(layout_of(self)))
        )
        self.slip_text.setText(self.tr("凭条在出纸口"))
        self.taken_button.setText(self.tr("已取走"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
