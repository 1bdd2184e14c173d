"""What a CUPS queue says that a printer itself would not: conditions kept from its last job.

CUPS hears from the printer only while one of the queue's jobs runs: its ``ipp``
backend relays the printer's ``printer-state-reasons`` (``media-empty-warning``,
``media-jam-error`` …) to the queue, and when the job ends the queue keeps the last
ones it heard. An idle CUPS queue's printer conditions are therefore the printer's
condition as of the last job, not now: after staff load paper the queue still says
``media-empty`` until a job runs. A driver that never sent while such a condition
shows would never send again, so these reasons are told apart (the status says
they are the last job's) and a job may still go out to find out (see
:meth:`~drivers.docprinter.ipp_printer.IppDocumentPrinter.print_pdf`).

CUPS may also end a job ``completed`` that the printer stopped (its backend's last
look at the printer's job can miss the abort); the job's ``job-printer-state-reasons``
(the printer's reasons as the job ended, which CUPS keeps with the job) still show
the condition.

A printer switched off is no state of the queue either: CUPS keeps the job
``processing`` and its backend retries the connection for ever, saying so only in the
queue's ``printer-state-message`` (:func:`printer_unreachable`). The driver gives such a
job ``connect_deadline_s`` to reach the printer (:func:`job_at_the_printer`), then
cancels it.

A CUPS queue is known by ``printer-type``, an attribute only CUPS answers with.
"""

from __future__ import annotations

from collections.abc import Collection

from drivers.docprinter.status import PrinterState, reason_keyword

#: Reasons of the queue itself, current whether or not a job runs.
_QUEUE_REASONS = frozenset(
    {"none", "paused", "moving-to-paused", "spool-area-full", "connecting-to-device"}
)


def is_cups_queue(printer_attributes: Collection[str]) -> bool:
    return "printer-type" in printer_attributes


def printer_conditions(reasons: Collection[str]) -> frozenset[str]:
    """The reasons among ``reasons`` that the printer relayed, not the queue's own."""
    return frozenset(
        r for r in reasons if reason_keyword(r) not in _QUEUE_REASONS and not r.startswith("cups-")
    )


def carried_over(
    printer_attributes: Collection[str],
    state: int | None,
    queued_jobs: int | None,
    reasons: Collection[str],
) -> frozenset[str]:
    """The printer conditions an idle CUPS queue shows from its last job (empty if none).

    Only an idle queue with no job waiting: a stopped queue needs staff whatever the
    printer says, and while a job runs the backend keeps the reasons current.
    """
    if not is_cups_queue(printer_attributes) or state != PrinterState.IDLE or queued_jobs:
        return frozenset()
    return printer_conditions(reasons)


# CUPS 2.4's ipp backend retries a printer it cannot connect to for ever, the job
# ``processing`` and no state reason set (``connecting-to-device`` only while it looks the
# host up; the usb and socket backends keep it while they wait): the queue's
# printer-state-message is the one sign. Backends write it in the scheduler's locale, so
# CUPS's own English and its zh_CN catalogue (cups-common's cups_zh_CN.po) are both
# known here; the trailing full stop is left off so a message matches whatever follows.
_UNREACHABLE_MESSAGES = (
    "The printer may not exist or is unavailable at this time",
    "The printer is unreachable at this time",
    "The printer is not responding",
    "Waiting for printer to become available",
    "Unable to locate printer",
    "打印机暂时不存在或不可用",
    "打印机暂时无法访问",
    "打印机无响应",
    "正在等待打印机变得可用",
    "无法定位打印机",
)
# Shown while a backend opens the connection: a printer switched off on another network
# may hold it there for the backend's whole connect timeout (30 s) on each attempt.
_CONNECTING_MESSAGES = ("Connecting to printer", "正在连接到打印机")


def printer_unreachable(message: str) -> bool:
    """CUPS's ``printer-state-message`` says its backend cannot reach the printer."""
    return message.strip().startswith(_UNREACHABLE_MESSAGES)


def not_at_the_printer(reasons: Collection[str], message: str) -> bool:
    """The queue is still trying to get its job to the printer (connecting or failing to)."""
    return (
        any(reason_keyword(r) == "connecting-to-device" for r in reasons)
        or printer_unreachable(message)
        or message.strip().startswith(_CONNECTING_MESSAGES)
    )


def job_at_the_printer(reasons: Collection[str], pages: int) -> bool:
    """The job reached the printer: CUPS's backend counted a page sent, or waits for the
    printer to complete it (``cups-waiting-for-job-completed``, set once the printer took it).
    """
    return pages > 0 or "cups-waiting-for-job-completed" in reasons
