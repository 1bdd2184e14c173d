"""What health reporting costs: one snapshot, one /metrics scrape, one /health answer.

The kiosk core runs on the default configuration (every device simulated, the
platform simulator, the payment journal) with ``--rows`` transactions waiting in
the queue (the platform is stopped, so they stay), and the health listener on a
free loopback port. Measured, side by side in one run:

1. ``HealthService.snapshot()``: devices, queue stats, journal, disk, sizes;
2. the exposition built in-process (collector + text format), i.e. a scrape
   without the socket;
3. ``GET /metrics`` and ``GET /health`` over loopback, as Prometheus and a probe do.

    python benchmarks/health_snapshot.py [--n 300] [--rows 1000]

Target: median ≤ 5 ms for the snapshot and for a scrape.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import urllib.error
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.timing import timed

TARGET_MS = 5.0
SITE = '[platform]\nsimulate = true\n[health]\nlisten = "127.0.0.1:0"\nheartbeat_s = 3600\n'


def get(url: str) -> bytes:
    try:
        with urllib.request.urlopen(url, timeout=10) as r:
            return bytes(r.read())
    except urllib.error.HTTPError as e:
        return bytes(e.read())  # 503 on fail is an answer too


def line(name: str, ms: list[float], target: float | None = TARGET_MS) -> str:
    ordered = sorted(ms)
    p99 = ordered[max(0, int(len(ordered) * 0.99) - 1)]
    med = statistics.median(ms)
    verdict = (
        ""
        if target is None
        else f"  target <= {target:.0f} ms: " + ("PASS" if med <= target else "MISS")
    )
    return f"{name:34s} n={len(ms):4d} median {med:6.2f} ms  p99 {p99:6.2f} ms{verdict}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=300, help="repetitions of each measurement")
    parser.add_argument("--rows", type=int, default=1000, help="transactions waiting in the queue")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="kiosk-health-bench-") as data_dir:
        os.environ["KIOSK_DATA_DIR"] = data_dir
        site = Path(data_dir) / "site.toml"
        site.write_text(SITE, encoding="utf-8")
        from kiosk.app import KioskCore
        from kiosk.config.schema import load_config
        from kiosk.health.metrics import build_registry, exposition

        core = KioskCore(load_config(site))
        core.start()
        core.health.serve()
        try:
            core.queue.worker.stop()  # rows stay pending: the queue figures have work to do
            tickets = [
                core.outbox.submit("rating", {"service_id": "complaint", "level": 5})
                for _ in range(args.rows)
            ]
            for t in tickets:
                t.wait(30)
            assert core.health.http is not None
            host, port = core.health.http.address
            url = f"http://{host}:{port}"
            registry = build_registry(core.health.snapshot, core.health.counters)
            body = exposition(registry)
            series = sum(1 for ln in body.decode().splitlines() if ln and not ln.startswith("#"))
            results = [
                line("snapshot()", timed(core.health.snapshot, args.n, warm=True)),
                line(
                    "exposition in-process", timed(lambda: exposition(registry), args.n, warm=True)
                ),
                line(
                    "GET /metrics (loopback)",
                    timed(lambda: get(f"{url}/metrics"), args.n, warm=True),
                ),
                line(
                    "GET /health (loopback)", timed(lambda: get(f"{url}/health"), args.n, warm=True)
                ),
            ]
            pending = core.health.snapshot().queue.pending
        finally:
            core.stop()

    print(
        f"default configuration, every device simulated, {pending} rows pending, "
        f"{series} series, {len(body)} bytes per scrape, {os.cpu_count()} CPUs"
    )
    for r in results:
        print(r)
    return 0 if all("MISS" not in r for r in results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
