"""Timing one call many times, for the benchmarks that report per-call milliseconds."""

from __future__ import annotations

import time
from collections.abc import Callable


def timed(fn: Callable[[], object], runs: int, *, warm: bool = False) -> list[float]:
    """Milliseconds of each of ``runs`` calls of ``fn``; ``warm`` makes one uncounted call
    first (imports, first statement preparation)."""
    if warm:
        fn()
    out = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t0) * 1000)
    return out
