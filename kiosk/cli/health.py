"""``kiosk health [--json]``: the running kiosk's health snapshot, asked over its control socket.

It never opens a device itself. Exit status: 0 pass, 1 warn, 2 fail, 3 no
kiosk running (or the configuration is not valid).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from kiosk.cli.common import config_or_none, data_dir

EXIT = {"pass": 0, "warn": 1, "fail": 2}
NOT_RUNNING = 3


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser("health", help="the running kiosk's health (exit 0 pass, 1 warn, …)")
    parser.add_argument("--config", type=Path, help="site configuration")
    parser.add_argument("--data-dir", type=Path, help="data directory of the running kiosk")
    parser.add_argument("--json", action="store_true", help="print the whole snapshot as JSON")
    parser.add_argument("--timeout", type=float, default=10.0, help="seconds to wait for it")
    parser.add_argument(
        "--ack-help", action="store_true", help="staff came: clear the help requests waiting"
    )
    parser.set_defaults(func=health_command)


def health_command(args: argparse.Namespace) -> int:
    from kiosk.health.control import KioskNotRunning, ask, socket_path

    config = config_or_none(args.config, "health")
    if config is None:
        return NOT_RUNNING
    path = socket_path(data_dir(args, config))
    try:
        if args.ack_help:
            acked = ask(path, {"op": "help_ack"}, timeout_s=args.timeout)
            print(f"help requests acknowledged: {acked.get('acknowledged', 0)}", file=sys.stderr)
        answer = ask(path, {"op": "snapshot"}, timeout_s=args.timeout)
    except KioskNotRunning as exc:
        print(f"kiosk health: no kiosk running ({exc})", file=sys.stderr)
        return NOT_RUNNING
    snap: dict[str, Any] = answer.get("snapshot", {})
    if args.json:
        print(json.dumps(snap, ensure_ascii=False, indent=2))
    else:
        print(render(snap))
    return EXIT.get(str(snap.get("status")), 2)


def render(snap: dict[str, Any]) -> str:
    q = snap.get("queue", {})
    lines = [
        f"{snap.get('kiosk_id', '')}  {str(snap.get('status', '?')).upper()}  "
        f"mode {snap.get('mode')}  version {snap.get('version')}  up {snap.get('uptime_s')} s",
    ]
    for reason in snap.get("reasons", []):
        lines.append(f"  ! {reason}")
    lines.append("devices:")
    for name, d in snap.get("devices", {}).items():
        last = d.get("last_check") or {}
        checked = f"{last.get('level')} {last.get('result')} {last.get('at')}" if last else "-"
        lines.append(
            f"  {name:<12} {d.get('state', ''):<12} {d.get('code', ''):<24} "
            f"{d.get('actor', ''):<13} since {d.get('since')}  check {checked}"
        )
    lines.append(
        f"queue: {q.get('pending')} pending, {q.get('in_flight')} in flight, {q.get('dead')} dead, "
        f"oldest {q.get('oldest_pending_s')} s, last sync {q.get('last_sync_at')}"
    )
    lines.append(
        f"disk free {snap.get('disk_free_bytes')} B; payments needing staff "
        f"{snap.get('payments_needing_staff')}; help waiting {snap.get('help_requests_waiting')}"
    )
    return "\n".join(lines)
