"""Payment calls through the real driver against the loopback gateway simulator.

Side by side in one run: a bare ping (the HTTP round trip the driver cannot
avoid: signing, one request, parsing), a charge of a new order, the same
charge repeated (the idempotent answer a retry gets), a QR create, a query,
and a refund. Reported as median and p95 in milliseconds, with each call's
median as a ratio to the ping's. No target is set by the issue; the point is
that the idempotency and signing cost little next to the round trip.

    /tmp/venv/bin/python benchmarks/payment_roundtrip.py --calls 300
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from collections.abc import Callable

from drivers.payment.on_simulator import SimulatedPaymentGateway, SimulatedPaymentGatewaySettings

CODE = "134512345678901234"  # synthetic payment code


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def timed(fn: Callable[[int], object], n: int) -> list[float]:
    out = []
    for i in range(n):
        t0 = time.perf_counter()
        fn(i)
        out.append((time.perf_counter() - t0) * 1000)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=300)
    args = parser.parse_args()
    n = args.calls
    # No notification receiver: callbacks would compete for the two cores.
    settings = SimulatedPaymentGatewaySettings(notify_listen="", ping_interval_s=3600)
    gateway = SimulatedPaymentGateway(settings)
    gateway.open()
    try:
        for i in range(20):  # warm up connections and code paths
            gateway.charge(f"WARM-{i:06d}", 1, CODE)
        results = {
            "ping": timed(lambda i: gateway.ping(), n),
            "charge_new": timed(lambda i: gateway.charge(f"BENCH-{i:06d}", 1200, CODE), n),
            "charge_repeat": timed(lambda i: gateway.charge(f"BENCH-{i:06d}", 1200, CODE), n),
            "qr_create": timed(lambda i: gateway.create_qr(f"QR-{i:06d}", 1200), n),
            "query": timed(lambda i: gateway.query(f"BENCH-{i:06d}"), n),
            "refund": timed(lambda i: gateway.refund(f"BENCH-{i:06d}", 100, f"RF-{i:06d}"), n),
        }
        ledger = gateway.simulator.ledger
        charges = sum(1 for e in ledger if e.kind == "charge" and e.order_no.startswith("BENCH-"))
    finally:
        gateway.close()
    base = statistics.median(results["ping"])
    report = {
        name: {
            "median_ms": round(statistics.median(values), 3),
            "p95_ms": round(percentile(values, 0.95), 3),
            "ratio_to_ping": round(statistics.median(values) / base, 2),
        }
        for name, values in results.items()
    }
    report["ledger"] = {"orders": n, "charges_booked": charges}  # type: ignore[assignment]
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
