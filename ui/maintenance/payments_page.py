"""Payments: refunds the gateway refused, for staff to give back by hand and mark handled."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from kiosk.flow.engine import Executor
from kiosk.maintenance.actions import PaymentActions
from kiosk.maintenance.actions.payments import HANDLED_NOTES
from kiosk.payments.journal import JournalEntry
from kiosk.payments.report import local_time, yuan
from ui.maintenance.page_base import ConsolePage, row_list
from ui.maintenance.texts import handled_note
from ui.widgets.chips import Chips


class FeeRow(QFrame):
    def __init__(self, page: PaymentsPage, entry: JournalEntry) -> None:
        super().__init__()
        self.order_no = entry.order_no
        self.text = QLabel(wordWrap=True)
        self.text.setText(
            f"{entry.order_no} · {yuan(entry.amount_fen)} · {entry.service_id} · "
            f"{local_time(entry.created_ms)}"
        )
        self.notes = Chips(columns=None)
        self.notes.clicked.connect(self._chosen)
        self.note = ""
        self.handled_button = QPushButton(objectName="Secondary")
        self.handled_button.setEnabled(False)
        self.handled_button.clicked.connect(lambda: page.mark(self.order_no, self.note))
        row = QHBoxLayout()
        row.addWidget(self.notes, 1)
        row.addWidget(self.handled_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addLayout(row)
        self.retranslate()

    def retranslate(self) -> None:
        self.notes.set_choices((n, handled_note(n)) for n in HANDLED_NOTES)
        self.handled_button.setText(self.tr("标记已处理"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _chosen(self, note: str) -> None:
        self.note = note
        self.notes.set_checked([note])
        self.handled_button.setEnabled(True)


class PaymentsPage(ConsolePage):
    def __init__(
        self, actions: PaymentActions, run_async: Executor, parent: QWidget | None = None
    ) -> None:
        super().__init__(actions, run_async, parent)
        self.summary = QLabel(wordWrap=True)
        self.list, scroll = row_list()
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.summary)
        layout.addWidget(self.result)
        layout.addWidget(scroll, 1)
        self.rows: list[FeeRow] = []
        self._count = 0
        self.retranslate()

    def retranslate(self) -> None:
        self.heading.setText(self.tr("需要人工处理的费用"))
        if self._count:
            self.summary.setText(
                self.tr("%1 笔退款被支付平台拒绝，请退还后标记。").replace("%1", str(self._count))
            )
        else:
            self.summary.setText(self.tr("没有需要人工处理的费用。"))

    def refresh(self) -> None:
        self.act(self.actions.needing_staff, self._show)

    def _show(self, entries: list[JournalEntry]) -> None:
        for row in self.rows:
            self.list.removeWidget(row)
            row.deleteLater()
        self.rows = [FeeRow(self, e) for e in entries]
        for row in self.rows:
            self.list.insertWidget(self.list.count() - 1, row)
        self._count = len(entries)
        self.retranslate()

    def mark(self, order_no: str, note: str) -> None:
        def shown(moved: bool) -> None:
            text = self.tr("已标记：%1") if moved else self.tr("这笔费用已不需要处理：%1")
            self.act(
                self.actions.needing_staff,
                lambda e: (self._show(e), self.result.setText(text.replace("%1", order_no))),
            )

        self.act(lambda: self.actions.mark_handled(order_no, note), shown)
