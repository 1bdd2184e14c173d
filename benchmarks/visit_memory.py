"""Memory over many scripted visits through the real window, offscreen, on the simulated devices.

A scripted citizen (``ui.visits``) walks every service of the catalogue in
turn — ID card reissue and renewal with face check, photo, fingerprints and
payment, progress query, guide, certificates, complaint, each ending with a
好差评 rating — until ``--visits`` visits are done. Memory is sampled after a
warm-up (models loaded, every page built, caches filled): resident set size
from /proc/self/status (VmRSS), live Python objects (after a full collection),
widgets alive and Python wrappers of Qt objects alive. With ``--trace`` the
largest tracemalloc growths between the warm-up and the end are listed.

    python benchmarks/visit_memory.py [--visits 500] [--warmup 50] [--trace]

Target: RSS growth from the warm-up to the last visit ≤ 10 MiB. The device
and platform simulators run in this process too; the printer's recorded
slips are taken away by the scripted citizen, the payment simulator keeps a
ledger entry per order (a few hundred bytes each), the outbox is on disk.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import tempfile
import time
import tracemalloc
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

TARGET_MIB = 10.0


def status_mib(field: str) -> float:
    """A field of /proc/self/status (VmRSS, RssAnon, RssFile), in MiB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no {field} in /proc/self/status")


def rss_mib() -> float:
    """Resident set size now (VmRSS), in MiB."""
    return status_mib("VmRSS")


@dataclass(frozen=True)
class Sample:
    visit: int
    rss_mib: float
    #: Of the RSS: private memory, and pages of mapped files (fonts, models, libraries),
    #: which the kernel can drop and read again.
    anon_mib: float
    file_mib: float
    trimmed_mib: float | None  # with --trim only
    #: Mappings of font files, and the files: more mappings than files means a font
    #: opened again while its earlier opening lives on (see ui/font_pins.py).
    font_maps: int
    font_files: int
    py_objects: int
    widgets: int
    qt_wrappers: int
    seconds: float


def font_mappings() -> tuple[int, int]:
    """(mappings, distinct files) of font files in this process's address space."""
    files = []
    for line in Path("/proc/self/maps").read_text().splitlines():
        path = line.split(maxsplit=5)[5] if len(line.split(maxsplit=5)) == 6 else ""
        if path.endswith((".ttc", ".ttf", ".otf")):
            files.append(path)
    return len(files), len(set(files))


def trimmed_rss_mib() -> float:
    """RSS after glibc hands freed heap pages back (what is still in use, not just kept)."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass  # not glibc: the figure is the plain RSS
    return rss_mib()


def sample(visit: int, started: float, trim: bool) -> Sample:
    from PySide6.QtWidgets import QApplication
    from shiboken6 import Shiboken

    # Deferred deletes and cycles first, so only what is really kept is counted.
    QApplication.sendPostedEvents(None, 0)
    QApplication.processEvents()
    gc.collect()
    return Sample(
        visit=visit,
        rss_mib=rss_mib(),
        anon_mib=status_mib("RssAnon"),
        file_mib=status_mib("RssFile"),
        trimmed_mib=trimmed_rss_mib() if trim else None,
        font_maps=(fonts := font_mappings())[0],
        font_files=fonts[1],
        py_objects=len(gc.get_objects()),
        widgets=len(QApplication.allWidgets()),
        qt_wrappers=len(Shiboken.getAllValidWrappers()),
        seconds=time.perf_counter() - started,
    )


def show(s: Sample) -> None:
    print(
        f"  visit {s.visit:4d}  RSS {s.rss_mib:7.1f} MiB"
        f" (anon {s.anon_mib:6.1f}, files {s.file_mib:6.1f})"
        + (f" (after malloc_trim {s.trimmed_mib:7.1f})" if s.trimmed_mib is not None else "")
        + f"  font maps {s.font_maps}/{s.font_files} files"
        + f"  python objects {s.py_objects:8d}"
        f"  widgets {s.widgets:5d}  Qt wrappers {s.qt_wrappers:6d}  {s.seconds:7.1f} s",
        flush=True,
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--visits", type=int, default=500, help="visits in all")
    parser.add_argument("--warmup", type=int, default=50, help="visits before the baseline")
    parser.add_argument("--every", type=int, default=50, help="visits between samples shown")
    parser.add_argument("--trace", action="store_true", help="tracemalloc from the warm-up on")
    parser.add_argument(
        "--trim",
        action="store_true",
        help="also report RSS after malloc_trim (heap kept by glibc vs really in use)",
    )
    parser.add_argument(
        "--simulated-matcher",
        action="store_true",
        help="compare faces with the test double instead of the shipped model (faster)",
    )
    args = parser.parse_args()
    if not 0 < args.warmup < args.visits:
        parser.error("need 0 < --warmup < --visits")

    with tempfile.TemporaryDirectory(prefix="visit-memory-") as data_dir:
        os.environ["KIOSK_DATA_DIR"] = data_dir  # outbox and platform store off the checkout
        return run(args)


def run(args: argparse.Namespace) -> int:
    from kiosk.app import KioskCore
    from kiosk.config.schema import load_config
    from ui.app import application, build_window
    from ui.visits import Visitor, VisitPlan

    core = KioskCore(load_config())
    if args.simulated_matcher:
        from kiosk.face import SimulatedFaceMatcher

        core.flow_services.face_matcher = SimulatedFaceMatcher()
    core.start()
    app = application()
    window = build_window(core)
    window.resize(core.config.ui.panel_width_px, core.config.ui.panel_height_px)
    window.show()
    visitor = Visitor(window)
    services = [sid for sid, a in core.availability().items() if a.available]
    print(
        f"visit_memory: {args.visits} visits over {len(services)} services "
        f"({', '.join(services)}), baseline after {args.warmup}",
        flush=True,
    )
    started = time.perf_counter()
    samples: list[Sample] = []
    first = None
    try:
        for i in range(args.visits):
            service = services[i % len(services)]
            record = visitor.visit(service, VisitPlan.for_visit(i, session=i // len(services)))
            if record.ended != "completed":
                raise SystemExit(f"visit {i + 1} ({service}) ended {record.ended}")
            done = i + 1
            if done == args.warmup:
                first = sample(done, started, args.trim)
                samples.append(first)
                show(first)
                if args.trace:
                    tracemalloc.start(10)
                    baseline_trace = tracemalloc.take_snapshot()
            elif done % args.every == 0 or done == args.visits:
                samples.append(sample(done, started, args.trim))
                show(samples[-1])
        last = samples[-1]
        assert first is not None
        top = []
        if args.trace:
            end_trace = tracemalloc.take_snapshot()
            tracemalloc.stop()
            top = end_trace.compare_to(baseline_trace, "traceback")[:8]
    finally:
        window.allow_close = True
        window.close()
        app.processEvents()
        core.stop()

    growth = last.rss_mib - first.rss_mib
    visits = last.visit - first.visit
    per_visit = (last.seconds - first.seconds) / max(1, visits)
    if top:
        print("tracemalloc, largest growth from the warm-up to the end:")
        for stat in top:
            # The allocating frame, and the project's own frame that led to it.
            frames = list(reversed(stat.traceback))  # most recent first
            ours = next(
                (
                    f
                    for f in frames
                    if "/site-packages/" not in f.filename and "/lib/python3" not in f.filename
                ),
                frames[0],
            )
            where = f"{frames[0].filename}:{frames[0].lineno}"
            if ours is not frames[0]:
                where += f" <- {ours.filename}:{ours.lineno}"
            print(f"  {stat.size_diff / 1024:+9.1f} KiB {stat.count_diff:+7d} blocks  {where}")
    if first.trimmed_mib is not None and last.trimmed_mib is not None:
        print(
            f"after malloc_trim: {first.trimmed_mib:.1f} MiB -> {last.trimmed_mib:.1f} MiB "
            f"({last.trimmed_mib - first.trimmed_mib:+.1f} MiB)"
        )
    print(
        f"of which private (RssAnon) {last.anon_mib - first.anon_mib:+.1f} MiB, "
        f"mapped files (RssFile) {last.file_mib - first.file_mib:+.1f} MiB"
    )
    verdict = "PASS" if growth <= TARGET_MIB else "MISS"
    print(
        f"visit_memory: RSS {first.rss_mib:.1f} MiB at visit {first.visit} -> "
        f"{last.rss_mib:.1f} MiB at visit {last.visit}: growth {growth:+.1f} MiB over "
        f"{visits} visits ({growth * 1024 / max(1, visits):+.1f} KiB/visit; target <= "
        f"{TARGET_MIB:.0f} MiB) {verdict}; python objects {last.py_objects - first.py_objects:+d}, "
        f"widgets {last.widgets - first.widgets:+d}, Qt wrappers "
        f"{last.qt_wrappers - first.qt_wrappers:+d}; {per_visit:.2f} s/visit",
        flush=True,
    )
    return 0 if verdict == "PASS" else 1


if __name__ == "__main__":
    raise SystemExit(main())
