"""Helpers of the A4 printer tests: PDFs to print, reading what was spooled, fast settings."""

from __future__ import annotations

import io
import time
from collections.abc import Callable
from pathlib import Path

from PIL import Image, ImageDraw
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import QApplication

from drivers.docprinter.ipp_printer import IppDocumentPrinter
from drivers.docprinter.settings import IppPrinterSettings

# Short deadlines keep fault tests quick; the defaults are for real printers.
FAST: dict[str, object] = {
    "hold_down_s": 0,
    "connect_timeout_s": 1.0,
    "request_deadline_s": 1.0,
    "submit_deadline_s": 5.0,
    "print_deadline_s": 20.0,
    "job_poll_s": 0.05,
    "poll_interval_s": 0.1,
    "reconnect_interval_s": 0.1,
}


def a4_pdf(pages: int) -> bytes:
    """A real PDF of ``pages`` A4 pages (595 x 842 pt), each numbered."""
    images = []
    for n in range(pages):
        image = Image.new("RGB", (595, 842), "white")
        ImageDraw.Draw(image).text((60, 60), f"page {n + 1}", fill="black")
        images.append(image)
    out = io.BytesIO()
    images[0].save(out, format="PDF", save_all=True, append_images=images[1:], resolution=72)
    return out.getvalue()


def page_count(path: Path) -> int:
    """Pages of the PDF at ``path`` as a PDF reader (Qt's PDFium) sees them; -1 if unreadable."""
    # A QApplication, as pytest-qt's qapp expects of any application a test session has.
    _app = QApplication.instance() or QApplication([])
    document = QPdfDocument()
    try:
        if document.load(str(path)) != QPdfDocument.Error.None_:
            return -1
        return document.pageCount()
    finally:
        document.close()


def page_sizes_mm(path: Path) -> list[tuple[int, int]]:
    """Each page's width and height in millimetres, rounded, as a PDF reader sees them."""
    # A QApplication, as pytest-qt's qapp expects of any application a test session has.
    _app = QApplication.instance() or QApplication([])
    document = QPdfDocument()
    try:
        if document.load(str(path)) != QPdfDocument.Error.None_:
            return []
        sizes = (document.pagePointSize(n) for n in range(document.pageCount()))
        return [(round(s.width() * 25.4 / 72), round(s.height() * 25.4 / 72)) for s in sizes]
    finally:
        document.close()


def make_printer(uri: str, **settings: object) -> IppDocumentPrinter:
    return IppDocumentPrinter(IppPrinterSettings(uri=uri, **{**FAST, **settings}))  # type: ignore[arg-type]


def wait_until(condition: Callable[[], bool], timeout_s: float = 10.0) -> None:
    """Wait for ``condition`` (a state reached, not a speed measured)."""
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"condition not reached within {timeout_s} s")
        time.sleep(0.02)
