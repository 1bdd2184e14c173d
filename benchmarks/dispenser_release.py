"""Card release to the gate on the simulated dispenser over a real pty (9600 baud, paced).

Measures, for each release:

* call → card at the gate (the driver reports CARD_AT_GATE once the device has answered
  the move): status query, the move command with its ACK, the mechanism's own move time
  (``--move-s``, 0.2 s by default in the simulator) and the reply;
* call → release() returns TAKEN, the simulated person taking the card ``--take-s``
  after it arrives (the gate sensor is polled every ``gate_poll_s``).

Prints median and p95 of each, and the command that produced them.

    .venv/bin/python benchmarks/dispenser_release.py --releases 40
    .venv/bin/python benchmarks/dispenser_release.py --releases 40 --move-s 0 --json
"""

from __future__ import annotations

import argparse
import json
import shlex
import statistics
import sys
import threading
import time

from drivers.base import DeviceEvent, StatusChanged
from drivers.dispenser.model import ReleaseOutcome
from drivers.dispenser.serial_dispenser import SerialDispenser
from drivers.dispenser.settings import SerialDispenserSettings
from drivers.dispenser.simulator import DispenserSimulator

BAUD = 9600


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def run(releases: int, move_s: float, take_s: float, gate_poll_s: float) -> dict[str, object]:
    slots = min(max(releases, 1), 255)
    sim = DispenserSimulator(slots=slots, baud=BAUD, move_s=move_s, take_after_s=take_s)
    sim.start()
    device = SerialDispenser(
        SerialDispenserSettings(
            port=sim.address, baudrate=BAUD, gate_poll_s=gate_poll_s, poll_interval_s=60
        )
    )
    at_gate: list[float] = []
    arrived = threading.Event()

    def on_event(event: DeviceEvent) -> None:
        if isinstance(event, StatusChanged) and event.status.code == "CARD_AT_GATE":
            at_gate.append(time.perf_counter())
            arrived.set()

    to_gate: list[float] = []
    taken: list[float] = []
    device.add_listener(on_event)
    try:
        device.open()
        for i in range(releases):
            slot = i % slots + 1
            sim.load(slot)
            arrived.clear()
            t0 = time.perf_counter()
            result = device.release(slot, take_timeout_s=30)
            t1 = time.perf_counter()
            if result.outcome is not ReleaseOutcome.TAKEN or not arrived.is_set():
                raise SystemExit(f"release {i + 1}: {result}")
            to_gate.append(at_gate[-1] - t0)
            taken.append(t1 - t0)
    finally:
        device.close()
        sim.stop()
    return {
        "releases": releases,
        "baud": BAUD,
        "move_s": move_s,
        "take_s": take_s,
        "to_gate_median_ms": round(statistics.median(to_gate) * 1000, 1),
        "to_gate_p95_ms": round(percentile(to_gate, 0.95) * 1000, 1),
        "taken_median_ms": round(statistics.median(taken) * 1000, 1),
        "taken_p95_ms": round(percentile(taken, 0.95) * 1000, 1),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--releases", type=int, default=30)
    parser.add_argument("--move-s", type=float, default=0.2, help="the mechanism's move time")
    parser.add_argument("--take-s", type=float, default=0.0, help="the person takes it after")
    parser.add_argument("--gate-poll-s", type=float, default=0.1)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    result = run(args.releases, args.move_s, args.take_s, args.gate_poll_s)
    command = shlex.join([sys.executable, *sys.argv])
    if args.json:
        print(json.dumps({"command": command, **result}))
        return 0
    print(f"command: {command}")
    print(
        f"{result['releases']} releases at {BAUD} baud, move {args.move_s} s: "
        f"call -> card at gate median {result['to_gate_median_ms']} ms, "
        f"p95 {result['to_gate_p95_ms']} ms; "
        f"call -> taken median {result['taken_median_ms']} ms, p95 {result['taken_p95_ms']} ms"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
