"""Payments: the fees that need a person (as ``kiosk payments summary``), marked handled."""

from __future__ import annotations

import datetime as dt

from kiosk.maintenance.actions.base import Actions
from kiosk.payments.journal import JournalEntry, PaymentJournal
from kiosk.payments.report import DaySummary, day_summary

#: Notes a technician picks on the screen (no free text: nobody types a citizen's name).
HANDLED_NOTES = ("cash_refund", "refunded_at_counter", "gateway_refund_confirmed")


class PaymentActions(Actions):
    def _journal(self) -> PaymentJournal | None:
        journal = self.core.flow_services.payment_journal
        return journal if isinstance(journal, PaymentJournal) else None

    def summary(self, day: dt.date | None = None) -> DaySummary | None:
        self._technician()
        journal = self._journal()
        if journal is None:
            self._audit("payments_view", "unavailable")
            return None
        summary = day_summary(journal, day or dt.date.today())
        self._audit("payments_view", "ok", f"{len(summary.needs_staff)} need staff")
        return summary

    def needing_staff(self) -> list[JournalEntry]:
        """Every refund the gateway refused, whatever its day (oldest first)."""
        self._technician()
        journal = self._journal()
        if journal is None:
            self._audit("payments_view", "unavailable")
            return []
        from kiosk.payments.report import NEEDS_STAFF

        entries = [e for s in NEEDS_STAFF for e in journal.entries(1000, s)]
        entries.sort(key=lambda e: e.created_ms)
        self._audit("payments_view", "ok", f"{len(entries)} need staff")
        return entries

    def mark_handled(self, order_no: str, note: str) -> bool:
        """Record that staff gave a refused refund back by hand; False if it was not open."""
        self._technician()
        journal = self._journal()
        if journal is None or note not in HANDLED_NOTES:
            self._audit("payment_handled", "refused", order_no[:40])
            return False
        moved = journal.handled(order_no, f"{note}, technician {self.mode.technician}")
        self._audit("payment_handled", "ok" if moved else "not_open", order_no[:40])
        return moved
