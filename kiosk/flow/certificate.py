"""Certificate services: fetch the PDF from the platform, preview it, print it on A4.

The fetched PDF is the citizen's personal data: it lives in the session only (a
``bytearray`` the session's end overwrites), is never written to disk or logged,
and the queue records only that a certificate was printed (number, kind, time).
Certificates are free: a print that fails (paper out mid-job, a printer fault)
costs nothing, says so, and is offered again once the printer is back.
"""

from __future__ import annotations

import enum
import logging
from concurrent.futures import Future
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from drivers.base import StatusChanged
from drivers.docprinter.interface import DocumentPrinter
from kiosk.cases.case import applicant
from kiosk.flow.certificate_period import Period, needs_period, period_choices
from kiosk.flow.devices import DOCPRINTER
from kiosk.flow.engine import FlowError, Step, step_kind

log = logging.getLogger(__name__)

#: Where the session holds the fetched certificate (wiped with the session).
HELD_KEY = "certificate.held"
#: The queue's record of a printed certificate (platform-api.md v1.1).
PRINTED_TX = "certificate_printed"
#: How long the step waits for that record to be on disk.
DURABLE_TIMEOUT_S = 15.0


class HeldCertificate:
    """A fetched certificate; ``wipe`` overwrites the PDF (SessionData calls it)."""

    def __init__(self, kind: str, certificate_no: str, issued_at: str, pdf: bytes) -> None:
        self.kind = kind
        self.certificate_no = certificate_no
        self.issued_at = issued_at
        self.pdf = bytearray(pdf)

    def wipe(self) -> None:
        self.pdf[:] = bytes(len(self.pdf))
        self.pdf.clear()

    def __repr__(self) -> str:  # never the document
        return f"HeldCertificate({self.kind!r}, {self.certificate_no!r})"


def held(step: Step) -> HeldCertificate | None:
    value = step.data.get(HELD_KEY)
    return value if isinstance(value, HeldCertificate) else None


def certificate_kind(step: Step) -> str:
    kind = step.flow.service.certificate
    if not kind:
        raise FlowError("CERT_NOT_CONFIGURED", f"service {step.flow.service.id} names no kind")
    return kind


#: Platform failure kinds (offline_queue.client.FailureKind values) → the step's codes.
_PLATFORM_CODES = {
    "PLATFORM_NOT_FOUND": "CERT_NO_RECORD",
    "PLATFORM_OUT_OF_RANGE": "CERT_PERIOD_OUT_OF_RANGE",
}


class FetchState(enum.StrEnum):
    CHOOSE = "choose"  # the citizen picks the period
    FETCHING = "fetching"
    FAILED = "failed"


@step_kind
class FetchCertificate(Step):
    """Choose the period where the kind covers months, then have the platform issue it."""

    kind = "certificate_fetch"
    prompt_key = "certificate_fetch"

    def __init__(self, flow: Any) -> None:
        super().__init__(flow)
        self.choices: list[Period] = []
        self.chosen: Period | None = None
        self.state = FetchState.CHOOSE
        self._fetch_no = 0  # drops the answer of a fetch whose step was left

    @property
    def needs_period(self) -> bool:
        return needs_period(self.flow.service.certificate or "")

    def enter(self) -> None:
        self._drop_held()  # back here: the certificate is fetched again for the new choice
        if self.needs_period:
            self.choices = period_choices(date.today())
            self.chosen = self.chosen if self.chosen in self.choices else self.choices[0]
            self.state = FetchState.CHOOSE
            self.changed()
        else:
            self.fetch()

    def leave(self) -> None:
        self._fetch_no += 1

    def choose(self, key: str) -> None:
        self.chosen = next((p for p in self.choices if p.key == key), self.chosen)
        self.changed()

    def fetch(self) -> None:
        try:
            kind = certificate_kind(self)
        except FlowError as exc:
            self.state = FetchState.FAILED
            self.fail(exc)
            return
        platform = self.env.platform
        if platform is None:
            self.state = FetchState.FAILED
            self.fail(FlowError("CERT_UNAVAILABLE", "no platform"))
            return
        person = applicant(self.data)
        number, name = str(person.get("id_number") or ""), str(person.get("name") or "")
        params = self.chosen.params if self.needs_period and self.chosen else {}
        self.state = FetchState.FETCHING
        self.clear_error()
        self.set_busy(True)
        self._fetch_no += 1
        ticket = self._fetch_no
        self.env.call(
            lambda: platform.certificate(kind, number, name, params),
            lambda f: self._fetched(ticket, kind, f),
        )

    def _fetched(self, ticket: int, kind: str, future: Future[Any]) -> None:
        error = future.exception()
        cert = None if error is not None else future.result()
        if ticket != self._fetch_no:  # the citizen left meanwhile: the answer is dropped
            return
        if error is not None or cert is None:
            reason = str(getattr(error, "kind", type(error).__name__))
            log.info("certificate not fetched", extra={"code": reason, "kind": kind})
            self.state = FetchState.FAILED
            self.fail(FlowError(_PLATFORM_CODES.get(reason, "CERT_UNAVAILABLE"), reason))
            return
        self.data[HELD_KEY] = HeldCertificate(
            kind, cert.certificate_no, cert.issued_at.isoformat(), cert.pdf
        )
        log.info("certificate fetched", extra={"kind": kind, "certificate_no": cert.certificate_no})
        self.complete()

    def _drop_held(self) -> None:
        old = held(self)
        if old is not None:
            old.wipe()
            self.data[HELD_KEY] = None


@step_kind
class PreviewCertificate(Step):
    """The page as it will print; the citizen's own screen shows what the platform put in it."""

    kind = "certificate_preview"
    prompt_key = "certificate_preview"

    def enter(self) -> None:
        if held(self) is None:
            self.fail(FlowError("CERT_UNAVAILABLE", "nothing fetched"))
        self.changed()

    @property
    def pdf(self) -> bytes:
        """A copy for the page to render; b"" when nothing is held."""
        cert = held(self)
        return bytes(cert.pdf) if cert is not None else b""

    @property
    def certificate_no(self) -> str:
        cert = held(self)
        return cert.certificate_no if cert is not None else ""

    def accept(self) -> None:
        if held(self) is not None:
            self.complete()


class PrintState(enum.StrEnum):
    PRINTING = "printing"
    PRINTED = "printed"
    FAILED = "failed"  # nothing printed, or not all of it: reprint once the printer is back


@dataclass(frozen=True)
class PrintProblem:
    """Why the certificate did not print, for the page to word."""

    code: str  # the printer's status code, e.g. DOCPRINTER_MEDIA_EMPTY
    uncertain: bool  # the job may have printed in part


@step_kind
class PrintCertificate(Step):
    kind = "certificate_print"
    prompt_key = "certificate_print"
    can_go_back = False
    needs = (DOCPRINTER,)

    def __init__(self, flow: Any) -> None:
        super().__init__(flow)
        self.state = PrintState.PRINTING
        self.problem: PrintProblem | None = None
        self.recorded = False  # certificate_printed is queued (once per visit)

    def enter(self) -> None:
        self.print()

    def _printer(self) -> DocumentPrinter | None:
        return self.env.devices.docprinter(DOCPRINTER)

    @property
    def printer_ready(self) -> bool:
        """The printer could take the job now (the page offers the reprint only then)."""
        printer = self._printer()
        return printer is not None and printer.status.usable

    def on_device_event(self, device: str, event: Any) -> None:
        if device == DOCPRINTER and isinstance(event, StatusChanged):
            self.changed()  # paper back: the reprint button comes alive

    def print(self) -> None:
        cert = held(self)
        printer = self._printer()
        if cert is None:
            self._failed("CERT_UNAVAILABLE", uncertain=False)
            return
        if printer is None or not printer.status.usable:
            code = printer.status.code if printer is not None else "DOCPRINTER_MISSING"
            self._failed(code, uncertain=False)
            return
        self.state = PrintState.PRINTING
        self.problem = None
        self.clear_error()
        self.set_busy(True)
        pdf, title = bytes(cert.pdf), f"certificate {cert.kind}"  # the job's name: no person
        record = {"certificate_no": cert.certificate_no, "kind": cert.kind}
        self.env.call(
            lambda: printer.print_pdf(pdf, title=title), lambda f: self._printed(record, f)
        )

    def reprint(self) -> None:
        if self.state is PrintState.FAILED and self.printer_ready:
            self.print()

    def _printed(self, record: dict[str, str], future: Future[Any]) -> None:
        error = future.exception()
        result = None if error is not None else future.result()
        outcome = str(getattr(getattr(result, "outcome", None), "value", ""))
        if outcome == "printed":
            self._record(record)  # even if the visit ended meanwhile: the paper is out
            return
        if self.flow.current is not self:
            return
        code = str(getattr(result, "code", "")) if result is not None else type(error).__name__
        self._failed(code or "DOCPRINTER_FAILED", uncertain=outcome == "uncertain")

    def _failed(self, code: str, *, uncertain: bool) -> None:
        self.state = PrintState.FAILED
        self.problem = PrintProblem(code, uncertain)
        log.warning("certificate not printed", extra={"code": code, "uncertain": uncertain})
        self.fail(FlowError("CERT_PRINT_UNCERTAIN" if uncertain else "CERT_NOT_PRINTED", code))

    def _record(self, record: dict[str, str]) -> None:
        """Queue certificate_printed (number, kind, time; never the document), then done."""
        self.state = PrintState.PRINTED
        self.data["certificate.printed"] = True
        self.data["certificate.no"] = record["certificate_no"]  # 办理成功 shows it
        self.flow.no_return = True  # on paper now: back would only print it twice
        if self.recorded:
            self.set_busy(False)
            return
        self.recorded = True
        payload = {
            **record,
            "printed_at": datetime.now().astimezone().isoformat(timespec="seconds"),
            "service_id": self.flow.service.id,
            "kiosk_id": self.env.config.kiosk.id,
        }
        outbox = self.env.outbox
        try:
            if outbox is None:
                raise RuntimeError("no queue")
            ticket = outbox.submit(PRINTED_TX, payload, case_key=record["certificate_no"])
        except Exception as exc:  # printed all the same: the citizen has the paper
            log.error("certificate_printed not queued", extra={"error": type(exc).__name__})
            self.set_busy(False)
            return
        self.env.call(lambda: ticket.wait(DURABLE_TIMEOUT_S), lambda f: self._durable(ticket))

    def _durable(self, ticket: Any) -> None:
        if ticket.durable:
            self.data["case_id"] = ticket.id  # nothing left to cancel
        else:
            log.error("certificate_printed not durable", extra={"error": str(ticket.error)})
        self.set_busy(False)

    def finish(self) -> None:
        if self.state is PrintState.PRINTED and not self.busy:
            self.complete()
