"""The kiosk's slip built and printed on the network printer simulator, end to end.

Each run builds the real slip (``kiosk.cases.receipts.build_slip`` with the default
configuration and synthetic applicant data), encodes it and sends it through
:class:`~drivers.printer.escpos_printer.EscposPrinter` (python-escpos network
transport, status before and after, ``GS r 1`` confirmation) to the loopback
TCP simulator, until the printer confirms. Two slips: a common name, and a
name with a rare character that is drawn and sent as a raster image.

Also measured, with the driver's default timings: printer going silent →
OFFLINE reported (target ≤ 1 s), and switched off then on → back ONLINE.

Target: a slip built and sent ≤ 100 ms (median and p95 reported).

    /tmp/venv/bin/python benchmarks/printer_slip.py --runs 200
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import threading
import time
from collections.abc import Callable

from drivers.base import DeviceEvent, DeviceState, DeviceStatus, StatusChanged
from drivers.printer.escpos_printer import EscposPrinter, EscposPrinterSettings
from drivers.printer.simulator import PrinterSimulator
from kiosk.cases.receipts import build_slip, facts_from_case
from kiosk.config.schema import load_config

# Synthetic applicants, never real people.
APPLICANTS = {
    "common_name": {"id_number": "11010519491231002X", "name": "阿依古丽·买买提"},
    "rare_character": {"id_number": "11010519491231002X", "name": "𠈌三"},  # surname shown
}


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def summary(values_s: list[float]) -> dict[str, float]:
    ms = [v * 1000 for v in values_s]
    return {
        "median_ms": round(statistics.median(ms), 2),
        "p95_ms": round(percentile(ms, 0.95), 2),
        "max_ms": round(max(ms), 2),
    }


class Waiter:
    """Records when the first status matching a predicate arrives."""

    def __init__(self, printer: EscposPrinter) -> None:
        self._cond = threading.Condition()
        self._match: Callable[[DeviceStatus], bool] = lambda s: False
        self._at: float | None = None
        printer.add_listener(self._on)

    def _on(self, event: DeviceEvent) -> None:
        if isinstance(event, StatusChanged):
            with self._cond:
                if self._at is None and self._match(event.status):
                    self._at = time.monotonic()
                    self._cond.notify_all()

    def arm(self, match: Callable[[DeviceStatus], bool]) -> None:
        with self._cond:
            self._match, self._at = match, None

    def wait(self, timeout_s: float = 10.0) -> float:
        with self._cond:
            if not self._cond.wait_for(lambda: self._at is not None, timeout_s):
                raise TimeoutError("status did not change in time")
            assert self._at is not None
            return self._at


def slips(runs: int) -> dict[str, object]:
    config = load_config()
    service = config.service("id_card_reissue")
    sim = PrinterSimulator()
    printer = EscposPrinter(EscposPrinterSettings(url=sim.url))
    printer.open()
    out: dict[str, object] = {}
    try:
        for label, pii in APPLICANTS.items():
            # Warm-up: imports, font discovery, first connection.
            printer.print_slip(build_slip(config, facts_from_case(service, "A0000001", pii, 0)))
            build, total = [], []
            for i in range(runs):
                t0 = time.perf_counter()
                facts = facts_from_case(service, f"A2026{i:07d}", pii, 2000)
                slip = build_slip(config, facts)
                t1 = time.perf_counter()
                outcome = printer.print_slip(slip)
                t2 = time.perf_counter()
                if not outcome.printed:
                    raise RuntimeError(f"slip not printed: {outcome}")
                build.append(t1 - t0)
                total.append(t2 - t0)
            last = sim.model.wait_for_documents(runs + 1)[-1]
            sim.model.clear_documents()
            out[label] = {
                "slip_bytes": len(last.raw),
                "raster_lines": len(last.rasters),
                "build": summary(build),
                "build_and_print": summary(total),
            }
    finally:
        printer.close()
        sim.close()
    return out


def offline_and_back(trials: int, seed: int) -> dict[str, object]:
    rng = random.Random(seed)
    sim = PrinterSimulator()
    settings = EscposPrinterSettings(url=sim.url)
    printer = EscposPrinter(settings)
    printer.open()
    waiter = Waiter(printer)
    silent, lost, back = [], [], []
    try:
        for _ in range(trials):
            time.sleep(rng.uniform(0, settings.poll_interval_s))  # random phase vs polling
            waiter.arm(lambda s: s.state is DeviceState.OFFLINE)
            t0 = time.monotonic()
            sim.model.set_answering(False)
            silent.append(waiter.wait() - t0)
            waiter.arm(lambda s: s.state is DeviceState.ONLINE)
            sim.model.set_answering(True)
            waiter.wait()

            time.sleep(rng.uniform(0, settings.poll_interval_s))
            waiter.arm(lambda s: s.code == "DEVICE_LOST")
            t0 = time.monotonic()
            sim.power_off()
            lost.append(waiter.wait() - t0)
            waiter.arm(lambda s: s.state is DeviceState.ONLINE)
            t0 = time.monotonic()
            sim.power_on()
            back.append(waiter.wait() - t0)
    finally:
        printer.close()
        sim.close()
    return {
        "settings": {
            "poll_interval_s": settings.poll_interval_s,
            "status_timeout_s": settings.status_timeout_s,
            "reconnect_interval_s": settings.reconnect_interval_s,
        },
        "silent_to_offline": summary(silent),
        "switched_off_to_offline": summary(lost),
        "switched_on_to_online": summary(back),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=200, help="slips per variant")
    parser.add_argument("--offline-trials", type=int, default=10)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    result = {
        "runs": args.runs,
        "slip": slips(args.runs),
        "offline": offline_and_back(args.offline_trials, args.seed),
        "target_ms": 100,
    }
    print(json.dumps(result, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
