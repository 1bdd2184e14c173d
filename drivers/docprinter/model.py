"""What became of a document sent to the A4 printer."""

from __future__ import annotations

import enum
from dataclasses import dataclass


class DocPrintOutcome(enum.StrEnum):
    PRINTED = "printed"  # the printer reported the job completed
    FAILED = "failed"  # the job was refused or aborted; nothing (or a known nothing) came out
    UNCERTAIN = "uncertain"  # the link or the deadline went while the job was printing


@dataclass(frozen=True, slots=True)
class DocPrintResult:
    outcome: DocPrintOutcome
    code: str = "OK"  # the device status code behind a failure, e.g. DOCPRINTER_MEDIA_EMPTY
    job_id: int | None = None
    pages: int = 0  # pages the printer reports done (0 when unknown)
    detail: str = ""  # for logs and technicians; never personal data
