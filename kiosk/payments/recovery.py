"""Settle the fees an earlier run of the kiosk left open: file, void or refund each one.

Runs at start (and again while any stays open) over the journal's entries from
before this run (:mod:`kiosk.payments.journal`). For each:

* its case is in the queue, or the platform knows it → FILED: the fee was for it;
* it was only ORDERED → the order is cancelled at the gateway, which also closes
  an order number it never saw, so a charge still in flight cannot be taken.
  Closed → VOID; already paid → refunded like a PAID one;
* PAID without a case → refunded with the refund number the visit itself would
  have used (``R`` + the order's digits), so a refund that reached the gateway
  before the crash is not paid twice; the refund is queued for the platform.

What cannot be decided now (gateway or platform unreachable, a refund still
processing) stays open for the next pass. A refund the gateway refuses is
REFUND_FAILED, queued, and logged for staff: money is owed and a person must
act.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from typing import Any

from drivers.payment.interface import PaymentGateway
from drivers.payment.model import GatewayRejected, PaymentError, PaymentStatus, RefundStatus
from kiosk.payments.journal import JournalEntry, PaymentJournal, PaymentState

log = logging.getLogger(__name__)

REFUND_REASON = "kiosk restarted before the case was filed"
#: How long a pass waits for the queue to store a refund record.
RECORD_TIMEOUT_S = 15.0
#: An open entry of this run is left to its visit (and that visit's own refund) this long.
GRACE_S = 900.0
#: Final answers to a cancel that mean no money was taken.
NOT_PAID = (PaymentStatus.CLOSED, PaymentStatus.DECLINED, PaymentStatus.EXPIRED)


def refund_number(order_no: str) -> str:
    """The one refund number an order ever gets: a repeated refund is not paid twice."""
    return f"R{order_no[1:]}"


@dataclass
class RecoveryReport:
    filed: list[str] = field(default_factory=list)
    void: list[str] = field(default_factory=list)
    refunded: list[str] = field(default_factory=list)
    refund_failed: list[str] = field(default_factory=list)
    waiting: list[str] = field(default_factory=list)  # undecided: tried again later

    @property
    def done(self) -> bool:
        return not self.waiting


@dataclass(eq=False)
class PaymentRecovery:
    """One pass over the open entries with :meth:`run`; ``gateway`` may be None (all wait).

    ``kept_delivered_s`` is how long the queue keeps delivered rows: for an entry
    younger than that, a case missing from the queue was never filed.
    """

    journal: PaymentJournal
    outbox: Any
    gateway: PaymentGateway | None
    platform: Any
    kiosk_id: str
    kept_delivered_s: float
    clock: Callable[[], float] = time.time

    def run(self, exclude: Collection[str] = ()) -> RecoveryReport:
        """Settle what can be settled now: every earlier run's open entries, and this run's
        once they are :data:`GRACE_S` old, except the orders in ``exclude`` (a visit's own).
        """
        report = RecoveryReport()
        now_ms = int(self.clock() * 1000)
        before_ms = max(self.journal.opened_ms, now_ms - int(GRACE_S * 1000))
        for entry in self.journal.unsettled(before_ms=before_ms):
            if entry.order_no in exclude:
                continue
            try:
                outcome = self._settle(entry)
            except Exception as exc:  # one entry's trouble never stops the others
                log.warning(
                    "open payment not settled yet",
                    extra={"order_no": entry.order_no, "error": type(exc).__name__},
                )
                outcome = "waiting"
            getattr(report, outcome).append(entry.order_no)
        if report.filed or report.void or report.refunded or report.refund_failed:
            log.info(
                "open payments of an earlier run settled",
                extra={k: len(v) for k, v in vars(report).items()},
            )
        return report

    # ---- one entry
    def _settle(self, entry: JournalEntry) -> str:
        known = self._case_known(entry)
        if known:
            self.journal.filed(entry.order_no)
            return "filed"
        if known is None:
            return "waiting"  # the case may exist where we cannot look now
        if self.gateway is None:
            return "waiting"
        if entry.state is PaymentState.ORDERED:
            status = self.gateway.cancel(entry.order_no).status
            if status in NOT_PAID:
                self.journal.void(entry.order_no, f"cancelled at recovery: {status}")
                return "void"
            if status is not PaymentStatus.PAID:
                return "waiting"
            self.journal.paid(entry.order_no)
        return self._refund(entry)

    def _case_known(self, entry: JournalEntry) -> bool | None:
        """True if the case was filed, False if surely not, None if it cannot be told now."""
        if self.outbox is None:
            return None
        rows = self.outbox.find_case(entry.application_no)
        if any(r.type == entry.service_id for r in rows):
            return True
        # The queue keeps every undelivered row, and delivered ones for a while: within
        # that time a case missing from it was never filed. Later only the platform knows.
        age_s = self.clock() - entry.created_ms / 1000
        if age_s < self.kept_delivered_s:
            return False
        if self.platform is None:
            return None
        try:
            return self.platform.application_status(entry.application_no) is not None
        except Exception as exc:
            log.info(
                "platform not asked about an open payment", extra={"error": type(exc).__name__}
            )
            return None

    def _refund(self, entry: JournalEntry) -> str:
        if self.gateway is None:  # checked by the caller: no gateway, nothing is decided
            return "waiting"
        self._payment_recorded(entry)
        refund_no = refund_number(entry.order_no)
        try:
            outcome = self.gateway.refund(
                entry.order_no, entry.amount_fen, refund_no, REFUND_REASON
            )
        except GatewayRejected as exc:  # refused outright (not paid, more than was paid, …)
            return self._refused(entry, refund_no, exc.code)
        except PaymentError as exc:
            log.warning(
                "refund of an open payment not made yet",
                extra={"order_no": entry.order_no, "code": exc.code},
            )
            return "waiting"
        if outcome.status is RefundStatus.SUCCESS:
            # Record first: a crash before the journal says REFUNDED only asks the
            # gateway again, which answers with this same refund.
            self._record(entry, refund_no, str(outcome.status))
            self.journal.refunded(entry.order_no, refund_no, REFUND_REASON)
            log.warning(
                "refunded a fee whose case was never filed",
                extra={"order_no": entry.order_no, "amount_fen": entry.amount_fen},
            )
            return "refunded"
        if outcome.status is RefundStatus.FAILED:
            return self._refused(entry, refund_no, outcome.reason_code)
        return "waiting"  # PROCESSING or UNKNOWN: the same refund number is asked again

    def _refused(self, entry: JournalEntry, refund_no: str, code: str) -> str:
        """The gateway will not refund: a person must return the fee."""
        self._record(entry, refund_no, str(RefundStatus.FAILED), code)
        self.journal.refund_failed(entry.order_no, refund_no, code)
        log.error(
            "refund refused: staff must return the fee (then: kiosk payments handled ORDER)",
            extra={"order_no": entry.order_no, "amount_fen": entry.amount_fen, "code": code},
        )
        return "refund_failed"

    def _payment_recorded(self, entry: JournalEntry) -> None:
        """The platform hears of the charge too, if the run that took it died before queuing it.

        (The visit queues its payment without waiting for the disk; the journal
        entry, written before the answer was acted on, is what survived.)
        """
        rows = self.outbox.find_case(entry.order_no) if self.outbox is not None else []
        if any(r.type == "payment" for r in rows):
            return
        self._submit(
            "payment",
            {
                "order_no": entry.order_no,
                "amount_fen": entry.amount_fen,
                "service_id": entry.service_id,
                "kiosk_id": self.kiosk_id,
                "recovered": True,
            },
            entry.order_no,
        )

    def _record(self, entry: JournalEntry, refund_no: str, status: str, code: str = "") -> None:
        """The refund goes to the platform like a visit's own (kiosk.flow.payment.Refund)."""
        record = {
            "order_no": entry.order_no,
            "refund_no": refund_no,
            "amount_fen": entry.amount_fen,
            "status": status,
            "reason_code": code,
            "kiosk_id": self.kiosk_id,
            "reason": REFUND_REASON,
            "service_id": entry.service_id,
        }
        self._submit("refund", record, entry.order_no)

    def _submit(self, tx_type: str, record: dict[str, Any], order_no: str) -> None:
        """Queue a money record and wait until it is on disk; a failure is logged loudly."""
        try:
            if self.outbox is None:
                raise RuntimeError("no queue")
            ticket = self.outbox.submit(tx_type, record, case_key=order_no)
            ticket.wait(RECORD_TIMEOUT_S)
            if not ticket.durable:
                raise RuntimeError(f"not durable: {ticket.error}")
        except Exception:
            log.exception("money record not queued", extra={"type": tx_type, **record})
