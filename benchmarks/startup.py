"""Cold start to an interactive home screen, side by side with a bare PySide6 window.

Each run is a fresh process on the offscreen platform; wall time is measured
from spawn to the child's "ready" line (printed once the event loop has
handled the first show), peak RSS from the child's rusage. Runs alternate
between the two so machine noise hits both alike.

    python benchmarks/startup.py [--runs 7] [--config FILE]

Targets: kiosk ≤ 2.5× the bare window's wall time, ≤ 150 MiB peak RSS.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time

BARE_WINDOW = """
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication([])
w = QLabel("ready")
w.resize(1920, 1080)
w.show()
def ready():
    print("kiosk ready", flush=True)
    app.quit()
QTimer.singleShot(0, ready)
app.exec()
"""


def measure(cmd: list[str]) -> tuple[float, float]:
    """(seconds to the ready line, peak RSS in MiB) of one child process."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
    assert proc.stdout is not None
    ready_at = None
    for line in proc.stdout:
        if line.strip() == b"kiosk ready":
            ready_at = time.perf_counter() - t0
    _, status, rusage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if ready_at is None or proc.returncode != 0:
        raise SystemExit(f"{cmd} did not become ready (exit {proc.returncode})")
    return ready_at, rusage.ru_maxrss / 1024  # ru_maxrss is KiB on Linux


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--config", help="site configuration for the kiosk")
    args = parser.parse_args()
    kiosk = [sys.executable, "-m", "kiosk", "run", "--smoke-test"]
    if args.config:
        kiosk += ["--config", args.config]
    bare = [sys.executable, "-c", BARE_WINDOW]

    measure(bare)  # warm the page cache for both, as a kiosk after boot would be
    measure(kiosk)
    results: dict[str, list[tuple[float, float]]] = {"bare": [], "kiosk": []}
    for _ in range(args.runs):
        results["bare"].append(measure(bare))
        results["kiosk"].append(measure(kiosk))

    med = {k: statistics.median(t for t, _ in v) for k, v in results.items()}
    rss = {k: max(r for _, r in v) for k, v in results.items()}
    print(f"runs: {args.runs} each, alternating, offscreen")
    for k in ("bare", "kiosk"):
        print(f"{k:6s} median {med[k] * 1000:7.1f} ms   peak RSS {rss[k]:6.1f} MiB")
    ratio = med["kiosk"] / med["bare"]
    print(f"ratio  {ratio:.2f}x (target <= 2.5x); kiosk peak RSS {rss['kiosk']:.1f} MiB (<= 150)")
    return 0 if ratio <= 2.5 and rss["kiosk"] <= 150 else 1


if __name__ == "__main__":
    raise SystemExit(main())
