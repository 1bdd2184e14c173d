"""Where the kiosk's cold start goes: the median time of each phase up to the first paint.

Each run is a fresh process on the offscreen platform that walks the path of
``kiosk run`` (configuration, core, Qt, window, show) with a clock between the
steps, and stops at the first turn of the event loop, as ``startup.py``'s
"ready" line does. The configuration library and Qt are imported as their own
steps first, so their share is not booked to the kiosk module that happens to
import them first.

    python benchmarks/startup_phases.py [--runs 11] [--config FILE]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from collections import defaultdict

_T0 = time.perf_counter()


def child(config: str | None) -> None:
    marks: list[tuple[str, float]] = []

    def mark(name: str) -> None:
        marks.append((name, time.perf_counter()))

    mark("this script's own imports (interpreter start-up not counted)")
    import pydantic

    mark("import pydantic")

    class _First(pydantic.BaseModel):
        x: int = 0

    _First(x=1)
    mark("pydantic: first model (its internals, importlib.metadata)")
    from kiosk.config.schema import load_config

    mark("import kiosk.config.schema (schema classes, driver registry)")
    cfg = load_config(config)
    mark("load_config (TOML, validation, driver settings)")
    from kiosk.app import KioskCore

    mark("import kiosk.app")
    import PySide6.QtWidgets  # noqa: F401

    mark("import PySide6.QtWidgets")
    from PySide6.QtCore import Qt  # noqa: F401

    mark("Qt namespace enums")
    from ui.app import application, build_window

    mark("import ui.app (window, pages, theme)")
    core = KioskCore(cfg)
    app = application()
    mark("KioskCore() and QApplication")
    window = build_window(core, fullscreen=False)
    mark("build the window")
    window.show_kiosk(False)
    mark("show")
    from PySide6.QtCore import QTimer

    def ready() -> None:
        mark("first turn of the event loop")
        prev = _T0
        for name, at in marks:
            print(f"{(at - prev) * 1000:.3f}\t{name}")
            prev = at
        sys.stdout.flush()
        os._exit(0)  # the devices were never started: nothing to stop

    QTimer.singleShot(0, ready)
    app.exec()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--config", help="site configuration for the kiosk")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.config)
        return 0
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    cmd = [sys.executable, os.path.abspath(__file__), "--child"]
    if args.config:
        cmd += ["--config", args.config]
    phases: dict[str, list[float]] = defaultdict(list)
    subprocess.run(cmd, check=True, env=env, capture_output=True)  # warm the page cache
    for _ in range(args.runs):
        out = subprocess.run(cmd, check=True, env=env, capture_output=True, text=True).stdout
        for line in out.splitlines():
            ms, name = line.split("\t", 1)
            phases[name].append(float(ms))
    total = 0.0
    print(f"runs: {args.runs}, offscreen; median ms of each phase")
    for name, values in phases.items():
        median = statistics.median(values)
        total += median
        print(f"{median:8.1f}  {name}")
    print(f"{total:8.1f}  sum of the medians")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
