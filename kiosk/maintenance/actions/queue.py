"""Queue: counts, oldest pending age, last sync; sync now, retry dead rows, export for support."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.maintenance.actions.base import Actions
from kiosk.maintenance.lockout import write_private
from kiosk.privacy import scrub_text

if TYPE_CHECKING:
    from offline_queue.outbox import Outbox
    from offline_queue.stats import QueueStats

EXPORT_DIR = "support"
EXPORT_ROWS = 500


@dataclass(frozen=True)
class SyncResult:
    ok: bool
    claimed: int
    delivered: int
    dead: int
    error: str


class QueueActions(Actions):
    def _outbox(self, action: str) -> Outbox | None:
        """The queue for a technician's ``action``; None, audited as unavailable, when down."""
        self._technician()
        outbox = self.core.outbox
        if outbox is None:
            self._audit(action, "unavailable")
        return outbox

    def status(self) -> QueueStats | None:
        outbox = self._outbox("queue_view")
        if outbox is None:
            return None
        stats = outbox.stats()
        self._audit(
            "queue_view", "ok", f"pending {stats.pending}, dead {stats.counts.get('dead', 0)}"
        )
        return stats

    def sync_now(self) -> SyncResult:
        """Deliver everything pending now, whatever its backoff said."""
        self._technician()
        queue = self.core.queue
        if queue is None:
            self._audit("sync_now", "unavailable")
            return SyncResult(False, 0, 0, 0, "QUEUE_NOT_STARTED")
        queue.outbox.reschedule_pending(0.0)  # every pending row due now
        report = queue.worker.sync_once()
        result = SyncResult(
            report.error is None, report.claimed, report.delivered, report.dead, report.error or ""
        )
        self._audit(
            "sync_now",
            "ok" if result.ok else "failed",
            f"sent {result.claimed}, delivered {result.delivered}, dead {result.dead}"
            f" {result.error}",
        )
        return result

    def retry_dead(self) -> int:
        """Every dead row back to pending, with the same ids (after the cause was fixed)."""
        outbox = self._outbox("retry_dead")
        if outbox is None:
            return 0
        n = outbox.retry_dead(None)
        self._audit("retry_dead", "ok", f"{n} rows")
        return n

    def export(self) -> Path | None:
        """A support file of counts and row summaries: ids, types, states, codes; no payload."""
        outbox = self._outbox("queue_export")
        if outbox is None:
            return None
        doc = {
            "kiosk_id": self.core.config.kiosk.id,
            "exported_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            "stats": outbox.stats().as_dict(),
            "rows": [
                {
                    "id": r.id,
                    "type": r.type,
                    "state": r.state.label,
                    "attempts": r.attempts,
                    "created_at": r.created_at,
                    "last_status": r.last_status,
                    "last_error": scrub_text(r.last_error) if r.last_error else None,
                }
                for r in outbox.rows(None, EXPORT_ROWS)
            ],
        }
        folder = self.core.config.kiosk.resolved_data_dir() / EXPORT_DIR
        path = folder / f"queue-{time.strftime('%Y%m%dT%H%M%S')}.json"
        write_private(path, json.dumps(doc, ensure_ascii=False, indent=2, default=str).encode())
        self._audit("queue_export", "ok", path.name)
        return path
