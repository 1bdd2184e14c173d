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
