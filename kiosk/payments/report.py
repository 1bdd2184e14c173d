"""What the payment journal says to people: a day's fees by state, and what needs staff.

Queries only (no writes, no personal data): ``kiosk payments`` prints them, and
maintenance and health read the same figures.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from kiosk.payments.journal import JournalEntry, PaymentJournal, PaymentState

#: States that want a person: money taken and not given back by the kiosk.
NEEDS_STAFF = (PaymentState.REFUND_FAILED,)
#: States still being settled by the kiosk (recovery looks at them every few minutes).
OPEN = (PaymentState.ORDERED, PaymentState.PAID)


@dataclass(frozen=True, slots=True)
class DaySummary:
    """One local day's fees, grouped by state."""

    day: dt.date
    by_state: dict[PaymentState, list[JournalEntry]]

    @property
    def entries(self) -> list[JournalEntry]:
        return [e for entries in self.by_state.values() for e in entries]

    @property
    def needs_staff(self) -> list[JournalEntry]:
        return [e for s in NEEDS_STAFF for e in self.by_state[s]]

    @property
    def still_open(self) -> int:
        return sum(len(self.by_state[s]) for s in OPEN)


def day_summary(journal: PaymentJournal, day: dt.date) -> DaySummary:
    start = dt.datetime.combine(day, dt.time()).astimezone()
    end = start + dt.timedelta(days=1)
    entries = journal.created_between(epoch_ms(start), epoch_ms(end))
    return DaySummary(day, {s: [e for e in entries if e.state is s] for s in PaymentState})


def entry_doc(e: JournalEntry) -> dict[str, object]:
    """An entry as JSON-ready fields (order and application numbers, never a person)."""
    return {
        "order_no": e.order_no, "application_no": e.application_no,
        "service_id": e.service_id, "amount_fen": e.amount_fen, "state": e.state.value,
        "refund_no": e.refund_no, "note": e.note,
        "created": local_time(e.created_ms), "updated": local_time(e.updated_ms),
    }  # fmt: skip


def epoch_ms(at: dt.datetime) -> int:
    return int(at.timestamp() * 1000)


def local_time(ms: int) -> str:
    return dt.datetime.fromtimestamp(ms / 1000).astimezone().isoformat(timespec="seconds")


def yuan(fen: int) -> str:
    return f"¥{fen // 100}.{fen % 100:02d}"
