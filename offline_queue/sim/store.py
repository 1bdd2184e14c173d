"""What the simulated platform holds, in SQLite: transactions (deduplicated by id),
rejections, heartbeats and applications whose status advances over time.

v1.1: each application's holder (from the case's own ID number and name) so a person's
applications can be searched, and for ID-card services the card to collect: ready once
the application is, collected when a ``card_collected`` transaction arrives."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlite_utils
from pydantic import BaseModel, ConfigDict, Field

STATUSES = ("received", "processing", "ready", "collected", "rejected")
NOTES = {
    "received": "已受理",
    "processing": "审核中",
    "ready": "已办结，可领取",
    "collected": "已领取",
    "rejected": "不予受理",
}


#: Services whose result is a new ID card handed out by the hall's dispenser.
ID_CARD_SERVICES = frozenset({"id_card_reissue", "id_card_renewal"})


class ApplicationSettings(BaseModel):
    """How fast a simulated application moves: received → processing → ready."""

    model_config = ConfigDict(extra="forbid")

    processing_after_s: float = Field(60.0, ge=0)
    ready_after_s: float = Field(300.0, ge=0)


@dataclass(frozen=True)
class BatchOutcome:
    accepted: list[str]
    duplicates: list[str]
    rejected: list[tuple[str, str]]


def _iso(ts: float) -> str:
    return datetime.fromtimestamp(ts, UTC).astimezone().isoformat(timespec="seconds")


def mask_name(name: str) -> str:
    """Masked as the contract shows a holder ("陈*", "欧阳**"): the first character only."""
    return name[:1] + "*" * max(1, len(name) - 1) if name else ""


def payload_digest(payload: Any) -> str:
    """Canonical hash of a payload (key order does not matter)."""
    text = json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


def _private_file(path: Path) -> None:
    """Make the store owner-only before SQLite opens it: it holds (demo) personal data.

    SQLite gives the -wal and -shm files the database file's mode, so 0600 here covers
    all three; a store left by an older version is tightened as well.
    """
    if str(path) == ":memory:":
        return
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))
    for part in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        if part.exists():
            os.chmod(part, 0o600)


class SimStore:
    """Thread-safe (one connection behind a lock); durability is not its point."""

    def __init__(self, path: Path | str, clock: Callable[[], float]) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        _private_file(Path(path))
        self._conn = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self._conn.execute("PRAGMA journal_mode=WAL")
        self._conn.execute("PRAGMA synchronous=NORMAL")
        db = sqlite_utils.Database(self._conn)
        db.table("transactions").create(
            {
                "seq": int, "id": str, "kiosk_id": str, "type": str, "created_at": str,
                "received_at": float, "payload": str, "payload_sha256": str, "deliveries": int,
                "application_no": str,
            },
            pk="seq", not_null=["id", "kiosk_id", "type", "payload"], if_not_exists=True,
        )  # fmt: skip
        db.table("transactions").create_index(["id"], "tx_id", unique=True, if_not_exists=True)
        db.table("rejections").create(
            {"id": str, "kiosk_id": str, "reason": str, "received_at": float, "deliveries": int},
            pk="id", if_not_exists=True,
        )  # fmt: skip
        db.table("mismatches").create(
            {"seq": int, "id": str, "received_at": float}, pk="seq", if_not_exists=True
        )
        db.table("heartbeats").create(
            {"seq": int, "kiosk_id": str, "received_at": float, "body": str},
            pk="seq", if_not_exists=True,
        )  # fmt: skip
        db.table("applications").create(
            {"application_no": str, "kiosk_id": str, "tx_id": str, "received_at": float},
            pk="application_no", if_not_exists=True,
        )  # fmt: skip
        db.table("application_events").create(
            {"seq": int, "application_no": str, "status": str, "at": float, "note": str},
            pk="seq", if_not_exists=True,
        )  # fmt: skip
        # Kept apart from ``applications``: a store made by an older version gains them.
        db.table("holders").create(
            {"application_no": str, "service": str, "id_number": str, "name": str,
             "collect_kind": str, "held_at": str},
            pk="application_no", if_not_exists=True,
        )  # fmt: skip
        db.table("collections").create(
            {"application_no": str, "slot": int, "collected_at": str, "tx_id": str},
            pk="application_no", if_not_exists=True,
        )  # fmt: skip

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    # ------------------------------------------------------------ transactions

    def store_batch(
        self, kiosk_id: str, txs: Iterable[dict[str, Any]], reasons: dict[str, str]
    ) -> BatchOutcome:
        """Store new valid transactions, report held ones as duplicates, record rejections.

        An id rejected once stays rejected with its first reason, as the contract says.
        """
        now = self._clock()
        out = BatchOutcome([], [], [])
        seen: set[str] = set()
        with self._lock, self._tx() as c:
            for tx in txs:
                tx_id = tx["id"]
                if tx_id in seen:
                    continue
                seen.add(tx_id)
                held = c.execute(
                    "SELECT payload_sha256 FROM transactions WHERE id = ?", (tx_id,)
                ).fetchone()
                if held is not None:
                    c.execute("UPDATE transactions SET deliveries = deliveries + 1 WHERE id = ?",
                              (tx_id,))  # fmt: skip
                    if held[0] != payload_digest(tx.get("payload")):
                        c.execute("INSERT INTO mismatches (id, received_at) VALUES (?, ?)",
                                  (tx_id, now))  # fmt: skip
                    out.duplicates.append(tx_id)
                elif tx_id in reasons or (earlier := self._rejected(c, tx_id)) is not None:
                    reason = reasons.get(tx_id) or earlier or ""
                    c.execute(
                        "INSERT INTO rejections (id, kiosk_id, reason, received_at, deliveries)"
                        " VALUES (?, ?, ?, ?, 1) ON CONFLICT(id) DO UPDATE"
                        " SET deliveries = deliveries + 1",
                        (tx_id, kiosk_id, reason, now),
                    )
                    out.rejected.append((tx_id, reason))
                else:
                    self._insert(c, kiosk_id, tx, now)
                    out.accepted.append(tx_id)
        return out

    @staticmethod
    def _rejected(c: sqlite3.Connection, tx_id: str) -> str | None:
        """The reason an id was rejected before: it is never accepted later."""
        row = c.execute("SELECT reason FROM rejections WHERE id = ?", (tx_id,)).fetchone()
        return row[0] if row else None

    def _insert(self, c: sqlite3.Connection, kiosk_id: str, tx: dict[str, Any], now: float) -> None:
        payload = tx["payload"]
        app_no = payload.get("application_no")
        app_no = app_no if isinstance(app_no, str) and app_no else None
        app_no_key = app_no
        if tx["type"] == "card_collected":
            app_no = None  # names an application; files none
        c.execute(
            "INSERT INTO transactions (id, kiosk_id, type, created_at, received_at, payload,"
            " payload_sha256, deliveries, application_no) VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?)",
            (tx["id"], kiosk_id, tx["type"], tx["created_at"], now,
             json.dumps(payload, ensure_ascii=False), payload_digest(payload), app_no),
        )  # fmt: skip
        if app_no is not None:
            c.execute(
                "INSERT INTO applications (application_no, kiosk_id, tx_id, received_at)"
                " VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                (app_no, kiosk_id, tx["id"], now),
            )
            self._hold(c, app_no, payload)
        if tx["type"] == "card_collected" and app_no_key is not None:
            self._collected(c, app_no_key, payload, tx["id"], now)

    @staticmethod
    def _hold(c: sqlite3.Connection, app_no: str, payload: dict[str, Any]) -> None:
        """Whose application it is (for search) and, for an ID card, that one is to collect."""
        service, number, name = (payload.get(k) for k in ("service_id", "id_number", "name"))
        if not all(isinstance(v, str) and v for v in (service, number, name)):
            return
        kind = "id_card" if service in ID_CARD_SERVICES else None
        c.execute(
            "INSERT INTO holders (application_no, service, id_number, name, collect_kind)"
            " VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
            (app_no, service, number, name, kind),
        )

    @staticmethod
    def _collected(
        c: sqlite3.Connection, app_no: str, payload: dict[str, Any], tx_id: str, now: float
    ) -> None:
        """A card handed out: the first report counts; the application ends collected."""
        at = payload.get("collected_at")
        try:
            when = datetime.fromisoformat(at).timestamp() if isinstance(at, str) else now
        except ValueError:
            when = now
        done = c.execute(
            "INSERT INTO collections (application_no, slot, collected_at, tx_id)"
            " VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
            (app_no, payload.get("slot"), _iso(when), tx_id),
        ).rowcount
        known = c.execute(
            "SELECT 1 FROM applications WHERE application_no = ?", (app_no,)
        ).fetchone()
        if done and known:
            c.execute(
                "INSERT INTO application_events (application_no, status, at, note)"
                " VALUES (?, 'collected', ?, ?)",
                (app_no, when, NOTES["collected"]),
            )

    def transactions(self) -> list[dict[str, Any]]:
        """Every stored transaction in arrival order (payload decoded)."""
        with self._lock:
            rows = self._conn.execute(
                "SELECT seq, id, kiosk_id, type, created_at, received_at, payload, deliveries"
                " FROM transactions ORDER BY seq"
            ).fetchall()
        keys = ("seq", "id", "kiosk_id", "type", "created_at", "received_at", "payload")
        return [dict(zip(keys, r[:7], strict=True), payload=json.loads(r[6]), deliveries=r[7])
                for r in rows]  # fmt: skip

    def ids(self) -> set[str]:
        with self._lock:
            return {r[0] for r in self._conn.execute("SELECT id FROM transactions")}

    def rejections(self) -> dict[str, str]:
        with self._lock:
            return dict(self._conn.execute("SELECT id, reason FROM rejections").fetchall())

    def counts(self) -> dict[str, int]:
        """Stored, deliveries (including resends), rejected, mismatched resends, heartbeats."""
        with self._lock:
            c = self._conn
            stored, deliveries = c.execute(
                "SELECT count(*), coalesce(sum(deliveries), 0) FROM transactions"
            ).fetchone()
            return {
                "stored": stored,
                "deliveries": deliveries,
                "rejected": c.execute("SELECT count(*) FROM rejections").fetchone()[0],
                "mismatches": c.execute("SELECT count(*) FROM mismatches").fetchone()[0],
                "heartbeats": c.execute("SELECT count(*) FROM heartbeats").fetchone()[0],
            }

    # ------------------------------------------------------------ heartbeats

    def add_heartbeat(self, kiosk_id: str, body: Any) -> None:
        with self._lock:
            self._conn.execute(
                "INSERT INTO heartbeats (kiosk_id, received_at, body) VALUES (?, ?, ?)",
                (kiosk_id, self._clock(), json.dumps(body, ensure_ascii=False)),
            )

    def last_heartbeat(self, kiosk_id: str) -> dict[str, Any] | None:
        with self._lock:
            row = self._conn.execute(
                "SELECT body FROM heartbeats WHERE kiosk_id = ? ORDER BY seq DESC LIMIT 1",
                (kiosk_id,),
            ).fetchone()
        return json.loads(row[0]) if row else None

    # ------------------------------------------------------------ applications

    def add_application(self, application_no: str, received_at: float | None = None) -> None:
        with self._lock:
            self._conn.execute(
                "INSERT INTO applications (application_no, kiosk_id, tx_id, received_at)"
                " VALUES (?, 'sim', NULL, ?) ON CONFLICT DO NOTHING",
                (application_no, self._clock() if received_at is None else received_at),
            )

    def add_event(self, application_no: str, status: str, note: str = "") -> bool:
        """Force a later status (e.g. collected, rejected); False if unknown."""
        if status not in STATUSES:
            raise ValueError(f"status must be one of {STATUSES}")
        with self._lock:
            if not self._conn.execute(
                "SELECT 1 FROM applications WHERE application_no = ?", (application_no,)
            ).fetchone():
                return False
            self._conn.execute(
                "INSERT INTO application_events (application_no, status, at, note)"
                " VALUES (?, ?, ?, ?)",
                (application_no, status, self._clock(), note or NOTES[status]),
            )
        return True

    def application(
        self, application_no: str, timeline: ApplicationSettings
    ) -> dict[str, Any] | None:
        """The contract's progress document, computed for now, or None."""
        now = self._clock()
        with self._lock:
            row = self._conn.execute(
                "SELECT received_at FROM applications WHERE application_no = ?", (application_no,)
            ).fetchone()
            if row is None:
                return None
            events = self._conn.execute(
                "SELECT status, at, note FROM application_events WHERE application_no = ?"
                " ORDER BY seq",
                (application_no,),
            ).fetchall()
            holder = self._conn.execute(
                "SELECT collect_kind, name, held_at FROM holders WHERE application_no = ?",
                (application_no,),
            ).fetchone()
            collected = self._conn.execute(
                "SELECT collected_at FROM collections WHERE application_no = ?",
                (application_no,),
            ).fetchone()
        t0 = row[0]
        held_at = holder[2] if holder else None  # demo data: an application kept in review
        # A forced rejected/collected ends the automatic progression.
        final_at = min((e[1] for e in events if e[0] in ("rejected", "collected")), default=None)
        history = [("received", t0, NOTES["received"])]
        for status, delay in (
            ("processing", timeline.processing_after_s),
            ("ready", timeline.ready_after_s),
        ):
            at = t0 + delay
            if held_at is not None and STATUSES.index(status) > STATUSES.index(held_at):
                continue
            if now >= at and (final_at is None or at < final_at):
                history.append((status, at, NOTES[status]))
        history += [tuple(e) for e in events]
        history.sort(key=lambda h: h[1])
        doc: dict[str, Any] = {
            "application_no": application_no,
            "status": history[-1][0],
            "updated_at": _iso(history[-1][1]),
            "history": [{"status": s, "at": _iso(at), "note": n} for s, at, n in history],
        }
        if holder is not None and holder[0]:
            doc["collection"] = {
                "kind": holder[0],
                "ready": doc["status"] == "ready",
                "holder": mask_name(holder[1]),
                "collected_at": collected[0] if collected else None,
            }
        return doc

    def search(
        self, id_number: str, name: str, timeline: ApplicationSettings
    ) -> list[dict[str, Any]]:
        """Every application of this person (number and name both match), newest first."""
        with self._lock:
            rows = self._conn.execute(
                "SELECT application_no, service FROM holders WHERE id_number = ? AND name = ?",
                (id_number, name),
            ).fetchall()
        out = []
        for app_no, service in rows:
            doc = self.application(app_no, timeline)
            if doc is not None:
                out.append(
                    {"application_no": app_no, "service": service, "status": doc["status"],
                     "updated_at": doc["updated_at"], "_t": doc["history"][-1]["at"]}
                )  # fmt: skip
        out.sort(key=lambda a: datetime.fromisoformat(a.pop("_t")), reverse=True)
        return out

    def add_holder(
        self,
        application_no: str,
        service: str,
        id_number: str,
        name: str,
        *,
        held_at: str | None = None,
    ) -> None:
        """Whose an application is (``held_at``: its progression stops at that status)."""
        kind = "id_card" if service in ID_CARD_SERVICES else None
        with self._lock:
            self._conn.execute(
                "INSERT INTO holders (application_no, service, id_number, name, collect_kind,"
                " held_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                (application_no, service, id_number, name, kind, held_at),
            )

    def record_collection(self, application_no: str, slot: int, at: float) -> None:
        """A card handed out outside the kiosks (demo data: at a counter, ``slot`` 0)."""
        payload = {"slot": slot, "collected_at": _iso(at)}
        with self._lock, self._tx() as c:
            self._collected(c, application_no, payload, "", at)

    def holder_count(self) -> int:
        with self._lock:
            return int(self._conn.execute("SELECT count(*) FROM holders").fetchone()[0])

    def collection_of(self, application_no: str) -> dict[str, Any] | None:
        """The recorded hand-out of a card (slot and time), or None."""
        with self._lock:
            row = self._conn.execute(
                "SELECT slot, collected_at, tx_id FROM collections WHERE application_no = ?",
                (application_no,),
            ).fetchone()
        return None if row is None else {"slot": row[0], "collected_at": row[1], "tx_id": row[2]}

    # ------------------------------------------------------------ plumbing

    def _tx(self) -> _Transaction:
        return _Transaction(self._conn)


class _Transaction:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def __enter__(self) -> sqlite3.Connection:
        self.conn.execute("BEGIN IMMEDIATE")
        return self.conn

    def __exit__(self, exc_type: object, *_: object) -> None:
        self.conn.execute("ROLLBACK" if exc_type else "COMMIT")
