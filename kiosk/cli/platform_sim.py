"""``kiosk platform-sim``: run the central-platform simulator in the foreground.

    kiosk platform-sim [--host 127.0.0.1] [--port 8780] [--db PATH] [--token T]
                       [--error-rate R] [--throttle-rate R] [--retry-after S]
                       [--delay S] [--delay-jitter S] [--drop-after-commit-rate R]
                       [--malformed-rate R] [--slow-rate R --slow S] [--reject-rate R]
                       [--no-validate] [--seed N] [--processing-after S] [--ready-after S]
                       [--persons FILE]

Serves until Ctrl-C / SIGTERM. Without ``--token`` any bearer token is taken.
``--persons`` adds synthetic people: a JSON list of ``{"id_number", "name",
"expect_match"}``. Point a kiosk at it with ``[platform] base_url``.
"""

from __future__ import annotations

import argparse
import json
import signal
import sys
import threading
from pathlib import Path
from types import FrameType

from pydantic import ValidationError

from kiosk.config.schema import ConfigError, load_config
from offline_queue.sim import (
    ApplicationSettings,
    FaultSettings,
    Person,
    PlatformSimulator,
    SyntheticRegistry,
)
from offline_queue.sim.identity import DEFAULT_PERSONS

DEFAULT_PORT = 8780


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("platform-sim", help="run the central-platform simulator (HTTP)")
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default: loopback)")
    p.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"default {DEFAULT_PORT}; 0: any")
    p.add_argument("--db", type=Path, help="SQLite store (default: <data dir>/platform-sim.db)")
    p.add_argument("--token", help="bearer token to require (default: any)")
    p.add_argument("--config", type=Path, help="site configuration (for the data directory)")
    f = p.add_argument_group("faults (rates are 0..1 per request)")
    f.add_argument("--error-rate", type=float, default=0.0, help="500 before storing")
    f.add_argument("--throttle-rate", type=float, default=0.0, help="429/503 before storing")
    f.add_argument("--retry-after", type=int, default=1, help="Retry-After seconds on 429/503")
    f.add_argument("--delay", type=float, default=0.0, help="seconds added to every answer")
    f.add_argument("--delay-jitter", type=float, default=0.0, help="plus uniform(0, this)")
    f.add_argument("--drop-after-commit-rate", type=float, default=0.0,
                   help="store, then close the connection unanswered")  # fmt: skip
    f.add_argument("--malformed-rate", type=float, default=0.0, help="store, then a broken 200")
    f.add_argument("--slow-rate", type=float, default=0.0, help="store, then answer after --slow")
    f.add_argument("--slow", type=float, default=30.0, help="seconds of a slow answer")
    f.add_argument("--reject-rate", type=float, default=0.0, help="reject this share of ids")
    f.add_argument("--no-validate", action="store_true", help="accept invalid payloads")
    f.add_argument("--seed", type=int, help="random seed of the faults")
    a = p.add_argument_group("applications")
    a.add_argument("--processing-after", type=float, default=60.0, help="received → processing, s")
    a.add_argument("--ready-after", type=float, default=300.0, help="received → ready, s")
    a.add_argument("--persons", type=Path, help="JSON list of extra synthetic people")
    p.set_defaults(func=run_command)


def run_command(args: argparse.Namespace) -> int:
    try:
        faults = FaultSettings(
            error_rate=args.error_rate,
            throttle_rate=args.throttle_rate,
            retry_after_s=args.retry_after,
            delay_s=args.delay,
            delay_jitter_s=args.delay_jitter,
            drop_after_commit_rate=args.drop_after_commit_rate,
            malformed_rate=args.malformed_rate,
            slow_rate=args.slow_rate,
            slow_s=args.slow,
            reject_rate=args.reject_rate,
            validate_payloads=not args.no_validate,
            seed=args.seed,
        )
        timeline = ApplicationSettings(
            processing_after_s=args.processing_after, ready_after_s=args.ready_after
        )
        registry = SyntheticRegistry(list(DEFAULT_PERSONS) + _persons(args.persons))
    except (ValidationError, ValueError, OSError) as exc:
        print(f"bad option: {exc}", file=sys.stderr)
        return 2
    db = args.db
    if db is None:
        try:
            config = load_config(args.config)
        except ConfigError as exc:
            print(f"configuration is not valid:\n{exc}", file=sys.stderr)
            return 2
        db = config.kiosk.resolved_data_dir() / config.platform.simulator_db
    db.parent.mkdir(parents=True, exist_ok=True)
    sim = PlatformSimulator(
        db, args.host, args.port, faults=faults, token=args.token,
        applications=timeline, registry=registry,
    )  # fmt: skip
    try:
        sim.start()
    except OSError as exc:
        print(f"cannot listen on {args.host}:{args.port}: {exc}", file=sys.stderr)
        return 1
    done = threading.Event()

    def stop(_signum: int, _frame: FrameType | None) -> None:
        done.set()

    previous = {s: signal.signal(s, stop) for s in (signal.SIGINT, signal.SIGTERM)}
    print(f"platform simulator on {sim.url} (store {db}); Ctrl-C stops it", flush=True)
    try:
        done.wait()
        counts = sim.store.counts()
        print(f"stopping: {counts['stored']} transactions stored, {counts['rejected']} rejected,"
              f" {counts['heartbeats']} heartbeats", flush=True)  # fmt: skip
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)
        sim.stop()
    return 0


def _persons(path: Path | None) -> list[Person]:
    if path is None:
        return []
    doc = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(doc, list):
        raise ValueError(f"{path}: expected a JSON list")
    return [
        Person(str(p["id_number"]), str(p["name"]), expect_match=bool(p.get("expect_match", True)))
        for p in doc
    ]
