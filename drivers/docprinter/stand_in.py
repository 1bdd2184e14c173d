"""A stand-in A4 printer kept in memory, until the IPP/CUPS driver takes its place.

It honours :class:`drivers.docprinter.interface.DocumentPrinter`: a PDF goes in, a
:class:`DocPrintResult` comes out, and the status follows the paper. Staff (or a
test) can take the paper out so the next job stops mid-way with
``DOCPRINTER_MEDIA_EMPTY``, and put it back. The documents "printed" stay in
memory only, like paper in the tray; :meth:`take_documents` empties the tray.
"""

from __future__ import annotations

import threading

from pydantic import Field

from drivers.base import Actor, Device, DeviceIdentity, DeviceState, DeviceStatus, DriverSettings
from drivers.docprinter.model import DocPrintOutcome, DocPrintResult

MEDIA_EMPTY = "DOCPRINTER_MEDIA_EMPTY"
NOT_A_PDF = "DOCPRINTER_DOCUMENT_REFUSED"


class StandInDocPrinterSettings(DriverSettings):
    sheets: int = Field(500, ge=0, le=10_000)
    """Sheets in the tray at start."""
    max_document_bytes: int = Field(16 * 1024 * 1024, ge=1024)
    """A larger job is refused, as a printer's spooler limit would."""


class StandInDocPrinter(Device):
    kind = "docprinter"
    Settings = StandInDocPrinterSettings

    def __init__(self, settings: StandInDocPrinterSettings | None = None) -> None:
        super().__init__(settings)
        self.settings: StandInDocPrinterSettings = self.settings
        self._identity = DeviceIdentity(model="A4 stand-in", vendor="kiosk")
        self._tray = threading.Lock()
        self._sheets = self.settings.sheets
        self._documents: list[bytes] = []
        self._jobs = 0
        self._dry_next = False  # the next job empties the tray part way through

    # ---- lifecycle
    def _open(self) -> None:
        self._set_status(self._paper_status())

    def _close(self) -> None:
        pass

    def _check_external(self) -> tuple[bool, str, str]:
        status = (
            self._paper_status() if self.status.state is not DeviceState.CLOSED else self.status
        )
        return status.usable, status.detail or str(status.state), status.code

    # ---- DocumentPrinter
    def print_pdf(self, pdf: bytes, *, title: str) -> DocPrintResult:
        if not self.status.usable:
            return DocPrintResult(DocPrintOutcome.FAILED, self.status.code, detail="not ready")
        if not pdf.startswith(b"%PDF-") or len(pdf) > self.settings.max_document_bytes:
            return DocPrintResult(DocPrintOutcome.FAILED, NOT_A_PDF, detail="not a PDF in bounds")
        pages = max(1, pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages"))
        with self._tray:
            self._jobs += 1
            job = self._jobs
            if self._dry_next:
                self._dry_next, self._sheets = False, 0
                pages = max(pages, 1)
            done = min(pages, self._sheets) if self._sheets else 0
            self._sheets -= done
            if done == pages:
                self._documents.append(bytes(pdf))
        self._set_status(self._paper_status())
        if done < pages:  # the tray ran dry part way: what came out is incomplete
            return DocPrintResult(DocPrintOutcome.FAILED, MEDIA_EMPTY, job, done, "media empty")
        return DocPrintResult(DocPrintOutcome.PRINTED, "OK", job, pages)

    # ---- staff and tests
    def take_paper_out(self, leave: int = 0) -> None:
        """Leave ``leave`` sheets in the tray (0: the next job fails at once, mid-job if
        it has more pages than are left)."""
        with self._tray:
            self._sheets = leave
        self._set_status(self._paper_status())

    def empty_mid_job(self) -> None:
        """The next job starts, then the tray runs dry before it is done."""
        with self._tray:
            self._dry_next = True

    def load_paper(self, sheets: int = 500) -> None:
        with self._tray:
            self._sheets = sheets
        self._set_status(self._paper_status())

    def take_documents(self) -> list[bytes]:
        """The documents printed since the last call (the citizen takes them)."""
        with self._tray:
            out, self._documents = self._documents, []
        return out

    def _paper_status(self) -> DeviceStatus:
        if self._sheets <= 0:
            return DeviceStatus(DeviceState.PAPER_OUT, MEDIA_EMPTY, "media empty", Actor.STAFF)
        return DeviceStatus.online()
