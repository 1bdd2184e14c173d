"""Cold start to an interactive home screen, side by side with a bare PySide6 window.

Each run is a fresh process on the offscreen platform; wall time is measured
from spawn to the child's "ready" line (printed once the event loop has
handled the first show). Peak RSS is reported twice: up to that line (the
child's own rusage when it prints it: what reaching the home screen cost), and
for the whole run, which for the kiosk includes the devices and, with the
default configuration, the device and platform simulators in-process, brought
up behind the home screen. Runs alternate so machine noise hits both alike.

    python benchmarks/startup.py [--runs 7] [--config FILE]

Targets: kiosk ≤ 2.5× the bare window's wall time, ≤ 150 MiB peak RSS.
Two more children give the floor under the kiosk: the bare window after
importing pydantic and defining one model (the configuration is validated
before anything is shown), and that after also importing Qt's ``Qt`` namespace,
whose ~120 enums PySide6 builds on first import (every real Qt screen uses it).
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
    import resource
    print("kiosk ready", flush=True)
    print(f"peak-rss-kib {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}", flush=True)
    app.quit()
QTimer.singleShot(0, ready)
app.exec()
"""


# The same bare window, after importing the configuration library the kiosk
# validates with: how much of the budget that alone takes.
BARE_WITH_PYDANTIC = (
    "import pydantic\nclass M(pydantic.BaseModel):\n    x: int = 0\nM(x=1)\n" + BARE_WINDOW
)


# ... and after the Qt namespace too, which the bare window never touches.
BARE_WITH_PYDANTIC_AND_QT = BARE_WITH_PYDANTIC.replace(
    "\nfrom PySide6.QtCore import QTimer", "\nfrom PySide6.QtCore import QTimer, Qt"
)


def measure(cmd: list[str]) -> tuple[float, float, float]:
    """(seconds to the ready line, peak RSS to it, peak RSS of the whole run; MiB) of one child."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
    assert proc.stdout is not None
    ready_at = None
    ready_kib = 0
    for line in proc.stdout:
        if line.strip() == b"kiosk ready":
            ready_at = time.perf_counter() - t0
        elif line.startswith(b"peak-rss-kib "):
            ready_kib = int(line.split()[1])
    _, status, rusage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if ready_at is None or proc.returncode != 0:
        raise SystemExit(f"{cmd} did not become ready (exit {proc.returncode})")
    return ready_at, ready_kib / 1024, rusage.ru_maxrss / 1024  # ru_maxrss is KiB on Linux


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--config", help="site configuration for the kiosk")
    args = parser.parse_args()
    kiosk = [sys.executable, "-m", "kiosk", "run", "--smoke-test"]
    if args.config:
        kiosk += ["--config", args.config]
    bare = [sys.executable, "-c", BARE_WINDOW]
    floor = [sys.executable, "-c", BARE_WITH_PYDANTIC]
    floor_qt = [sys.executable, "-c", BARE_WITH_PYDANTIC_AND_QT]

    # Bytecode as an installed kiosk has it (deploy/install-appliance.sh compiles
    # it), even where PYTHONDONTWRITEBYTECODE keeps Python from writing it.
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    packages = [os.path.join(root, p) for p in ("kiosk", "drivers", "ui", "offline_queue")]
    subprocess.run([sys.executable, "-m", "compileall", "-q", *packages], check=True)
    measure(bare)  # warm the page cache for both, as a kiosk after boot would be
    measure(kiosk)
    children = {"bare": bare, "kiosk": kiosk, "floor": floor, "floor+Qt": floor_qt}
    results: dict[str, list[tuple[float, float, float]]] = {k: [] for k in children}
    for _ in range(args.runs):
        for name, cmd in children.items():
            results[name].append(measure(cmd))

    med = {k: statistics.median(r[0] for r in v) for k, v in results.items()}
    to_home = {k: max(r[1] for r in v) for k, v in results.items()}
    whole = {k: max(r[2] for r in v) for k, v in results.items()}
    print(f"runs: {args.runs} each, alternating, offscreen")
    for k in ("bare", "floor", "floor+Qt", "kiosk"):
        print(
            f"{k:8s} median {med[k] * 1000:7.1f} ms   peak RSS to home {to_home[k]:6.1f} MiB"
            f"   whole run {whole[k]:6.1f} MiB"
        )
    ratio = med["kiosk"] / med["bare"]
    print(f"floor    bare window + pydantic: {med['floor'] / med['bare']:.2f}x the bare window")
    print(
        f"floor+Qt bare window + pydantic + the Qt namespace: "
        f"{med['floor+Qt'] / med['bare']:.2f}x the bare window"
    )
    print(
        f"ratio    {ratio:.2f}x (target <= 2.5x); kiosk peak RSS to an interactive home "
        f"{to_home['kiosk']:.1f} MiB (<= 150); with devices and simulators up "
        f"{whole['kiosk']:.1f} MiB"
    )
    return 0 if ratio <= 2.5 and to_home["kiosk"] <= 150 else 1


if __name__ == "__main__":
    raise SystemExit(main())
