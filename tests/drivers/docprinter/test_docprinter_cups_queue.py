"""What a CUPS queue says differently from a printer: conditions kept from its last job,
connecting to the printer during a job, a printer CUPS cannot reach, a job CUPS calls
completed that the printer stopped, and the job owner CUPS checks."""

from __future__ import annotations

import os
import pwd

import pytest

from drivers.base import DeviceState
from drivers.docprinter import ipp_codec as ipp
from drivers.docprinter import status as codes
from drivers.docprinter.cups_queue import (
    carried_over,
    is_cups_queue,
    job_at_the_printer,
    not_at_the_printer,
    printer_conditions,
    printer_unreachable,
)
from drivers.docprinter.ipp_printer import LAST_JOB_NOTE, IppDocumentPrinter, completed_job_result
from drivers.docprinter.model import DocPrintOutcome, DocPrintResult
from drivers.docprinter.settings import IppPrinterSettings
from drivers.docprinter.status import PrinterState
from tests.drivers.docprinter.docprinter_helpers import a4_pdf, make_printer

CUPS = {"printer-type": (4164,), "printer-state": (3,)}  # what a CUPS queue answers with
PRINTER = {"printer-state": (3,)}  # a printer has no printer-type
IDLE, PROCESSING, STOPPED = PrinterState.IDLE, PrinterState.PROCESSING, PrinterState.STOPPED


def test_only_cups_answers_with_printer_type() -> None:
    assert is_cups_queue(CUPS) and not is_cups_queue(PRINTER)


@pytest.mark.parametrize(
    ("attrs", "state", "queued", "reasons", "expected"),
    [
        (CUPS, IDLE, 0, ["media-empty-report"], {"media-empty-report"}),
        (CUPS, IDLE, 0, ["media-jam-error", "paused"], {"media-jam-error"}),
        (CUPS, IDLE, None, ["cover-open-report"], {"cover-open-report"}),
        (CUPS, IDLE, 0, ["none"], set()),
        (CUPS, PROCESSING, 1, ["media-empty-warning"], set()),  # the backend keeps it current
        (CUPS, IDLE, 1, ["media-empty-report"], set()),  # a job waits: it will find out
        (CUPS, STOPPED, 0, ["media-empty-report"], set()),  # a stopped queue needs staff
        (PRINTER, IDLE, 0, ["media-empty-report"], set()),  # the printer itself: current
    ],
)
def test_conditions_an_idle_cups_queue_carries_over_from_its_last_job(
    attrs: dict[str, tuple[int, ...]],
    state: PrinterState,
    queued: int | None,
    reasons: list[str],
    expected: set[str],
) -> None:
    assert carried_over(attrs, state, queued, reasons) == expected


def test_the_queues_own_reasons_are_not_printer_conditions() -> None:
    reasons = [
        "paused",
        "moving-to-paused",
        "connecting-to-device",
        "spool-area-full",
        "cups-waiting-for-job-completed",
        "cups-missing-filter-warning",
        "none",
        "toner-low-report",
        "media-needed-warning",
    ]
    assert printer_conditions(reasons) == {"toner-low-report", "media-needed-warning"}


def _completed_job(*printer_reasons: str) -> ipp.Message:
    attributes: dict[str, tuple[ipp.IppValue, ...]] = {"job-id": (7,), "job-state": (9,)}
    if printer_reasons:
        attributes["job-printer-state-reasons"] = printer_reasons
    return ipp.Message((2, 0), 0, 1, (ipp.Group(ipp.JOB_GROUP, attributes),))


@pytest.mark.parametrize(
    "printer_reasons",
    [(), ("none",), ("toner-low-report",), ("paused",), ("cups-waiting-for-job-completed",)],
)
def test_a_completed_job_with_the_printer_fine_is_printed(
    printer_reasons: tuple[str, ...],
) -> None:
    result = completed_job_result(7, _completed_job(*printer_reasons), 2)
    assert result.outcome is DocPrintOutcome.PRINTED and result.code == "OK"
    assert result.pages == 2


@pytest.mark.parametrize(
    ("printer_reasons", "code"),
    [
        (("media-empty-report",), codes.MEDIA_EMPTY),
        (("media-jam-error", "paused"), codes.MEDIA_JAM),
        (("door-open-warning",), codes.COVER_OPEN),
    ],
)
def test_a_job_cups_calls_completed_while_the_printer_stopped_is_uncertain(
    printer_reasons: tuple[str, ...], code: str
) -> None:
    result = completed_job_result(7, _completed_job(*printer_reasons), 1)
    assert result.outcome is DocPrintOutcome.UNCERTAIN and result.code == code
    assert result.job_id == 7 and "pages may be missing" in result.detail


def test_the_job_owner_is_the_account_the_kiosk_runs_as() -> None:
    # CUPS checks the owner of a job against its accounts (and 2.4 crashes on an unknown one).
    assert IppPrinterSettings().requesting_user_name == pwd.getpwuid(os.geteuid()).pw_name
    assert IppPrinterSettings(requesting_user_name="kiosk").requesting_user_name == "kiosk"


# state, reasons[, printer-state-message]
Reading = tuple[int, tuple[str, ...]] | tuple[int, tuple[str, ...], str]
JobReading = int | tuple[int, int]  # job-state[, job-impressions-completed]


class ScriptedQueue:
    """Stands in for the IPP client: a CUPS queue whose readings follow a script."""

    def __init__(
        self, printer: list[Reading], jobs: list[JobReading], *, cups: bool = True
    ) -> None:
        self._printer, self._jobs, self._cups = printer, jobs, cups
        self.sent = 0
        self.cancelled: list[int] = []

    @staticmethod
    def _message(tag: int, attributes: dict[str, tuple[ipp.IppValue, ...]]) -> ipp.Message:
        return ipp.Message((2, 0), 0, 1, (ipp.Group(tag, attributes),))

    def get_printer_attributes(self, deadline_s: float) -> ipp.Message:
        reading = self._printer.pop(0) if len(self._printer) > 1 else self._printer[0]
        state, reasons, message = (*reading, "")[:3]
        attributes: dict[str, tuple[ipp.IppValue, ...]] = {
            "printer-state": (state,),
            "printer-state-reasons": reasons,
            "printer-state-message": (message,),
            "printer-is-accepting-jobs": (True,),
            "queued-job-count": (0 if state == IDLE else 1,),
        }
        if self._cups:
            attributes["printer-type"] = (4164,)
        return self._message(ipp.PRINTER_GROUP, attributes)

    def print_job(self, pdf: bytes, job_name: str, deadline_s: float) -> ipp.Message:
        self.sent += 1
        return self._message(ipp.JOB_GROUP, {"job-id": (1,), "job-state": (3,)})

    def get_job_attributes(self, job_id: int, deadline_s: float) -> ipp.Message:
        reading = self._jobs.pop(0) if len(self._jobs) > 1 else self._jobs[0]
        state, pages = reading if isinstance(reading, tuple) else (reading, 0)
        attributes: dict[str, tuple[ipp.IppValue, ...]] = {
            "job-id": (job_id,),
            "job-state": (state,),
            "job-impressions-completed": (pages,),
        }
        return self._message(ipp.JOB_GROUP, attributes)

    def cancel_job(self, job_id: int, deadline_s: float) -> ipp.Message:
        self.cancelled.append(job_id)
        return self._message(ipp.JOB_GROUP, {})

    def close(self) -> None:
        pass


def _driver_on(queue: ScriptedQueue, **settings: object) -> IppDocumentPrinter:
    device = make_printer("ipp://127.0.0.1:631/printers/kiosk-a4", **settings)
    device._client = queue  # type: ignore[assignment]
    return device


def _print_on(queue: ScriptedQueue, **settings: object) -> DocPrintResult:
    return _driver_on(queue, **settings).print_pdf(a4_pdf(1), title="certificate")


def test_cups_connecting_to_the_printer_during_a_job_does_not_stop_it() -> None:
    queue = ScriptedQueue(
        [(IDLE, ("none",)), (PROCESSING, ("connecting-to-device",)), (PROCESSING, ("none",))],
        [5, 5, 5, 9],
    )
    result = _print_on(queue)
    assert result.outcome is DocPrintOutcome.PRINTED and queue.cancelled == []


def test_a_job_sent_over_the_last_jobs_condition_prints_once_the_printer_is_fine() -> None:
    queue = ScriptedQueue(
        [
            (IDLE, ("media-empty-report",)),  # kept from the last job
            (PROCESSING, ("media-empty-report",)),  # the backend has not reported yet
            (PROCESSING, ("none",)),  # it has: paper is loaded
        ],
        [5, 5, 9],
    )
    result = _print_on(queue)
    assert queue.sent == 1 and result.outcome is DocPrintOutcome.PRINTED
    assert queue.cancelled == []


def test_a_job_sent_over_the_last_jobs_condition_is_cancelled_when_it_is_still_there() -> None:
    queue = ScriptedQueue(
        [
            (IDLE, ("media-empty-report",)),
            (PROCESSING, ("media-empty-report",)),
            (PROCESSING, ("cups-waiting-for-job-completed", "media-empty-warning")),
        ],
        [5],
    )
    result = _print_on(queue)
    assert result.outcome is DocPrintOutcome.FAILED and result.code == codes.MEDIA_EMPTY
    assert queue.cancelled == [1]


def test_a_printer_itself_reporting_paper_out_gets_nothing() -> None:
    queue = ScriptedQueue([(IDLE, ("media-empty-report",))], [9], cups=False)
    result = _print_on(queue)
    assert result.outcome is DocPrintOutcome.FAILED and result.code == codes.MEDIA_EMPTY
    assert queue.sent == 0


# What CUPS 2.4's backends say while they cannot reach the printer (the queue's
# printer-state-message), in English and in its zh_CN catalogue.
UNREACHABLE_MESSAGES = [
    "The printer may not exist or is unavailable at this time.",
    "The printer is unreachable at this time.",
    "The printer is not responding.",
    "Waiting for printer to become available.",
    'Unable to locate printer "a4.example".',
    "打印机暂时不存在或不可用。",
    "正在等待打印机变得可用。",
]
OFF = "The printer may not exist or is unavailable at this time."


@pytest.mark.parametrize("message", UNREACHABLE_MESSAGES)
def test_cups_saying_it_cannot_reach_the_printer_is_recognised(message: str) -> None:
    assert printer_unreachable(message) and not_at_the_printer(["none"], message)


@pytest.mark.parametrize(
    "message", ["", "Printing.", "Connected to printer.", "The printer is in use.", "Ready"]
)
def test_other_messages_are_no_unreachable_printer(message: str) -> None:
    assert not printer_unreachable(message) and not not_at_the_printer(["none"], message)


def test_connecting_is_not_yet_at_the_printer_but_not_unreachable() -> None:
    assert not_at_the_printer(["none"], "Connecting to printer.")
    assert not_at_the_printer(["connecting-to-device"], "")
    assert not printer_unreachable("Connecting to printer.")


def test_a_job_is_at_the_printer_once_a_page_went_or_the_printer_took_it() -> None:
    assert not job_at_the_printer(["none"], 0)
    assert job_at_the_printer(["none"], 1)
    assert job_at_the_printer(["cups-waiting-for-job-completed"], 0)


def test_a_job_cups_cannot_get_to_the_printer_is_cancelled_at_the_connect_deadline() -> None:
    queue = ScriptedQueue([(IDLE, ("none",)), (PROCESSING, ("none",), OFF)], [5])
    result = _print_on(queue, connect_deadline_s=0.01, print_deadline_s=600)
    assert result.outcome is DocPrintOutcome.FAILED and result.code == codes.OFFLINE
    assert queue.cancelled == [1] and "cancelled" in result.detail


def test_cups_connecting_beyond_the_connect_deadline_is_the_printer_offline() -> None:
    # The usb and socket backends keep connecting-to-device while the printer is away.
    queue = ScriptedQueue(
        [(IDLE, ("none",)), (PROCESSING, ("connecting-to-device",), "Connecting to printer.")],
        [5],
    )
    result = _print_on(queue, connect_deadline_s=0.01, print_deadline_s=600)
    assert result.outcome is DocPrintOutcome.FAILED and result.code == codes.OFFLINE
    assert queue.cancelled == [1]


def test_a_job_that_reached_the_printer_and_lost_it_is_uncertain_not_failed() -> None:
    queue = ScriptedQueue(
        [(IDLE, ("none",)), (PROCESSING, ("none",), "Printing."), (PROCESSING, ("none",), OFF)],
        [(5, 1)],  # CUPS counted a page sent to the printer
    )
    result = _print_on(queue, connect_deadline_s=0.01, print_deadline_s=0.3)
    assert result.outcome is DocPrintOutcome.UNCERTAIN and result.pages == 1
    assert queue.cancelled == [1]  # at the print deadline


def test_a_job_that_reaches_the_printer_once_it_is_back_is_not_cancelled() -> None:
    queue = ScriptedQueue(
        [
            (IDLE, ("none",)),
            (PROCESSING, ("none",), OFF),
            (PROCESSING, ("cups-waiting-for-job-completed",), "Printing."),
        ],
        [5, 5, 9],
    )
    result = _print_on(queue)  # the default connect deadline: a brief outage is waited out
    assert result.outcome is DocPrintOutcome.PRINTED and queue.cancelled == []


def test_the_status_says_offline_while_cups_cannot_reach_the_printer() -> None:
    device = _driver_on(ScriptedQueue([(PROCESSING, ("none",), OFF)], [5]))
    status = device._query_status()
    assert status.state is DeviceState.OFFLINE and status.code == codes.OFFLINE


def test_after_a_job_that_never_reached_the_printer_the_idle_queue_says_offline() -> None:
    queue = ScriptedQueue(
        [
            (IDLE, ("none",)),
            (PROCESSING, ("none",), OFF),
            (PROCESSING, ("none",), OFF),
            (IDLE, ("none",), ""),
        ],
        [5],
    )
    device = _driver_on(queue, connect_deadline_s=0.01)
    assert device.print_pdf(a4_pdf(1), title="certificate").code == codes.OFFLINE
    device._refresh()  # the job cancelled, CUPS's queue is idle and says nothing
    assert device.status.state is DeviceState.OFFLINE and device.status.code == codes.OFFLINE
    assert device.status.detail.endswith(LAST_JOB_NOTE)
    # The printer is back: the next job still goes out, prints, and the queue is ready again.
    queue._printer = [(IDLE, ("none",)), (PROCESSING, ("none",), "Printing."), (IDLE, ("none",))]
    queue._jobs = [5, 9]
    assert device.print_pdf(a4_pdf(1), title="certificate").outcome is DocPrintOutcome.PRINTED
    assert queue.sent == 2 and device.status.usable
