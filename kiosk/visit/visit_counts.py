"""How often each service was used at this kiosk, kept across restarts: the home screen's order.

The health counters (:mod:`kiosk.health.counters`) start from zero with the
process; the home screen wants what citizens of this hall use most, so the
counts live in a small file in the data folder (``service-visits.json``). No
personal data: a service id and a number. Only catalogue services are counted,
so the file stays as small as the catalogue; a lost or broken file means the
catalogue's own order until visits count again.
"""

from __future__ import annotations

import json
import logging
import os
import threading
from collections.abc import Iterable
from pathlib import Path

from kiosk.visit.session import EndReason, Session

log = logging.getLogger(__name__)

FILE_NAME = "service-visits.json"
#: Larger than any catalogue's counts could be: a bigger file is not ours to read.
MAX_FILE_BYTES = 64 * 1024


class ServiceVisitCounts:
    """Visits per service, read on first use, written after each visit (a SessionManager end
    listener)."""

    def __init__(self, path: Path, services: Iterable[str]) -> None:
        self.path = path
        self._services = list(services)  # the catalogue's order: ties keep it
        self._known = frozenset(self._services)
        self._counts: dict[str, int] | None = None
        self._lock = threading.Lock()

    def counts(self) -> dict[str, int]:
        with self._lock:
            return dict(self._loaded())

    def order(self) -> list[str]:
        """Service ids, the most used first; equal counts in catalogue order."""
        counts = self.counts()
        rank = {sid: i for i, sid in enumerate(self._services)}
        return sorted(self._services, key=lambda sid: (-counts.get(sid, 0), rank[sid]))

    def session_ended(self, session: Session, reason: EndReason) -> None:
        """Every visit of a catalogue service counts, whether finished or not: it was wanted.

        A shutdown ends a visit the citizen did not end, and is not counted.
        """
        if reason is EndReason.SHUTDOWN or session.service_id not in self._known:
            return
        with self._lock:
            counts = self._loaded()
            counts[session.service_id] = counts.get(session.service_id, 0) + 1
            self._save(counts)

    def _loaded(self) -> dict[str, int]:
        if self._counts is None:
            self._counts = self._read()
        return self._counts

    def _read(self) -> dict[str, int]:
        try:
            if self.path.stat().st_size > MAX_FILE_BYTES:
                raise ValueError("file too large")
            raw = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as exc:
            log.warning("visit counts not read", extra={"error": f"{type(exc).__name__}: {exc}"})
            return {}
        if not isinstance(raw, dict):
            return {}
        return {
            sid: n
            for sid, n in raw.items()
            if sid in self._known and isinstance(n, int) and not isinstance(n, bool) and n > 0
        }

    def _save(self, counts: dict[str, int]) -> None:
        # A whole new file, then a rename: a crash leaves the old counts or the new, never half.
        tmp = self.path.with_name(self.path.name + ".tmp")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp.write_text(json.dumps(counts, sort_keys=True), encoding="utf-8")
            os.replace(tmp, self.path)
        except OSError as exc:
            log.warning("visit counts not saved", extra={"error": f"{type(exc).__name__}: {exc}"})
