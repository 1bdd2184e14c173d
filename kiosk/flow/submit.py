"""Submit the case to the offline queue; done only once it is durable on disk."""

from __future__ import annotations

import logging
import secrets
import time
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any

from kiosk.cases.case import applicant
from kiosk.flow.engine import FlowError, Step, step_kind

log = logging.getLogger(__name__)

#: How long the step waits for the queue to say the case is on disk.
DURABLE_TIMEOUT_S = 15.0


def application_number(kiosk_id: str, now: float | None = None) -> str:
    """Digits only, so it can be keyed in on a keypad: 202611222114 + 6 random digits."""
    stamp = time.strftime("%Y%m%d%H%M", time.localtime(now))
    return f"{stamp}{secrets.randbelow(10**6):06d}"


def case_payload(step: Step) -> tuple[dict[str, Any], dict[str, Any]]:
    """(payload, personal data) of the session's case; steps fill ``case.*`` keys."""
    data = step.data
    payload: dict[str, Any] = {
        "service_id": step.flow.service.id,
        "kiosk_id": step.env.config.kiosk.id,
        "application_no": data["application_no"],
        "fee_fen": step.flow.service.fee_fen,
    }
    payload.update(data.get("case.payload", {}))
    pii: dict[str, Any] = dict(data.get("case.pii", {}))
    return payload, pii


@step_kind
class Submit(Step):
    """Queue the case durably; a citizen is told it is done only after the commit."""

    kind = "submit"
    can_go_back = False
    prompt_key = "submit"

    def enter(self) -> None:
        if "case_id" in self.data:  # already durable (came back to this step)
            self.complete()
            return
        self.send()

    def send(self) -> None:
        outbox = self.env.outbox
        if outbox is None or not outbox.accepting:
            reason = getattr(outbox, "reason", None) or "NO_QUEUE"
            self.fail(FlowError("QUEUE_UNAVAILABLE", str(reason)))
            return
        self.data["application_no"] = self.data.get("application_no") or application_number(
            self.env.config.kiosk.id
        )
        payload, pii = case_payload(self)
        self.clear_error()
        self.set_busy(True)
        try:
            ticket = outbox.submit(
                self.flow.service.id, payload, pii or None, case_key=self.data["application_no"]
            )
        except Exception as exc:  # refused at once: disk full, too large, closed
            self.fail(FlowError("QUEUE_REFUSED", f"{type(exc).__name__}: {exc}"))
            return
        after = [self._index_entry(ticket), self._journal_entry()]
        self.env.call(lambda: _durable_then(ticket, after), lambda f: self._durable(ticket, f))

    def _journal_entry(self) -> Callable[[], None] | None:
        """Marks the visit's fee FILED in the payment journal: it paid for this case."""
        journal = self.env.services.payment_journal
        order_no = self.data.get("payment.order_no")
        if journal is None or not order_no or not self.data.get("payment.paid"):
            return None

        def write() -> None:
            try:
                journal.filed(order_no)
            except Exception as exc:  # recovery finds the case in the queue and files it then
                log.warning("payment not marked filed", extra={"error": type(exc).__name__})

        return write

    def _index_entry(self, ticket: Any) -> Callable[[], None] | None:
        """Writes the case into this kiosk's ID-card index (kiosk.cases.index), if it has one."""
        index = self.env.services.case_index
        number = applicant(self.data).get("id_number")
        if index is None or not number:
            return None
        application_no, service_id = self.data["application_no"], self.flow.service.id
        created_s = ticket.created_ms / 1000

        def write() -> None:
            try:
                index.record(number, application_no, service_id, created_s)
            except Exception as exc:  # the case is safe; only the lookup by card misses it
                log.warning("case not indexed", extra={"error": type(exc).__name__})

        return write

    def _durable(self, ticket: Any, future: Future[Any]) -> None:
        if future.exception() is not None or not ticket.durable:
            error = future.exception() or ticket.error
            self.fail(FlowError("QUEUE_NOT_DURABLE", str(error)))
            return
        self.data["case_id"] = ticket.id
        log.info("case durable", extra={"service": self.flow.service.id, "case": ticket.id})
        self.complete()


def _durable_then(ticket: Any, after: list[Callable[[], None] | None]) -> None:
    """Wait until the case is on disk, then run each of ``after`` (which must not raise)."""
    ticket.wait(DURABLE_TIMEOUT_S)
    if ticket.durable:
        for fn in after:
            if fn is not None:
                fn()
