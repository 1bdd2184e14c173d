"""Certificate fetch + print: the platform simulator issues the PDF, a document printer takes it.

Each run asks the loopback platform simulator for a certificate through the
kiosk's own client (``PlatformClient.certificate``: the PDF made with fpdf2 and a
CJK font subset, base64 in JSON, size-capped) and sends it to a DocumentPrinter
until the printer says it accepted and completed the job. Reported: the median
and p95 of fetch, print, and the two together.

The printer: with ``--printer-uri`` (e.g. the IPP printer an ``ippeveprinter``
serves on a loopback port) the driver named by ``--driver`` is loaded from the
``kiosk.drivers`` registry with ``{"uri": URI}`` (plus ``--settings`` JSON). Without
one, or while no IPP driver is installed, a loopback fake stands in: an HTTP
listener on a port the OS picks that reads the whole PDF and answers once it
holds it. That measures the kiosk's side and the transfer, not a real spooler:
the output says which printer was used.

    .venv/bin/python benchmarks/certificate_print.py --runs 20
    .venv/bin/python benchmarks/certificate_print.py --printer-uri ipp://127.0.0.1:8631/ipp/print
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

from drivers import registry
from drivers.base import DeviceStatus
from drivers.docprinter.interface import DocumentPrinter
from drivers.docprinter.model import DocPrintOutcome, DocPrintResult
from hostio.loopback_http import LoopbackHandler, LoopbackServer
from offline_queue import PlatformClient, PlatformSettings
from offline_queue.sim import PlatformSimulator, synthetic_id

ID_NUMBER = synthetic_id("110105", "19800101", "001")  # synthetic, never a real person
NAME = "张三"
PERIOD = {"from": "2025-01", "to": "2025-12"}


class _Tray:
    jobs = 0


class _TrayHandler(LoopbackHandler):
    max_body = 16 * 1024 * 1024
    server: LoopbackServer[_Tray]

    def do_POST(self) -> None:
        body = self.read_body()
        if body is None:
            return
        self.server.owner.jobs += 1
        ok = body.startswith(b"%PDF-")
        self.send_bytes(200 if ok else 400, json.dumps({"job": self.server.owner.jobs}).encode())


class LoopbackFakePrinter:
    """A DocumentPrinter that hands the PDF to a loopback listener and waits for its answer."""

    def __init__(self) -> None:
        self._server = LoopbackServer(("127.0.0.1", 0), _TrayHandler, _Tray(), name="tray")
        self._server.start()
        self._http = httpx.Client(base_url=f"http://127.0.0.1:{self._server.port}", timeout=10)

    @property
    def status(self) -> DeviceStatus:
        return DeviceStatus.online("loopback fake")

    def print_pdf(self, pdf: bytes, *, title: str) -> DocPrintResult:
        resp = self._http.post("/print", content=pdf, headers={"X-Title": title})
        if resp.status_code != 200:
            return DocPrintResult(DocPrintOutcome.FAILED, "DOCPRINTER_REFUSED")
        return DocPrintResult(DocPrintOutcome.PRINTED, "OK", int(resp.json()["job"]), 1)

    def close(self) -> None:
        self._http.close()
        self._server.stop()


def open_printer(args: argparse.Namespace) -> tuple[Any, str]:
    if not args.printer_uri:
        return LoopbackFakePrinter(), "loopback fake (no --printer-uri: no spooler measured)"
    try:
        cls = registry.load(args.driver)
    except (registry.UnknownDriverError, registry.DriverLoadError) as exc:
        print(f"note: {exc}; falling back to the loopback fake", file=sys.stderr)
        return LoopbackFakePrinter(), f"loopback fake ({args.driver} not installed)"
    settings = cls.Settings.model_validate({"uri": args.printer_uri, **json.loads(args.settings)})
    device = cls(settings)
    device.open()
    if not isinstance(device, DocumentPrinter):
        raise SystemExit(f"driver {args.driver} is not a DocumentPrinter")
    return device, f"{args.driver} at {args.printer_uri}"


def summary(values_ms: list[float]) -> dict[str, float]:
    ordered = sorted(values_ms)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {"median_ms": round(statistics.median(ordered), 1), "p95_ms": round(p95, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--printer-uri", default="", help="e.g. ipp://127.0.0.1:PORT/ipp/print")
    parser.add_argument("--driver", default="ipp", help="docprinter driver for --printer-uri")
    parser.add_argument("--settings", default="{}", help="more driver settings, as JSON")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        sim = PlatformSimulator(Path(tmp) / "platform.db", token="bench").start()
        client = PlatformClient(sim.url, "BENCH", "bench", PlatformSettings())
        printer, which = open_printer(args)
        fetch_ms: list[float] = []
        print_ms: list[float] = []
        sizes: list[int] = []
        try:
            client.certificate("social_insurance_payment", ID_NUMBER, NAME, PERIOD)  # warm: font
            for _ in range(args.runs):
                t0 = time.perf_counter()
                cert = client.certificate("social_insurance_payment", ID_NUMBER, NAME, PERIOD)
                t1 = time.perf_counter()
                result = printer.print_pdf(cert.pdf, title="certificate benchmark")
                t2 = time.perf_counter()
                if result.outcome is not DocPrintOutcome.PRINTED:
                    raise SystemExit(f"print failed: {result.code} {result.detail}")
                fetch_ms.append((t1 - t0) * 1000)
                print_ms.append((t2 - t1) * 1000)
                sizes.append(len(cert.pdf))
        finally:
            close = getattr(printer, "close", None)
            if close is not None:
                close()
            client.close()
            sim.stop()
    total = [f + p for f, p in zip(fetch_ms, print_ms, strict=True)]
    report = {
        "printer": which,
        "runs": args.runs,
        "pdf_bytes": int(statistics.median(sizes)),
        "fetch": summary(fetch_ms),
        "print": summary(print_ms),
        "fetch_and_print": summary(total),
    }
    print(json.dumps(report, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
