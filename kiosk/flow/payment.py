"""Pay the service's fee: scan the citizen's payment code, or show a payment QR.

Money is never taken twice: every charge carries a kiosk-side order number
that the gateway deduplicates on, an answer that never came is resolved by
querying that order (never by charging again), and a declined order is
retried under a new number. Once paid, the payment is recorded in the queue
at once; if the visit then ends without a durable case, the payment is
refunded through the gateway (idempotent by refund number) and the refund is
recorded too.
"""

from __future__ import annotations

import datetime as dt
import enum
import logging
import secrets
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any

from drivers.payment.interface import PaymentGateway
from drivers.payment.model import PaymentOutcome, PaymentStatus, RefundStatus
from drivers.scanner.model import CodeScanned
from kiosk.cases.case import add_to_case
from kiosk.flow.devices import SCANNERS
from kiosk.flow.engine import Flow, FlowError, FlowOutcome, Step, step_kind
from kiosk.flow.submit import application_number
from kiosk.payments.journal import FeeJournal, JournalUnavailable
from kiosk.payments.recovery import NOT_PAID, refund_number

log = logging.getLogger(__name__)

#: How long one round of querying waits for a final outcome (USER_PAYING, UNKNOWN, QR).
QUERY_ROUND_S = 20.0
#: Rounds before an order whose outcome stays unknown is handed to staff (no new charge).
MAX_QUERY_ROUNDS = 3


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def order_number(kiosk_id: str) -> str:
    """Unique per charge attempt: kiosk, time and random digits (the idempotency key)."""
    short = "".join(ch for ch in kiosk_id if ch.isalnum())[-6:].upper()
    return f"K{short}{time.strftime('%Y%m%d%H%M%S')}{secrets.randbelow(10**4):04d}"


class PayState(enum.StrEnum):
    CHOOSE = "choose"  # scan a payment code, or ask for a QR
    CHARGING = "charging"  # a charge is out; the answer decides
    CONFIRMING = "confirming"  # no final answer yet: querying the same order
    QR_SHOWN = "qr_shown"  # the citizen scans our QR with their phone
    PAID = "paid"
    UNCONFIRMED = "unconfirmed"  # money may have moved: staff must check; no new charge


@step_kind
class Payment(Step):
    kind = "payment"
    can_go_back = False  # once paid, the flow cannot go back past it
    prompt_key = "payment"
    device = "payment"
    needs = ("payment",)
    #: The wall clock the QR's expiry is read against (tests set their own).
    clock: Callable[[], dt.datetime] = staticmethod(utc_now)

    def enter(self) -> None:
        self.amount_fen = self.flow.service.fee_fen
        self.state = PayState.CHOOSE
        self.qr_text = ""
        self.qr_expires_at: dt.datetime | None = None
        self._rounds = 0
        self._stop = threading.Event()
        if self.data.get("payment.paid"):
            self.complete()  # came back after paying
            return
        if self.amount_fen == 0:
            self.data["paid_fen"] = 0
            self.complete()
            return
        self.changed()

    def leave(self) -> None:
        self._stop.set()  # ends any query loop on the worker

    @property
    def gateway(self) -> PaymentGateway | None:
        return self.env.devices.payment(self.device)

    def _new_order(self) -> str:
        if self.state is PayState.UNCONFIRMED:
            raise FlowError("PAYMENT_UNCONFIRMED", "an earlier order is unresolved")
        order = order_number(self.env.config.kiosk.id)
        self.data["payment.order_no"] = order
        # The case's number is fixed before money moves: the journal ties the fee to it.
        if not self.data.get("application_no"):
            self.data["application_no"] = application_number(self.env.config.kiosk.id)
        self._rounds = 0
        return order

    def _journaled(self, order: str, send: Callable[[], Any]) -> Callable[[], Any]:
        """``send`` (a charge or a QR order) run after its order is in the payment journal.

        On the worker: the journal entry is on disk before the gateway hears of the
        order; without a journal nothing is sent (JournalUnavailable).
        """
        journal = self.env.services.payment_journal
        application_no, service_id = self.data["application_no"], self.flow.service.id
        amount = self.amount_fen

        def run() -> Any:
            if journal is not None:
                journal.ordered(order, application_no, service_id, amount)
            return note_outcome(journal, send())

        return run

    # ---- pay by scanning the citizen's payment code
    def on_device_event(self, device: str, event: Any) -> None:
        if device in SCANNERS and isinstance(event, CodeScanned) and self.state is PayState.CHOOSE:
            self.charge(event.result.text)

    def charge(self, auth_code: str) -> None:
        gateway = self.gateway
        if self.state is PayState.UNCONFIRMED:
            return  # never a second charge while the first one is unresolved
        if gateway is None:
            self.fail(FlowError("DEVICE_MISSING", self.device))
            return
        order, amount = self._new_order(), self.amount_fen
        self.state = PayState.CHARGING
        self.clear_error()
        self.set_busy(True)
        charge = self._journaled(order, lambda: gateway.charge(order, amount, auth_code))
        self.env.call(charge, self._answered)

    # ---- pay by showing a QR
    def show_qr(self) -> None:
        gateway = self.gateway
        if self.state is PayState.UNCONFIRMED:
            return
        if gateway is None:
            self.fail(FlowError("DEVICE_MISSING", self.device))
            return
        order, amount = self._new_order(), self.amount_fen
        self.clear_error()
        self.set_busy(True)
        self.env.call(
            self._journaled(order, lambda: gateway.create_qr(order, amount)), self._qr_created
        )

    def _unusable(self, future: Future[Any]) -> bool:
        """True when a gateway answer is stale (the flow moved on) or a failure, now shown."""
        if self.flow.current is not self:
            return True
        error = future.exception()
        if isinstance(error, JournalUnavailable):
            self._no_journal(error)
        elif error is not None:
            self._gateway_problem(error)
        return error is not None

    def qr_seconds_left(self) -> int:
        """Seconds the QR on screen can still be paid (the page counts them down); 0 after."""
        if self.state is not PayState.QR_SHOWN or self.qr_expires_at is None:
            return 0
        return max(0, int((self.qr_expires_at - self.clock()).total_seconds()))

    def _qr_created(self, future: Future[Any]) -> None:
        if self._unusable(future):
            return
        order = future.result()
        self.qr_text = order.qr_text
        expires = order.expires_at
        self.qr_expires_at = expires if expires.tzinfo else expires.replace(tzinfo=dt.UTC)
        self.state = PayState.QR_SHOWN
        self.set_busy(False)  # the citizen is paying on their phone: idle keeps counting
        self._query_round()

    # ---- outcomes
    def _query_round(self) -> None:
        round_s = QUERY_ROUND_S
        if self.state is PayState.QR_SHOWN:
            # The citizen has until the QR expires; then it is closed and they are asked.
            left = self.qr_seconds_left()
            if left <= 0:
                self._qr_timed_out()
                return
            round_s = min(QUERY_ROUND_S, float(left))
        else:
            self._rounds += 1
            if self._rounds > MAX_QUERY_ROUNDS:
                self._unconfirmed()
                return
        gateway, order, stop = self.gateway, self.data["payment.order_no"], self._stop
        if gateway is None:  # the device went away between rounds
            self._unconfirmed()
            return
        journal = self.env.services.payment_journal
        self.env.call(
            lambda: note_outcome(journal, gateway.wait_for_outcome(order, round_s, stop=stop)),
            self._answered,
        )

    def _qr_timed_out(self) -> None:
        """The QR expired unpaid: close its order (so a late scan cannot pay it), then ask.

        CLOSED brings the choice back with "二维码已过期" and the offer of a new QR; a
        payment that came in at the last moment is PAID; no answer is resolved by query.
        """
        gateway, order = self.gateway, self.data["payment.order_no"]
        if gateway is None:
            self._unconfirmed()
            return
        self.state = PayState.CONFIRMING
        self.set_busy(True)
        journal = self.env.services.payment_journal
        self.env.call(lambda: note_outcome(journal, gateway.cancel(order)), self._answered)

    def _answered(self, future: Future[Any]) -> None:
        if self._unusable(future):
            return
        outcome: PaymentOutcome = future.result()
        status = outcome.status
        if status is PaymentStatus.PAID:
            self._paid(outcome)
        elif status is PaymentStatus.DECLINED:
            self.state = PayState.CHOOSE
            self.fail(FlowError("PAYMENT_DECLINED", outcome.reason_code))
        elif status in (PaymentStatus.EXPIRED, PaymentStatus.CLOSED):
            self.state = PayState.CHOOSE
            self.qr_text = ""
            self.qr_expires_at = None
            self.fail(FlowError("PAYMENT_QR_EXPIRED", str(status)))
        else:  # UNKNOWN, USER_PAYING, PENDING: ask again about the same order
            if self.state is not PayState.QR_SHOWN:
                self.state = PayState.CONFIRMING
                self.set_busy(True)
            self.changed()
            self._query_round()

    def _no_journal(self, error: BaseException | None) -> None:
        """The journal could not take the order: nothing was sent, no money moved."""
        log.error("payment journal unavailable", extra={"error": str(error)})
        self.state = PayState.CHOOSE
        self.fail(FlowError("PAYMENT_UNAVAILABLE", "JOURNAL"))

    def _gateway_problem(self, error: BaseException) -> None:
        code = getattr(error, "code", type(error).__name__)
        log.warning("payment gateway problem", extra={"code": code})
        if self.state in (PayState.CHARGING, PayState.CONFIRMING):
            # A charge may be out: keep asking about it rather than charging again.
            self.state = PayState.CONFIRMING
            self.changed()
            self._query_round()
            return
        self.state = PayState.CHOOSE
        self.fail(FlowError("PAYMENT_UNAVAILABLE", str(code)))

    def _unconfirmed(self) -> None:
        """The gateway never gave a final answer: hand the order to staff, charge nothing more."""
        order = self.data["payment.order_no"]
        self.state = PayState.UNCONFIRMED
        log.error("payment outcome unresolved", extra={"order_no": order})
        _queue_record(
            self,
            "payment_unconfirmed",
            {"order_no": order, "amount_fen": self.amount_fen, "service_id": self.flow.service.id},
        )
        self.fail(FlowError("PAYMENT_UNCONFIRMED", order))

    def _paid(self, outcome: PaymentOutcome) -> None:
        self.state = PayState.PAID
        self.data["payment.paid"] = True
        self.data["paid_fen"] = outcome.amount_fen
        record = {
            "order_no": outcome.order_no,
            "amount_fen": outcome.amount_fen,
            "transaction_id": outcome.transaction_id,
            "channel": outcome.channel,
        }
        add_to_case(self.data, payload={"payment": record})
        _queue_record(self, "payment", {**record, "service_id": self.flow.service.id})
        refund = Refund(self.flow, outcome.order_no, outcome.amount_fen)
        self.flow.add_end_listener(refund.unless_submitted)
        log.info("paid", extra={"order_no": outcome.order_no, "amount_fen": outcome.amount_fen})
        self.complete()


def note_outcome(journal: FeeJournal | None, outcome: Any) -> Any:
    """Write what the gateway said of an order into the journal (on the worker); pass it on."""
    status = getattr(outcome, "status", None)
    if journal is None or status is None:
        return outcome
    try:
        if status is PaymentStatus.PAID:
            journal.paid(outcome.order_no)
        elif status in NOT_PAID:
            journal.void(outcome.order_no, str(status))
    except JournalUnavailable as exc:
        # The money moved either way: the queue's payment row records it; recovery
        # finds the entry still ORDERED and asks the gateway.
        log.error(
            "payment journal not updated", extra={"order_no": outcome.order_no, "error": str(exc)}
        )
    return outcome


def _queue_record(step: Step, tx_type: str, payload: dict[str, Any]) -> None:
    """Money moved: record it durably; a refused queue is logged loudly, never ignored."""
    outbox = step.env.outbox
    payload = {**payload, "kiosk_id": step.env.config.kiosk.id}
    try:
        if outbox is None:
            raise RuntimeError("no queue")
        outbox.submit(tx_type, payload, case_key=payload.get("order_no"))
    except Exception:
        log.exception("money record not queued", extra={"type": tx_type, **payload})


class Refund:
    """Refunds a payment whose visit ended without a durable case."""

    def __init__(self, flow: Flow, order_no: str, amount_fen: int) -> None:
        self.flow = flow
        self.order_no = order_no
        self.amount_fen = amount_fen
        self.outcome: Any = None

    def unless_submitted(self, flow: Flow, outcome: FlowOutcome) -> None:
        if "case_id" in flow.session.data:
            return  # the case is durable: the fee was for it
        gateway = flow.env.devices.payment()
        if gateway is None:
            log.error(
                "paid case not submitted and no gateway to refund",
                extra={"order_no": self.order_no},
            )
            return
        refund_no = refund_number(self.order_no)
        order, amount = self.order_no, self.amount_fen
        journal = flow.env.services.payment_journal
        log.warning(
            "refunding a paid visit that ended without a case",
            extra={"order_no": order, "outcome": str(outcome)},
        )

        def refund() -> Any:
            result = gateway.refund(order, amount, refund_no, "case not submitted")
            # Not refunded yet (processing, no answer, refused): the entry stays
            # PAID, and the next start asks again under the same refund number.
            if journal is not None and result.status is RefundStatus.SUCCESS:
                journal.refunded(order, refund_no, "case not submitted")
            return result

        flow.env.call(refund, lambda f: self._done(flow, refund_no, f))

    def _done(self, flow: Flow, refund_no: str, future: Future[Any]) -> None:
        error = future.exception()
        self.outcome = None if error is not None else future.result()
        status = str(getattr(self.outcome, "status", "unknown"))
        outbox = flow.env.outbox
        record = {
            "order_no": self.order_no,
            "refund_no": refund_no,
            "amount_fen": self.amount_fen,
            "status": status,
            "kiosk_id": flow.env.config.kiosk.id,
        }
        try:
            if outbox is None:
                raise RuntimeError("no queue")
            outbox.submit("refund", record, case_key=self.order_no)
        except Exception:
            log.exception("refund record not queued", extra=record)
