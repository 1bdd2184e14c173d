"""``kiosk simulate KIND [--scenario NAME]``: run a device simulator on its own.

Each kind's simulator lives in ``drivers/<kind>/sim.py`` and offers
``SCENARIOS`` (name → description) and ``start_standalone(scenario)``, whose
result has ``.address`` and ``.close()``. The address (a pty path, a
``host:port`` or a stream URL) is the first line printed, so scripts can read
it; the simulator serves until interrupted. Lines typed on stdin are scanned
by simulators that can scan.
"""

from __future__ import annotations

import argparse
import importlib
import signal
import sys
import threading
from pathlib import Path
from types import FrameType, ModuleType
from typing import Protocol

KINDS = (
    "idcard",
    "scanner",
    "camera",
    "printer",
    "fingerprint",
    "payment",
    "dispenser",
    "docprinter",
)


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser("simulate", help="run a device simulator standalone")
    parser.add_argument("kind", choices=KINDS)
    parser.add_argument("--scenario", help="scenario name (see --list)")
    parser.add_argument("--list", action="store_true", help="list the scenarios and exit")
    parser.add_argument("--config", type=Path, help="site configuration (not needed)")
    parser.set_defaults(func=simulate_command)


def load_simulator(kind: str) -> ModuleType | None:
    """The kind's simulator module, or None (with a message) if it is not there."""
    name = f"drivers.{kind}.on_simulator"
    try:
        module = importlib.import_module(name)
    except ModuleNotFoundError as exc:
        if exc.name is not None and name.startswith(exc.name):
            print(f"kiosk simulate: no simulator for {kind!r} ({name} is missing)", file=sys.stderr)
            return None
        raise
    if not hasattr(module, "SCENARIOS") or not hasattr(module, "start_standalone"):
        print(f"kiosk simulate: {name} has no SCENARIOS/start_standalone", file=sys.stderr)
        return None
    return module


def simulate_command(args: argparse.Namespace, stop: threading.Event | None = None) -> int:
    module = load_simulator(args.kind)
    if module is None:
        return 2
    scenarios: dict[str, str] = module.SCENARIOS
    if args.list:
        width = max(len(n) for n in scenarios)
        for name, text in scenarios.items():
            print(f"{name.ljust(width)}  {text}")
        return 0
    scenario = args.scenario or getattr(module, "DEFAULT_SCENARIO", next(iter(scenarios)))
    if scenario not in scenarios:
        known = ", ".join(scenarios)
        print(f"kiosk simulate: unknown scenario {scenario!r} (known: {known})", file=sys.stderr)
        return 2
    sim = module.start_standalone(scenario)
    stop = stop or threading.Event()
    try:
        print(sim.address, flush=True)
        print(f"{args.kind} simulator, scenario {scenario}: {scenarios[scenario]}", flush=True)
        print("serving until interrupted (Ctrl-C)", flush=True)
        _install_signal_handler(stop)
        if hasattr(sim, "scan"):
            if sys.stdin.isatty():
                print("type a line and Enter to scan it", flush=True)
            # A daemon: a blocking read of stdin must not keep the process alive.
            threading.Thread(
                target=_scan_stdin, args=(sim, stop), name="simulate-stdin", daemon=True
            ).start()
        try:
            while not stop.wait(0.5):
                pass
        except KeyboardInterrupt:
            pass
    finally:
        sim.close()
    return 0


def _install_signal_handler(stop: threading.Event) -> None:
    if threading.current_thread() is not threading.main_thread():
        return

    def on_term(signum: int, frame: FrameType | None) -> None:
        stop.set()

    signal.signal(signal.SIGTERM, on_term)


class _Scans(Protocol):
    """A simulator that takes typed lines as scans (the scanner's)."""

    def scan(self, text: str) -> None: ...


def _scan_stdin(sim: _Scans, stop: threading.Event) -> None:
    for line in sys.stdin:
        if stop.is_set():
            return
        text = line.rstrip("\r\n")
        if text:
            sim.scan(text)
