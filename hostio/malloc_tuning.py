"""Give freed memory back to the system: a kiosk runs for months, one visit after another.

glibc keeps freed heap memory for reuse, and after a large block is freed it
raises its mmap threshold, so the camera frames, photos and PDFs of the next
visits (megabytes each) come from the heap and their pages stay resident
behind small allocations made meanwhile. A fixed mmap threshold maps and unmaps
such blocks each time; the heap's top is trimmed beyond a few MiB; two arenas
serve the threads instead of eight per core. Linux with glibc only: elsewhere
nothing changes.
"""

from __future__ import annotations

import ctypes
import logging

log = logging.getLogger(__name__)

# mallopt parameters (glibc's malloc.h).
M_TRIM_THRESHOLD = -1
M_MMAP_THRESHOLD = -3
M_ARENA_MAX = -8

MMAP_THRESHOLD_BYTES = 512 * 1024
TRIM_THRESHOLD_BYTES = 4 * 1024 * 1024
ARENA_MAX = 2


def return_freed_memory() -> bool:
    """Set glibc's thresholds (once, early: arenas already made stay). False if not glibc."""
    try:
        mallopt = ctypes.CDLL("libc.so.6").mallopt
    except (OSError, AttributeError):
        return False
    mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
    mallopt.restype = ctypes.c_int
    settings = (
        (M_MMAP_THRESHOLD, MMAP_THRESHOLD_BYTES),
        (M_TRIM_THRESHOLD, TRIM_THRESHOLD_BYTES),
        (M_ARENA_MAX, ARENA_MAX),
    )
    done = all(mallopt(param, value) == 1 for param, value in settings)
    if not done:
        log.warning("malloc thresholds not set")
    return done
