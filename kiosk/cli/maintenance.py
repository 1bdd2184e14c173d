"""``kiosk maintenance audit [--since …] [--json]``: who did what at the kiosk in maintenance.

Reads the local trail (``<data dir>/maintenance-audit.jsonl``), which outlives
the queue rows that carried each record to the platform.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys

from kiosk.cli.common import add_command, config_or_none, data_dir
from kiosk.maintenance.audit import read_audit


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser("maintenance", help="maintenance mode: the audit trail")
    msub = parser.add_subparsers(dest="maintenance_command", required=True)
    p = add_command(
        msub, "audit", "every maintenance attempt and action, oldest first", audit_command
    )
    p.add_argument(
        "--since", help="from this local date or time on (2026-12-03, 2026-12-03T08:00), or 24h, 7d"
    )


def parse_since(text: str, now: dt.datetime | None = None) -> dt.datetime:
    """An ISO date or time (local when it has no zone), or an age such as 90m, 24h, 7d."""
    now = now or dt.datetime.now().astimezone()
    units = {"m": 60, "h": 3600, "d": 86_400}
    if text[-1:] in units and text[:-1].isdigit():
        return now - dt.timedelta(seconds=int(text[:-1]) * units[text[-1]])
    at = dt.datetime.fromisoformat(text)
    return at if at.tzinfo is not None else at.astimezone()


def audit_command(args: argparse.Namespace) -> int:
    config = config_or_none(args.config, "maintenance")
    if config is None:
        return 2
    since = None
    if args.since:
        try:
            since = parse_since(args.since)
        except ValueError:
            print(f"kiosk maintenance: --since: not a date, time or age: {args.since!r}",
                  file=sys.stderr)  # fmt: skip
            return 2
    records = read_audit(data_dir(args, config), since)
    if args.json:
        print(json.dumps([r.as_dict() for r in records], ensure_ascii=False, indent=2))
        return 0
    for r in records:
        who = r.technician or "-"
        detail = f"  {r.detail}" if r.detail else ""
        print(f"{r.at}  {who:<8} {r.action:<20} {r.outcome:<14}{detail}")
    if not records:
        print("no maintenance records")
    return 0
