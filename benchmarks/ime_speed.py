"""Pinyin engine: first-use load, memory, and the time each key press costs.

Load is measured in fresh processes (import, then the first lookup, which reads
the lexicon); lookups and key presses in this process once it is loaded.

    python benchmarks/ime_speed.py [--runs 5]

Targets: first use well under 300 ms; a key press (all candidates for the
input so far) under 16 ms at p95, so typing never drops a frame.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time

CHILD = """
import json, resource, time, tracemalloc
t0 = time.perf_counter()
from kiosk.ime import PinyinEngine
t1 = time.perf_counter()
rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
engine = PinyinEngine()
engine.candidates("shebao")
t2 = time.perf_counter()
rss1 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
tracemalloc.start()
from kiosk.ime.lexicon import Lexicon
lexicon = Lexicon.load()
held, peak = tracemalloc.get_traced_memory()
print(json.dumps({"import_ms": (t1 - t0) * 1e3, "first_use_ms": (t2 - t1) * 1e3,
                  "rss_growth_mib": (rss1 - rss0) / 1024, "held_mib": held / 2**20,
                  "peak_mib": peak / 2**20}))
"""

# Typical complaint text, as a citizen would type it (syllables run together).
SENTENCES = [
    "shebaozhengmingdayinbuliao",
    "dayinjimeiyoufanying",
    "gongzuorenyuantaiduhenhao",
    "woyaobanshenfenzheng",
    "xiwangzengjiazizhuji",
    "paiduishijiantaichang",
    "erweimasaobuchulai",
    "qingjinkuaigeiwohuifu",
]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    loads = [
        json.loads(
            subprocess.run(
                [sys.executable, "-c", CHILD], check=True, capture_output=True, text=True
            ).stdout
        )
        for _ in range(args.runs)
    ]
    for key in ("import_ms", "first_use_ms", "rss_growth_mib", "held_mib", "peak_mib"):
        values = [run[key] for run in loads]
        print(f"{key:>16}: median {statistics.median(values):7.1f}  max {max(values):7.1f}")

    from kiosk.ime import Composer, PinyinEngine

    engine = PinyinEngine()
    engine.candidates("a")
    presses: list[float] = []
    for sentence in SENTENCES:
        for end in range(1, len(sentence) + 1):  # every prefix: one key press each
            t = time.perf_counter()
            engine.candidates(sentence[:end])
            engine.segment(sentence[:end])
            presses.append((time.perf_counter() - t) * 1e3)
    print(
        f"{'key press':>16}: median {statistics.median(presses):6.2f} ms  "
        f"p95 {percentile(presses, 0.95):6.2f} ms  max {max(presses):6.2f} ms  "
        f"({len(presses)} presses over {len(SENTENCES)} sentences)"
    )
    composer = Composer(engine)
    t = time.perf_counter()
    for sentence in SENTENCES:
        for key in sentence:
            composer.type(key)
        composer.finish()
    per_sentence = (time.perf_counter() - t) * 1e3 / len(SENTENCES)
    print(f"{'type + finish':>16}: {per_sentence:6.1f} ms per sentence through Composer")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
