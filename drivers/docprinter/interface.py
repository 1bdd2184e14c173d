"""The A4 document printer as flows use it: print one PDF and say what became of it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, runtime_checkable

from drivers.device_interface import ReportsStatus

if TYPE_CHECKING:
    from drivers.docprinter.model import DocPrintResult


@runtime_checkable
class DocumentPrinter(ReportsStatus, Protocol):
    def print_pdf(self, pdf: bytes, *, title: str) -> DocPrintResult:
        """Print the PDF as it is, blocking until completed, failed or uncertain.

        ``title`` names the job for the printer's queue; it never carries personal data.
        """
        ...
