"""Every maintenance attempt and action, on the record: the queue, and a local log.

Each record is one ``maintenance_audit`` transaction through the offline queue
(delivered exactly once like any other) and one line of
``<data dir>/maintenance-audit.jsonl`` (mode 0600), which ``kiosk maintenance
audit`` reads, so the trail stays readable after the queue has delivered and
purged its rows. A record holds the technician id, the action and its outcome:
never a PIN, a badge code or a citizen's data (details pass the redaction too).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk.privacy import scrub_text

if TYPE_CHECKING:
    from offline_queue.outbox import Outbox

log = logging.getLogger(__name__)

TX_TYPE = "maintenance_audit"
FILE_NAME = "maintenance-audit.jsonl"
#: The local log is rotated once past this size (one older generation is kept).
MAX_BYTES = 2 * 1024 * 1024
_DETAIL_CHARS = 200


@dataclass(frozen=True, slots=True)
class AuditRecord:
    at: str  # local time, RFC 3339
    action: str  # e.g. pin_failed, entered, device_test, sync_now
    outcome: str  # ok, refused, failed, locked, …
    technician: str = ""  # the technician id, "" before one is known
    detail: str = ""  # ids and codes only
    kiosk_id: str = ""

    def as_dict(self) -> dict[str, str]:
        return asdict(self)


class AuditTrail:
    def __init__(
        self,
        data_dir: Path,
        kiosk_id: str,
        outbox: Callable[[], Outbox | None],
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.path = data_dir / FILE_NAME
        self.kiosk_id = kiosk_id
        self._outbox = outbox
        self._clock = clock
        self._lock = threading.Lock()

    def record(
        self, action: str, outcome: str, technician: str = "", detail: str = ""
    ) -> AuditRecord:
        at = dt.datetime.fromtimestamp(self._clock()).astimezone().isoformat(timespec="seconds")
        entry = AuditRecord(
            at, action, outcome, technician, scrub_text(detail)[:_DETAIL_CHARS], self.kiosk_id
        )
        log.info(
            "maintenance audit",
            extra={"action": action, "outcome": outcome, "technician": technician},
        )
        with self._lock:
            self._append(entry)
        self._queue(entry)
        return entry

    def _queue(self, entry: AuditRecord) -> None:
        outbox = self._outbox()
        if outbox is None or not outbox.accepting:
            log.warning("maintenance audit not queued: queue unavailable")
            return
        try:
            outbox.submit(TX_TYPE, dict(entry.as_dict()))
        except Exception:
            log.exception("maintenance audit not queued")

    def _append(self, entry: AuditRecord) -> None:
        line = (json.dumps(entry.as_dict(), ensure_ascii=False) + "\n").encode()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            if self.path.exists() and self.path.stat().st_size + len(line) > MAX_BYTES:
                os.replace(self.path, self.path.with_name(FILE_NAME + ".1"))
            fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
            try:
                os.write(fd, line)
                os.fsync(fd)
            finally:
                os.close(fd)
        except OSError as exc:
            log.error("maintenance audit not written locally", extra={"error": type(exc).__name__})


def read_audit(data_dir: Path, since: dt.datetime | None = None) -> list[AuditRecord]:
    """The local trail, oldest first, optionally from ``since`` (aware) on."""
    out: list[AuditRecord] = []
    for path in (data_dir / (FILE_NAME + ".1"), data_dir / FILE_NAME):
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except FileNotFoundError:
            continue
        for line in lines:
            entry = _parse(line)
            if entry is None:
                continue
            if since is not None and dt.datetime.fromisoformat(entry.at) < since:
                continue
            out.append(entry)
    return out


def _parse(line: str) -> AuditRecord | None:
    """One line of the log; a torn last line (power cut mid-write) is skipped."""
    try:
        doc: Any = json.loads(line)
        entry = AuditRecord(**{k: str(doc[k]) for k in AuditRecord.__dataclass_fields__})
        dt.datetime.fromisoformat(entry.at)
    except (ValueError, KeyError, TypeError):
        return None
    return entry
