"""The ``ipp`` driver: an A4 document printer reached over IPP.

The same code reaches a CUPS queue (``ipp://localhost/printers/NAME``) and a
driverless IPP Everywhere printer (``ipp://HOST:PORT/ipp/print``): both answer
the four operations used here. The supervisor's worker polls
Get-Printer-Attributes every ``poll_interval_s`` and maps ``printer-state`` and
``printer-state-reasons`` into the device status (:mod:`drivers.docprinter.status`).

:meth:`IppDocumentPrinter.print_pdf` checks the printer first (nothing is sent to
a printer that cannot print), sends Print-Job with ``document-format
application/pdf``, then follows the job with Get-Job-Attributes until it is
completed, aborted or canceled. While it waits it also reads the printer: if the
printer stops the job (paper out, jam, door open), the driver cancels the job so
it does not come out later in front of the next citizen, and says FAILED with
the printer's code. Past ``print_deadline_s`` the job is cancelled too, and the
outcome is UNCERTAIN: pages may have come out.

A printer switched off behind CUPS stops nothing: CUPS keeps the job processing and
retries for ever, saying only that it cannot reach the printer. A job that has not
reached the printer ``connect_deadline_s`` after it was accepted, while CUPS says so, is
cancelled (it must not come out later for the next citizen) and FAILED with the printer
offline; a job that did reach it and then lost it is left to ``print_deadline_s``, and
UNCERTAIN. Until a job reaches the printer again, the idle queue's status says offline as
of the last job, and a job may still go out to find out.

Behind CUPS (:mod:`drivers.docprinter.cups_queue`): an idle queue shows the
printer's condition as of its last job, so a job may go out over such a
condition to find out (the status says so; the technician's test page is that
job); a job CUPS calls completed while the printer had stopped is UNCERTAIN;
and the job owner (``requesting_user_name``) is the account the kiosk runs as,
the way CUPS's own clients name it.
"""

from __future__ import annotations

import dataclasses
import logging
import threading
import time
from typing import ClassVar

from drivers.base import (
    Actor,
    DeviceError,
    DeviceIdentity,
    DeviceNotReady,
    DeviceState,
    DeviceStatus,
    DriverSettings,
)
from drivers.docprinter import ipp_codec as ipp
from drivers.docprinter import status as codes
from drivers.docprinter.address import printer_address
from drivers.docprinter.cups_queue import (
    carried_over,
    job_at_the_printer,
    not_at_the_printer,
    printer_conditions,
    printer_unreachable,
)
from drivers.docprinter.ipp_client import (
    STATUS_FORMAT_NOT_SUPPORTED,
    STATUS_NOT_ACCEPTING,
    IppClient,
    IppLinkError,
    IppReplyError,
    IppStatusError,
    IppTimeout,
    strings,
)
from drivers.docprinter.model import DocPrintOutcome, DocPrintResult
from drivers.docprinter.selftest_page import selftest_pdf
from drivers.docprinter.settings import IppPrinterSettings
from drivers.docprinter.status import JobState, PrinterState, printer_status, reason_keyword
from drivers.queried_status import QueriedStatus

log = logging.getLogger(__name__)

NOT_PDF = "DOCPRINTER_NOT_PDF"
TOO_LARGE = "DOCPRINTER_DOCUMENT_TOO_LARGE"
NOT_CONFIRMED = "DOCPRINTER_NOT_CONFIRMED"
JOB_ABORTED = "DOCPRINTER_JOB_ABORTED"
JOB_CANCELED = "DOCPRINTER_JOB_CANCELED"
FORMAT_REFUSED = "DOCPRINTER_FORMAT_REFUSED"
#: Added to the status detail of a condition an idle CUPS queue kept from its last job.
LAST_JOB_NOTE = (
    " (as the printer reported to CUPS during the last job: print a test page once fixed)"
)
#: The status detail while (or since) CUPS cannot reach the printer.
UNREACHABLE = (
    "the print server cannot reach the A4 printer: check that it is switched on and connected"
)


def _first_int(message: ipp.Message, tag: int, name: str) -> int | None:
    value = message.value(tag, name)
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _pages(job: ipp.Message, known: int) -> int:
    """Pages the printer says are done (``known`` when it does not say)."""
    return _first_int(job, ipp.JOB_GROUP, "job-impressions-completed") or known


def _job_state(job: ipp.Message) -> JobState | None:
    state = _first_int(job, ipp.JOB_GROUP, "job-state")
    if state is None or state not in JobState._value2member_map_:
        return None  # absent, or a state this driver does not know
    return JobState(state)


def _first_str(message: ipp.Message, tag: int, name: str) -> str:
    value = message.value(tag, name)
    return value if isinstance(value, str) else ""


class IppDocumentPrinter(QueriedStatus):
    """An A4 printer behind CUPS or speaking IPP Everywhere itself."""

    kind: ClassVar[str] = "docprinter"
    Settings: ClassVar[type[DriverSettings]] = IppPrinterSettings
    settings: IppPrinterSettings

    def __init__(self, settings: IppPrinterSettings | None = None) -> None:
        super().__init__(settings)
        self._io = threading.Lock()  # one print or status exchange at a time
        self._client: IppClient | None = None
        # The printer-state-reasons last read, and those of them an idle CUPS queue
        # kept from its last job (drivers.docprinter.cups_queue).
        self._reasons: frozenset[str] = frozenset()
        self._carried: frozenset[str] = frozenset()
        # Whether the last reading stops a job that is printing (see _query_status).
        self._stops_jobs = False
        # Whether CUPS was still getting its job to the printer at the last reading.
        self._connecting = False
        # The last job never reached the printer; and whether that alone makes the status
        # offline now (a job may go out to find out, as over a condition carried over).
        self._last_job_unreached = False
        self._offline_as_of_last_job = False

    # ------------------------------------------------------------ supervision hooks
    def _open(self) -> None:
        if self._client is None:
            s = self.settings
            self._client = IppClient(
                printer_address(s.uri),
                user_name=s.requesting_user_name,
                connect_timeout_s=s.connect_timeout_s,
                max_reply_bytes=s.max_reply_bytes,
                ca_file=s.ca_file,
            )
        super()._open()

    def _close(self) -> None:
        super()._close()
        with self._io:
            if self._client is not None:
                self._client.close()
                self._client = None

    def _connect(self) -> None:
        with self._io:
            self._set_status(self._query_status(identify=True))

    def _disconnect(self) -> None:
        """Nothing held open between requests: each is its own bounded exchange."""

    def _status_for(self, error: DeviceError) -> DeviceStatus:
        if isinstance(error, IppLinkError):
            return DeviceStatus(
                DeviceState.OFFLINE,
                error.code,
                f"A4 printer unreachable: {error}",
                Actor.AUTOMATIC,
            )
        if isinstance(error, IppTimeout):
            return DeviceStatus(
                DeviceState.OFFLINE,
                error.code,
                "the A4 printer does not answer: check power and network",
                Actor.AUTOMATIC,
            )
        if isinstance(error, IppReplyError | IppStatusError):
            return DeviceStatus(DeviceState.ERROR, error.code, str(error), Actor.CONFIGURATION)
        if isinstance(error, DeviceNotReady):
            return DeviceStatus.closed()
        return super()._status_for(error)

    # ------------------------------------------------------------ status
    def _ipp(self) -> IppClient:
        if self._client is None:
            raise DeviceNotReady("A4 printer driver is not open")
        return self._client

    def _query_status(self, *, identify: bool = False) -> DeviceStatus:
        """Get-Printer-Attributes → status (and identity). Hold ``_io``."""
        reply = self._ipp().get_printer_attributes(self.settings.request_deadline_s)
        attrs = reply.group(ipp.PRINTER_GROUP)
        if identify:
            self._identity = _identity(reply)
        state = _first_int(reply, ipp.PRINTER_GROUP, "printer-state")
        value = reply.value(ipp.PRINTER_GROUP, "printer-is-accepting-jobs")
        accepting = value if isinstance(value, bool) else None
        reasons = frozenset(strings(attrs.get("printer-state-reasons", ())))
        status = printer_status(state, reasons, accepting)
        message = _first_str(reply, ipp.PRINTER_GROUP, "printer-state-message")
        queued = _first_int(reply, ipp.PRINTER_GROUP, "queued-job-count")
        carried = carried_over(attrs, state, queued, reasons)
        # Carried over only when nothing else stops the printer.
        if status.usable or not printer_status(state, reasons - carried, accepting).usable:
            carried = frozenset()
        self._reasons, self._carried = reasons, carried
        # CUPS says connecting-to-device while its backend opens each job's connection to
        # the printer, and a queue that stops accepting jobs still prints those it has:
        # neither stops a job that is printing (print_deadline_s bounds the wait).
        during_job = {r for r in reasons if reason_keyword(r) != "connecting-to-device"}
        self._stops_jobs = not printer_status(state, during_job).usable
        # Nor does CUPS failing to reach the printer (connect_deadline_s bounds that), but
        # the status says so: the printer is off or unplugged.
        self._connecting = not_at_the_printer(reasons, message)
        self._offline_as_of_last_job = False
        if state == PrinterState.PROCESSING and printer_unreachable(message):
            status = _unreachable(printer_status(state, reasons | {"offline"}, accepting))
        elif self._last_job_unreached and status.usable:
            status = _unreachable(printer_status(state, {"offline"}))
            status = dataclasses.replace(status, detail=status.detail + LAST_JOB_NOTE)
            self._offline_as_of_last_job = True
        if carried:
            status = dataclasses.replace(status, detail=status.detail + LAST_JOB_NOTE)
        return status

    # ------------------------------------------------------------ printing
    def print_pdf(self, pdf: bytes, *, title: str) -> DocPrintResult:
        """Print ``pdf`` and say what became of it. Never raises for printer faults."""
        if not pdf.startswith(b"%PDF-"):
            return DocPrintResult(DocPrintOutcome.FAILED, NOT_PDF, detail="not a PDF document")
        if len(pdf) > self.settings.max_document_bytes:
            return DocPrintResult(
                DocPrintOutcome.FAILED,
                TOO_LARGE,
                detail=f"document of {len(pdf)} bytes, over {self.settings.max_document_bytes}",
            )
        with self._io:
            if self._client is None:
                return DocPrintResult(DocPrintOutcome.FAILED, "NOT_OPEN", detail="driver not open")
            before = self._refresh()
            # A condition CUPS kept from its last job may be gone: only a job finds out.
            sent_over = self._reasons if self._carried else None
            to_find_out = sent_over is not None or self._offline_as_of_last_job
            if not before.usable and not to_find_out:
                return DocPrintResult(
                    DocPrintOutcome.FAILED, before.code, detail=f"nothing sent: {before.detail}"
                )
            if to_find_out:
                log.info(
                    "A4 job sent over a condition from CUPS's last job",
                    extra={"kind": self.kind, "code": before.code},
                )
            self._set_status(DeviceStatus(DeviceState.BUSY, before.code, "printing", before.actor))
            try:
                return self._print(pdf, title, sent_over)
            finally:
                self._refresh()

    def _print(self, pdf: bytes, title: str, sent_over: frozenset[str] | None) -> DocPrintResult:
        client = self._ipp()
        s = self.settings
        try:
            accepted = client.print_job(pdf, title[:127] or "document", s.submit_deadline_s)
        except IppStatusError as exc:
            code = {
                STATUS_NOT_ACCEPTING: codes.NOT_ACCEPTING,
                STATUS_FORMAT_NOT_SUPPORTED: FORMAT_REFUSED,
            }.get(exc.status, exc.code)
            return DocPrintResult(DocPrintOutcome.FAILED, code, detail=str(exc))
        except (IppLinkError, IppTimeout) as exc:
            outcome = DocPrintOutcome.UNCERTAIN if exc.sent else DocPrintOutcome.FAILED
            return DocPrintResult(outcome, exc.code, detail=f"sending the job: {exc}")
        except DeviceError as exc:
            return DocPrintResult(DocPrintOutcome.UNCERTAIN, exc.code, detail=str(exc))
        job_id = _first_int(accepted, ipp.JOB_GROUP, "job-id")
        if job_id is None:
            return DocPrintResult(
                DocPrintOutcome.UNCERTAIN, NOT_CONFIRMED, detail="the printer gave no job-id"
            )
        log.info("A4 job accepted", extra={"kind": self.kind, "job_id": job_id})
        return self._follow(job_id, sent_over)

    def _follow(self, job_id: int, sent_over: frozenset[str] | None = None) -> DocPrintResult:
        """Wait for job ``job_id`` to end, cancelling it if the printer stops or time runs out.

        ``sent_over``: the reasons of a CUPS queue that carried a condition over from
        its last job when this one was sent; until CUPS's backend has reported afresh
        (the reasons differ), they do not count as the printer stopping this job.
        """
        client = self._ipp()
        s = self.settings
        accepted = time.monotonic()
        deadline = accepted + s.print_deadline_s
        pages = 0
        reached = False  # the job got to the printer (CUPS says so)
        try:
            while True:
                job = client.get_job_attributes(job_id, s.request_deadline_s)
                pages = _pages(job, pages)
                state = _job_state(job)
                if state is not None and state.terminal:
                    return self._ended(job_id, state, job, pages)
                printer = self._query_status()
                reached = reached or self._at_the_printer(job, pages)
                if (
                    not reached
                    and self._connecting
                    and time.monotonic() - accepted >= s.connect_deadline_s
                ):
                    unreached = self._cancel_unreached(job_id, pages)
                    if unreached is not None:
                        return unreached
                    reached = True
                if self._stops_jobs and self._reasons != sent_over:
                    self._set_status(printer)
                    # The job as it stands once the printer stopped: pages done, or ended.
                    job = client.get_job_attributes(job_id, s.request_deadline_s)
                    pages = _pages(job, pages)
                    state = _job_state(job)
                    if state is not None and state.terminal:
                        return self._ended(job_id, state, job, pages)
                    self._cancel(job_id)
                    return DocPrintResult(
                        DocPrintOutcome.FAILED,
                        printer.code,
                        job_id,
                        pages,
                        f"the printer stopped the job ({printer.detail}); it was cancelled",
                    )
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    self._cancel(job_id)
                    return DocPrintResult(
                        DocPrintOutcome.UNCERTAIN,
                        NOT_CONFIRMED,
                        job_id,
                        pages,
                        f"not completed within {s.print_deadline_s:g} s; the job was cancelled",
                    )
                time.sleep(min(s.job_poll_s, remaining))
        except DeviceError as exc:
            return DocPrintResult(
                DocPrintOutcome.UNCERTAIN,
                exc.code,
                job_id,
                pages,
                f"lost the printer while the job was printing: {exc}",
            )

    def _at_the_printer(self, job: ipp.Message, pages: int) -> bool:
        """Whether CUPS got job ``job`` to the printer (which clears the last job's offline)."""
        job_reasons = strings(job.group(ipp.JOB_GROUP).get("job-printer-state-reasons", ()))
        if job_at_the_printer(self._reasons | set(job_reasons), pages):
            self._last_job_unreached = False
            return True
        return False

    def _cancel_unreached(self, job_id: int, pages: int) -> DocPrintResult | None:
        """Past connect_deadline_s: cancel the job unless it reached the printer meanwhile.

        Returns the result, or None when the job turned out to be at the printer.
        """
        s = self.settings
        # The job as it stands now: it may have ended, or reached the printer, since.
        job = self._ipp().get_job_attributes(job_id, s.request_deadline_s)
        pages = _pages(job, pages)
        state = _job_state(job)
        if state is not None and state.terminal:
            return self._ended(job_id, state, job, pages)
        if self._at_the_printer(job, pages):
            return None
        self._cancel(job_id)
        self._last_job_unreached = True
        self._set_status(_unreachable(printer_status(None, {"offline"})))
        log.warning(
            "A4 job cancelled: CUPS could not reach the printer",
            extra={"kind": self.kind, "job_id": job_id},
        )
        return DocPrintResult(
            DocPrintOutcome.FAILED,
            codes.OFFLINE,
            job_id,
            pages,
            f"CUPS did not get the job to the printer within {s.connect_deadline_s:g} s "
            f"({UNREACHABLE}); it was cancelled",
        )

    def _ended(self, job_id: int, state: JobState, job: ipp.Message, pages: int) -> DocPrintResult:
        if state is JobState.COMPLETED:
            self._last_job_unreached = False
            return completed_job_result(job_id, job, pages)
        reasons = strings(job.group(ipp.JOB_GROUP).get("job-state-reasons", ()))
        # The printer's condition names the cause better than the job's reasons.
        printer = self._refresh()
        if not printer.usable:
            code, why = printer.code, printer.detail
        else:
            code = JOB_ABORTED if state is JobState.ABORTED else JOB_CANCELED
            why = ", ".join(reasons[:4]) or state.name.lower()
        return DocPrintResult(
            DocPrintOutcome.FAILED, code, job_id, pages, f"job {state.name.lower()}: {why}"
        )

    def _cancel(self, job_id: int) -> None:
        try:
            self._ipp().cancel_job(job_id, self.settings.request_deadline_s)
        except DeviceError as exc:
            log.warning("could not cancel the A4 job", extra={"kind": self.kind, "code": exc.code})

    # ------------------------------------------------------------ health
    def _check_external(self) -> tuple[bool, str, str]:
        if not self._io.acquire(timeout=self.settings.submit_deadline_s):
            return False, "A4 printer busy", "DEVICE_BUSY"
        try:
            if self._client is None:
                return False, "A4 printer driver is not open", "NOT_OPEN"
            status = self._refresh()
        finally:
            self._io.release()
        model = self.identity.model
        text = status.detail or str(status.state)
        return status.usable, f"{model}: {text}" if model else text, status.code

    def _check_interactive(self) -> tuple[bool, str, str]:
        page = selftest_pdf(
            ["A4 PRINTER SELF-TEST", time.strftime("%Y-%m-%d %H:%M:%S"), self.settings.uri]
        )
        result = self.print_pdf(page, title="self-test")
        if result.outcome is DocPrintOutcome.PRINTED:
            return True, "test page printed: ask the technician to check it", "OK"
        return False, f"test page {result.outcome}: {result.detail}", result.code


def _unreachable(status: DeviceStatus) -> DeviceStatus:
    """``status`` (the printer offline, or worse) told as CUPS not reaching the printer."""
    if status.code != codes.OFFLINE:
        return status  # a worse condition names the cause better
    return dataclasses.replace(status, detail=UNREACHABLE)


def completed_job_result(job_id: int, job: ipp.Message, pages: int) -> DocPrintResult:
    """PRINTED, unless CUPS says completed while the printer had stopped (then UNCERTAIN)."""
    at_end = printer_conditions(
        strings(job.group(ipp.JOB_GROUP).get("job-printer-state-reasons", ()))
    )
    printer = printer_status(None, at_end)
    if printer.usable:
        return DocPrintResult(DocPrintOutcome.PRINTED, "OK", job_id, pages, "completed")
    return DocPrintResult(
        DocPrintOutcome.UNCERTAIN,
        printer.code,
        job_id,
        pages,
        f"CUPS reports the job completed, but the printer had stopped ({printer.detail}): "
        "pages may be missing",
    )


def _identity(reply: ipp.Message) -> DeviceIdentity:
    model = _first_str(reply, ipp.PRINTER_GROUP, "printer-make-and-model")
    device_id = _first_str(reply, ipp.PRINTER_GROUP, "printer-device-id")
    fields = dict(
        part.split(":", 1) for part in device_id.split(";") if ":" in part
    )  # IEEE 1284 device ID: MFG:…;MDL:…;SN:…;
    serial = fields.get("SN") or fields.get("SERN") or ""
    uuid = _first_str(reply, ipp.PRINTER_GROUP, "printer-uuid")
    return DeviceIdentity(
        model=model[:128],
        serial=(serial or uuid.removeprefix("urn:uuid:"))[:64],
        firmware=_first_str(reply, ipp.PRINTER_GROUP, "printer-firmware-string-version")[:64],
        vendor=(fields.get("MFG") or fields.get("MANUFACTURER") or "")[:64],
    )
