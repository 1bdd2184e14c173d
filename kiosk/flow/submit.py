"""Submit the case to the offline queue; done only once it is durable on disk.

A 一件事 bundle (``Service.bundle``) files one case per member service here, each
its own transaction with its own application number, after the one identity check
and the one confirm the bundle's steps hold; the step is done once all are durable.
"""

from __future__ import annotations

import logging
import secrets
import time
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any

from kiosk.cases.case import applicant
from kiosk.flow.engine import FlowError, Step, step_kind
from offline_queue.ids import uuid7_str

log = logging.getLogger(__name__)

#: How long the step waits for the queue to say the case is on disk.
DURABLE_TIMEOUT_S = 15.0


def application_number(kiosk_id: str, now: float | None = None) -> str:
    """Digits only, so it can be keyed in on a keypad: 202611222114 + 6 random digits."""
    stamp = time.strftime("%Y%m%d%H%M", time.localtime(now))
    return f"{stamp}{secrets.randbelow(10**6):06d}"


def case_payload(
    step: Step, member: dict[str, str] | None = None
) -> tuple[dict[str, Any], dict[str, Any]]:
    """(payload, personal data) of the session's case; steps fill ``case.*`` keys.

    ``member`` is one case of a bundle (:func:`bundle_cases`): its own service and
    number, the rest shared with the bundle's other cases.
    """
    data = step.data
    service = step.flow.service
    payload: dict[str, Any] = {
        "service_id": service.id,
        "kiosk_id": step.env.config.kiosk.id,
        "application_no": data["application_no"],
        "fee_fen": service.fee_fen,
    }
    if member is not None:
        fee = step.env.config.service(member["service_id"]).fee_fen
        payload.update(
            service_id=member["service_id"],
            application_no=member["application_no"],
            fee_fen=fee,
            bundle_id=service.id,
        )
    payload.update(data.get("case.payload", {}))
    pii: dict[str, Any] = dict(data.get("case.pii", {}))
    return payload, pii


def bundle_cases(step: Step) -> list[dict[str, str]]:
    """The bundle's cases: service, application number and transaction id of each.

    Made once per visit and kept in the session, so a retry after a refused or slow
    write resubmits the same ids (a no-op for those already stored), never a second case.
    """
    cases: list[dict[str, str]] | None = step.data.get("bundle.cases")
    if cases is None:
        kiosk_id, numbers = step.env.config.kiosk.id, set[str]()
        cases = []
        for member_id in step.flow.service.bundle:
            number = application_number(kiosk_id)
            while number in numbers:  # six random digits: a clash is rare, never kept
                number = application_number(kiosk_id)
            numbers.add(number)
            cases.append({"service_id": member_id, "application_no": number, "tx": uuid7_str()})
        step.data["bundle.cases"] = cases
    return cases


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
        members = bundle_cases(self) if self.flow.service.bundle else []
        # A bundle's first case gives the visit its number (slip, 办理成功, rating).
        self.data["application_no"] = self.data.get("application_no") or (
            members[0]["application_no"]
            if members
            else application_number(self.env.config.kiosk.id)
        )
        self.clear_error()
        self.set_busy(True)
        tickets: list[Any] = []
        try:
            if not members:
                payload, pii = case_payload(self)
                no = self.data["application_no"]
                tickets.append(
                    outbox.submit(self.flow.service.id, payload, pii or None, case_key=no)
                )
            for member in members:
                payload, pii = case_payload(self, member)
                tickets.append(
                    outbox.submit(
                        member["service_id"],
                        payload,
                        pii or None,
                        case_key=member["application_no"],
                        tx_id=member["tx"],
                    )
                )
        except Exception as exc:  # refused at once: disk full, too large, closed
            self.fail(FlowError("QUEUE_REFUSED", f"{type(exc).__name__}: {exc}"))
            return
        numbers = [m["application_no"] for m in members] or [self.data["application_no"]]
        services = [m["service_id"] for m in members] or [self.flow.service.id]
        after = [
            self._index_entry(t, n, s) for t, n, s in zip(tickets, numbers, services, strict=True)
        ]
        after.append(self._journal_entry())
        self.env.call(
            lambda: _durable_then(tickets, after), lambda f: self._durable(tickets, services, f)
        )

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

    def _index_entry(
        self, ticket: Any, application_no: str, service_id: str
    ) -> Callable[[], None] | None:
        """Writes the case into this kiosk's ID-card index (kiosk.cases.index), if it has one."""
        index = self.env.services.case_index
        number = applicant(self.data).get("id_number")
        if index is None or not number:
            return None
        created_s = ticket.created_ms / 1000

        def write() -> None:
            try:
                index.record(number, application_no, service_id, created_s)
            except Exception as exc:  # the case is safe; only the lookup by card misses it
                log.warning("case not indexed", extra={"error": type(exc).__name__})

        return write

    def _durable(self, tickets: list[Any], services: list[str], future: Future[Any]) -> None:
        lost = [t for t in tickets if not t.durable]
        if future.exception() is not None or lost:
            error = future.exception() or lost[0].error
            self.fail(FlowError("QUEUE_NOT_DURABLE", str(error)))
            return
        self.data["case_id"] = tickets[0].id
        for ticket, service in zip(tickets, services, strict=True):
            log.info("case durable", extra={"service": service, "case": ticket.id})
        self.complete()


def _durable_then(tickets: list[Any], after: list[Callable[[], None] | None]) -> None:
    """Wait until every case is on disk, then run each of ``after`` (which must not raise)."""
    deadline = time.monotonic() + DURABLE_TIMEOUT_S
    for ticket in tickets:
        ticket.wait(max(0.0, deadline - time.monotonic()))
    if all(t.durable for t in tickets):
        for fn in after:
            if fn is not None:
                fn()
