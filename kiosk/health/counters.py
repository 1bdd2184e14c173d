"""Counters since the process started: visits by department and outcome, their length, sync passes.

Labels stay bounded: visits are counted per department, not per service, so the
series grow with the hall's departments (a dozen or two), not with its catalogue
(dozens of services, one more with each new offer); a visit of a service outside
the catalogue counts as "other"; sync passes fall into four outcomes. Per-service
numbers are the platform's: every case reaches it.
"""

from __future__ import annotations

import re
import threading
import time
from collections import Counter
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from kiosk.visit.session import EndReason, Session

if TYPE_CHECKING:  # the queue stack loads with the queue, not with the core
    from offline_queue.worker import SyncReport

#: Visit length buckets (seconds), as the metrics contract fixes them.
DURATION_BUCKETS = (30.0, 60.0, 120.0, 300.0, 600.0, 900.0, 1800.0)
SYNC_OUTCOMES = ("ok", "retry", "rejected", "error")
VISIT_OUTCOMES = tuple(r.value for r in EndReason)
#: Failures that no retry can mend without a person (token, our own requests).
_SYNC_ERRORS = frozenset({"PLATFORM_UNAUTHORIZED", "PLATFORM_BAD_REQUEST", "PLATFORM_MALFORMED"})


def department_label(english_name: str) -> str:
    """A department's label value: "Human Resources and Social Security" → "human_resources_…"."""
    return re.sub(r"[^a-z0-9]+", "_", english_name.casefold()).strip("_") or "other"


class Counters:
    def __init__(
        self, departments: Mapping[str, str], clock: Callable[[], float] = time.time
    ) -> None:
        """``departments``: each catalogue service's department label (:func:`department_label`)."""
        self._departments = dict(departments)
        self._clock = clock
        self._lock = threading.Lock()
        self.visits: Counter[tuple[str, str]] = Counter()
        self.bucket_counts = [0] * len(DURATION_BUCKETS)
        self.duration_count = 0
        self.duration_sum = 0.0
        self.sync: Counter[str] = Counter({o: 0 for o in SYNC_OUTCOMES})

    def visit_ended(self, session: Session, reason: EndReason) -> None:
        """A SessionManager end listener."""
        department = self._departments.get(session.service_id, "other")
        length = max(0.0, self._clock() - session.started_at)
        with self._lock:
            self.visits[(department, reason.value)] += 1
            self.duration_count += 1
            self.duration_sum += length
            for i, bound in enumerate(DURATION_BUCKETS):
                if length <= bound:
                    self.bucket_counts[i] += 1

    def sync_pass(self, report: SyncReport) -> None:
        """A SyncWorker listener; a pass that found nothing to send is not an attempt."""
        if report.claimed == 0 and report.error is None:
            return
        if report.error is None:
            outcome = "rejected" if report.dead else "ok"
        else:
            outcome = "error" if report.error in _SYNC_ERRORS else "retry"
        with self._lock:
            self.sync[outcome] += 1

    def visit_series(self) -> list[tuple[str, str, int]]:
        """(department, outcome, visits) of every pair seen so far."""
        with self._lock:
            return [(s, o, n) for (s, o), n in sorted(self.visits.items())]

    def histogram(self) -> tuple[list[int], int, float]:
        """(cumulative count per bucket, count, sum)."""
        with self._lock:
            return list(self.bucket_counts), self.duration_count, self.duration_sum

    def sync_series(self) -> list[tuple[str, int]]:
        with self._lock:
            return [(o, self.sync[o]) for o in SYNC_OUTCOMES]
