"""``kiosk queue status|list|sync|retry|purge|recover|rotate-key``: the technician's queue tools.

They open the same database as a running kiosk (SQLite serialises the writes;
a running kiosk keeps its claims, see :mod:`offline_queue.opening`). Nothing
here prints payloads or personal data: only ids, types, states and codes.
"""

from __future__ import annotations

import argparse
import json
import secrets
import sqlite3
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kiosk.cli.audit import audited
from kiosk.cli.common import add_command, config_or_none, data_dir
from kiosk.config.schema import KioskConfig
from offline_queue import (
    Outbox,
    PlatformClient,
    PlatformConfigError,
    QueueSettings,
    State,
    SyncWorker,
)
from offline_queue.crypto import add_key
from offline_queue.db import connect, quick_check
from offline_queue.intake import AvailabilityTracker
from offline_queue.opening import recover
from offline_queue.sim import PlatformSimulator


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser("queue", help="offline transaction queue (technicians)")
    qsub = parser.add_subparsers(dest="queue_command", required=True)

    add_command(qsub, "status", "counts per state, oldest pending age, last sync", status_command)

    p = add_command(qsub, "list", "oldest rows (ids, types, states; no payload)", list_command)
    p.add_argument("--state", choices=[s.label for s in State], help="only rows in this state")
    p.add_argument("--limit", type=int, default=50)

    p = add_command(qsub, "sync", "one sync pass now", sync_command)
    p.add_argument("--url", help="platform base URL (default: the configuration's)")

    p = add_command(qsub, "retry", "dead → pending, same ids (after a fix)", retry_command)
    group = p.add_mutually_exclusive_group(required=True)
    group.add_argument("--id", dest="ids", action="append", help="transaction id (repeatable)")
    group.add_argument("--all", action="store_true", help="every dead row")

    add_command(
        qsub, "purge", "apply retention now: delivered rows past it, then shrink", purge_command
    )

    add_command(
        qsub, "recover", "move a damaged database aside and salvage its rows", recover_command
    )

    add_command(
        qsub, "rotate-key", "add a new encryption key (old ones still decrypt)", rotate_command
    )


# ------------------------------------------------------------ commands


def status_command(args: argparse.Namespace) -> int:
    def show(ob: Outbox) -> int:
        stats = ob.stats()
        if args.json:
            print(json.dumps(stats.as_dict(), ensure_ascii=False, indent=2))
            return 0 if stats.accepting else 1
        c = stats.counts
        size = f"{stats.db_bytes // 1024} KiB, WAL {stats.wal_bytes // 1024} KiB"
        print(f"database   {ob.path} ({size})")
        accepting = "yes" if stats.accepting else f"NO: {stats.code} {stats.detail}"
        print(f"accepting  {accepting}")
        print(f"pending    {c['pending']}   in flight {c['in_flight']}   "
              f"delivered {c['delivered']}   dead {c['dead']}")  # fmt: skip
        age = stats.oldest_pending_age_s
        print(f"oldest     {_age(age) if age is not None else '-'}")
        last = "never"
        if stats.last_sync_at:
            last = stats.last_sync_at.astimezone().isoformat(timespec="seconds")
        if stats.last_sync_error:
            last += f" (last error {stats.last_sync_error}, {stats.sync_failures} failed in a row)"
        print(f"last sync  {last}")
        if "SYNC_FAILING" in stats.warnings:
            print(f"WARNING    sync keeps failing: {stats.last_sync_error}")
        if stats.corruption:
            r = stats.corruption
            print(f"WARNING    damaged database moved to {r['moved_to']} ({r['reason']}); "
                  f"{r['salvaged_rows']} rows salvaged, "
                  f"{r['unreadable_rows']} unreadable")  # fmt: skip
        return 0 if stats.accepting else 1

    return _with_outbox(args, show, must_exist=True)


def list_command(args: argparse.Namespace) -> int:
    state = State[args.state.upper()] if args.state else None

    def show(ob: Outbox) -> int:
        rows = ob.rows(state, args.limit)
        if args.json:
            print(json.dumps([_row_doc(r) for r in rows], ensure_ascii=False, indent=2))
            return 0
        for r in rows:
            err = f"  {r.last_error}" if r.last_error else ""
            label = r.state.label
            print(f"{r.id}  {r.type:<20} {label:<9} tries {r.attempts:<3} {r.created_at}{err}")
        if not rows:
            print("no rows")
        return 0

    return _with_outbox(args, show, must_exist=True)


def _row_doc(r: Any) -> dict[str, Any]:
    return {
        "id": r.id, "type": r.type, "state": r.state.label, "attempts": r.attempts,
        "created_at": r.created_at, "last_status": r.last_status, "last_error": r.last_error,
    }  # fmt: skip


@audited("queue sync")
def sync_command(args: argparse.Namespace) -> int:
    config = config_or_none(args.config, "queue")
    if config is None:
        return 2
    platform = config.platform
    sim = None
    if args.url:
        url, token = args.url, None
    elif platform.simulate:
        # A demo configuration: deliver into the loopback simulator's store, as the kiosk does.
        token = secrets.token_urlsafe(16)
        sim_db = data_dir(args, config) / platform.simulator_db
        sim = PlatformSimulator(sim_db, token=token).start()
        url = sim.url
    else:
        url, token = platform.base_url, None
    try:
        if token is None:
            try:
                client = PlatformClient.from_settings(
                    platform.model_copy(update={"base_url": url}), config.kiosk.id,
                    data_dir(args, config),
                )  # fmt: skip
            except PlatformConfigError as exc:
                print(f"cannot sync: {exc}", file=sys.stderr)
                return 2
        else:
            client = PlatformClient(url, config.kiosk.id, token, platform)

        def run(ob: Outbox) -> int:
            # "Now" means now: the technician is here, the rows' backoff is not waited out.
            report = SyncWorker(ob, client).sync_once(ignore_backoff=True)
            if args.json:
                print(json.dumps({**report.__dict__, "delivered": report.delivered}))
            else:
                stopped = f"; stopped: {report.error}" if report.error else ""
                print(f"sent {report.claimed} in {report.requests} requests: {report.accepted} "
                      f"accepted, {report.duplicates} duplicates, {report.dead} dead, "
                      f"{report.retried} to retry{stopped}")  # fmt: skip
            return 0 if report.error is None else 1

        try:
            return _with_outbox(args, run, config=config)
        finally:
            client.close()
    finally:
        if sim is not None:
            sim.stop()


@audited("queue retry")
def retry_command(args: argparse.Namespace) -> int:
    def run(ob: Outbox) -> int:
        n = ob.retry_dead(None if args.all else args.ids)
        print(json.dumps({"requeued": n}) if args.json else f"{n} dead rows back to pending")
        return 0

    return _with_outbox(args, run, must_exist=True)


@audited("queue purge")
def purge_command(args: argparse.Namespace) -> int:
    def run(ob: Outbox) -> int:
        r = ob.purge()
        if args.json:
            print(json.dumps(r.__dict__))
        else:
            before, after = r.db_bytes_before // 1024, r.db_bytes_after // 1024
            print(f"{r.deleted} delivered rows deleted, {r.pii_wiped} wiped of personal data; "
                  f"file {before} KiB → {after} KiB")  # fmt: skip
        return 0

    return _with_outbox(args, run, must_exist=True)


@audited("queue recover")
def recover_command(args: argparse.Namespace) -> int:
    found = _queue_file(args, lambda s: s.db_path, "no queue database at {path}")
    if found is None:
        return 2
    settings, path = found
    conn: sqlite3.Connection | None
    try:
        conn = connect(path, settings)
        problem = quick_check(conn)
        conn.close()
    except Exception as exc:  # not even openable: that is the damage
        problem = str(exc)
    if problem is None:
        print(f"{path} passes its integrity check; nothing to do")
        return 0
    avail = AvailabilityTracker()
    conn = recover(path, settings, avail, problem, time.strftime("%Y%m%dT%H%M%S"))
    if conn is None:
        print(f"could not start a new database: {avail.current.detail}", file=sys.stderr)
        return 1
    conn.close()
    print("damaged database moved aside; see `kiosk queue status` for the salvage report")
    return 0


@audited("queue rotate-key")
def rotate_command(args: argparse.Namespace) -> int:
    found = _queue_file(
        args, lambda s: s.key_file, "no key file at {path} (it is created at first start)"
    )
    if found is None:
        return 2
    _, key_file = found
    kid = add_key(key_file)
    print(f"new key {kid} added to {key_file}; restart the kiosk to seal new rows with it")
    return 0


# ------------------------------------------------------------ plumbing


def _queue_file(
    args: argparse.Namespace, name: Callable[[QueueSettings], Path], missing: str
) -> tuple[QueueSettings, Path] | None:
    """The queue settings and the file ``name`` picks from them, or None after saying why
    not: the configuration is not valid, or the file is missing (``missing``, with ``{path}``).
    """
    config = config_or_none(args.config, "queue")
    if config is None:
        return None
    settings = config.queue
    path = settings.resolve(data_dir(args, config), name(settings))
    if not path.exists():
        print(missing.format(path=path), file=sys.stderr)
        return None
    return settings, path


def _with_outbox(
    args: argparse.Namespace,
    fn: Callable[[Outbox], int],
    *,
    must_exist: bool = False,
    config: KioskConfig | None = None,
) -> int:
    config = config or config_or_none(args.config, "queue")
    if config is None:
        return 2
    settings: QueueSettings = config.queue
    directory = data_dir(args, config)
    path = settings.resolve(directory, settings.db_path)
    if must_exist and not path.exists():
        print(f"no queue database at {path}", file=sys.stderr)
        return 2
    ob = Outbox.open(settings, directory)
    try:
        if not ob.accepting and ob.reason in ("DB_CORRUPT", "DB_UNAVAILABLE"):
            print(f"queue unavailable: {ob.reason} {ob.availability.detail}", file=sys.stderr)
            return 1
        return fn(ob)
    finally:
        ob.close()


def _age(seconds: float) -> str:
    if seconds < 120:
        return f"{seconds:.0f} s"
    if seconds < 7200:
        return f"{seconds / 60:.0f} min"
    return f"{seconds / 3600:.1f} h"
