"""An A4 PDF printed over IPP to a real ippeveprinter: accepted, then completed.

Each run sends a certificate-sized PDF (A4 pages with text and a photo-like
area, made with Pillow) with Print-Job and measures:

* submitted → accepted: the Print-Job exchange, document sent and job-id back;
* submitted → completed: then Get-Job-Attributes every 5 ms until the job is
  ``completed`` (ippeveprinter's print command only counts the pages, so this
  is the IPP round trips and the printer's own job handling, not paper);
* the driver's whole ``print_pdf`` (status check before, job followed, status
  after) with its polling set to 20 ms.

The printer is CUPS's ``ippeveprinter`` (Debian cups-ipp-utils) on a free
loopback port, as in the tests.

    .venv/bin/python benchmarks/docprinter_print.py --runs 30 --pages 1
"""

from __future__ import annotations

import argparse
import io
import json
import random
import statistics
import time

from PIL import Image, ImageDraw

from drivers.docprinter import ipp_codec as ipp
from drivers.docprinter.address import printer_address
from drivers.docprinter.ipp_client import IppClient
from drivers.docprinter.ipp_printer import IppDocumentPrinter
from drivers.docprinter.model import DocPrintOutcome
from drivers.docprinter.settings import IppPrinterSettings
from drivers.docprinter.simulator import IppEvePrinter
from drivers.docprinter.status import JobState


def certificate_pdf(pages: int, seed: int = 7) -> bytes:
    """A4 pages at 150 dpi with lines of text and a noisy block (it compresses like a photo)."""
    rng = random.Random(seed)
    images = []
    for n in range(pages):
        page = Image.new("RGB", (1240, 1754), "white")
        draw = ImageDraw.Draw(page)
        for line in range(40):
            draw.text((120, 200 + 32 * line), f"Certificate line {line + 1} page {n + 1}", "black")
        noise = bytes(rng.getrandbits(8) for _ in range(300 * 360 * 3))
        page.paste(Image.frombytes("RGB", (300, 360), noise), (820, 1300))
        images.append(page)
    out = io.BytesIO()
    images[0].save(out, format="PDF", save_all=True, append_images=images[1:], resolution=150)
    return out.getvalue()


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def summary(values_ms: list[float]) -> dict[str, float]:
    return {
        "median_ms": round(statistics.median(values_ms), 2),
        "p95_ms": round(percentile(values_ms, 0.95), 2),
        "max_ms": round(max(values_ms), 2),
    }


def ipp_round_trips(
    printer: IppEvePrinter, pdf: bytes, runs: int
) -> tuple[list[float], list[float]]:
    client = IppClient(
        printer_address(printer.uri), user_name="bench", connect_timeout_s=2, max_reply_bytes=65536
    )
    accepted, completed = [], []
    try:
        for run in range(runs):
            t0 = time.perf_counter()
            reply = client.print_job(pdf, f"bench-{run}", 30.0)
            t1 = time.perf_counter()
            job_id = reply.value(ipp.JOB_GROUP, "job-id")
            assert isinstance(job_id, int)
            while True:
                state = client.get_job_attributes(job_id, 5.0).value(ipp.JOB_GROUP, "job-state")
                if isinstance(state, int) and state >= JobState.CANCELED:
                    break
                time.sleep(0.005)
            t2 = time.perf_counter()
            if state != JobState.COMPLETED:
                raise RuntimeError(f"job {job_id} ended {state}")
            accepted.append((t1 - t0) * 1000)
            completed.append((t2 - t0) * 1000)
    finally:
        client.close()
    return accepted, completed


def driver_prints(printer: IppEvePrinter, pdf: bytes, runs: int) -> list[float]:
    settings = IppPrinterSettings(uri=printer.uri, job_poll_s=0.02, poll_interval_s=60)
    device = IppDocumentPrinter(settings)
    device.open()
    out = []
    try:
        for run in range(runs):
            t0 = time.perf_counter()
            result = device.print_pdf(pdf, title=f"bench-driver-{run}")
            out.append((time.perf_counter() - t0) * 1000)
            if result.outcome is not DocPrintOutcome.PRINTED:
                raise RuntimeError(f"not printed: {result}")
    finally:
        device.close()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--pages", type=int, default=1)
    args = parser.parse_args()
    pdf = certificate_pdf(args.pages)
    printer = IppEvePrinter()
    try:
        ipp_round_trips(printer, pdf, 2)  # warm: first connection, first job thread
        accepted, completed = ipp_round_trips(printer, pdf, args.runs)
        whole = driver_prints(printer, pdf, args.runs)
        spooled = len(printer.documents())
    finally:
        printer.close()
    print(
        json.dumps(
            {
                "runs": args.runs,
                "pages": args.pages,
                "pdf_bytes": len(pdf),
                "submitted_to_accepted": summary(accepted),
                "submitted_to_completed": summary(completed),
                "driver_print_pdf": summary(whole),
                "documents_spooled": spooled,
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
