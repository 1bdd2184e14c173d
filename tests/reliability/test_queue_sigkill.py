"""SIGKILL reliability of the offline queue against the platform simulator with faults on.

A child process (forked from a warm zygote, see ``queue_zygote.py``) enqueues
and syncs until it is SIGKILLed at a random moment: during start-up recovery,
group commits, claims, HTTP exchanges, outcome writes, purges or checkpoints.
200 kills per run by default; ``--long-reliability`` makes it 1,000 and
``KIOSK_QUEUE_KILLS=N`` sets any number.

After every kill: ``PRAGMA integrity_check`` is ok, every transaction the kiosk
reported durable is in the outbox or already at the platform, nothing exists
that was never submitted, the platform never holds an id twice nor a resend
whose payload differs, and delivered/dead rows agree with the platform. At the
end the outbox is drained with faults off and every acknowledged transaction is
at the platform exactly once (or dead with the platform's rejection reason), and
each case arrived in order.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from offline_queue import Outbox, PlatformClient, State, SyncWorker
from offline_queue.sim import FaultSettings, PlatformSimulator
from offline_queue.sim.store import payload_digest
from tests.reliability.kills import kill_count
from tests.reliability.queue_zygote import child_settings

ZYGOTE = Path(__file__).with_name("queue_zygote.py")
TOKEN = "crash-token"
KIOSK = "K-CRASH-01"

FAULTS = FaultSettings(
    error_rate=0.05,
    throttle_rate=0.05,
    retry_after_s=0,
    drop_after_commit_rate=0.06,
    malformed_rate=0.04,
    slow_rate=0.03,
    slow_s=0.6,  # beyond the child's 0.3 s read timeout: stored, answer lost
    reject_rate=0.01,
    seed=20261122,
)


class Zygote:
    """Talks to queue_zygote.py over its stdin/stdout."""

    def __init__(self, stderr_path: Path) -> None:
        self._err = stderr_path.open("wb")
        self.proc = subprocess.Popen(
            [sys.executable, str(ZYGOTE)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._err,
            text=True,
            cwd=Path(__file__).resolve().parents[2],
        )
        assert self._read() == {"ready": True}

    def _read(self) -> dict:
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()
        if not line:
            raise AssertionError("zygote died")
        return json.loads(line)

    def call(self, **cmd: object) -> dict:
        assert self.proc.stdin is not None
        self.proc.stdin.write(json.dumps(cmd) + "\n")
        self.proc.stdin.flush()
        return self._read()

    def close(self) -> None:
        try:
            if self.proc.poll() is None:
                assert self.proc.stdin is not None
                self.proc.stdin.write(json.dumps({"op": "exit"}) + "\n")
                self.proc.stdin.flush()
                self.proc.wait(10)
        finally:
            if self.proc.poll() is None:
                self.proc.kill()
                self.proc.wait(10)
            for stream in (self.proc.stdin, self.proc.stdout):
                if stream is not None:
                    stream.close()
            self._err.close()


@dataclass
class Log:
    """What the children wrote: intents (in order) and acknowledgements."""

    intents: dict[str, tuple[str | None, str]] = field(default_factory=dict)
    order: list[str] = field(default_factory=list)
    acked: set[str] = field(default_factory=set)
    offset: int = 0

    def read(self, path: Path) -> None:
        if not path.exists():
            return
        data = path.read_bytes()
        end = data.rfind(b"\n") + 1  # a line cut by the kill is ignored
        for line in data[self.offset : end].decode().splitlines():
            parts = line.split()
            if parts[0] == "S" and len(parts) == 4:
                self.intents[parts[1]] = (None if parts[2] == "-" else parts[2], parts[3])
                self.order.append(parts[1])
            elif parts[0] == "A" and len(parts) == 2:
                self.acked.add(parts[1])
        self.offset = end


@dataclass
class Tally:
    kills: int = 0
    in_flight_at_kill: int = 0
    committed_not_acked: set[str] = field(default_factory=set)
    kills_leaving_unacked: int = 0
    wal_nonempty_at_kill: int = 0
    statuses: Counter[str] = field(default_factory=Counter)


def _local_rows(db: Path) -> tuple[str, dict[str, int], dict[str, str | None]]:
    """integrity_check result, state by id and last_error by id, on a fresh connection."""
    conn = sqlite3.connect(db)
    try:
        check = conn.execute("PRAGMA integrity_check").fetchone()[0]
        rows = conn.execute("SELECT id, state, last_error FROM outbox").fetchall()
    finally:
        conn.close()
    states = {r[0]: r[1] for r in rows}
    assert len(states) == len(rows), "an id is stored twice"
    return check, states, {r[0]: r[2] for r in rows}


def _check_after_kill(db: Path, sim: PlatformSimulator, log: Log, tally: Tally) -> None:
    wal = db.with_name(db.name + "-wal")
    if wal.exists() and wal.stat().st_size > 0:
        tally.wal_nonempty_at_kill += 1
    check, states, _errors = _local_rows(db)
    assert check == "ok", check
    stored = sim.store.ids()
    rejected = set(sim.store.rejections())
    local = set(states)
    assert not stored & rejected
    lost = log.acked - local - stored - rejected
    assert not lost, f"{len(lost)} acknowledged transactions lost"
    phantom = (local | stored | rejected) - set(log.intents)
    assert not phantom, f"{len(phantom)} transactions nobody submitted"
    delivered = {i for i, s in states.items() if s == State.DELIVERED}
    assert delivered <= stored | rejected
    dead = {i for i, s in states.items() if s == State.DEAD}
    assert dead <= rejected, "a row died without the platform rejecting it"
    assert sim.store.counts()["mismatches"] == 0
    tally.in_flight_at_kill += any(s == State.IN_FLIGHT for s in states.values())
    # Committed by the child, but it was killed before telling anyone (the caller
    # must not take "no answer" for "not saved": the id was already known).
    new = (local | stored | rejected) - log.acked - tally.committed_not_acked
    tally.kills_leaving_unacked += bool(new)
    tally.committed_not_acked |= new


@pytest.fixture
def sim(tmp_path: Path) -> Iterator[PlatformSimulator]:
    s = PlatformSimulator(tmp_path / "platform.db", token=TOKEN, faults=FAULTS).start()
    yield s
    s.stop()


def test_sigkill_loop_exactly_once(
    tmp_path: Path, sim: PlatformSimulator, pytestconfig: pytest.Config
) -> None:
    kills = kill_count(pytestconfig)
    data_dir = tmp_path / "kiosk"
    data_dir.mkdir()
    db = data_dir / "queue.db"
    log_path = tmp_path / "child.log"
    rng = random.Random(4242)
    log, tally = Log(), Tally()
    zygote = Zygote(tmp_path / "zygote.err")
    started = time.monotonic()
    try:
        for k in range(kills):
            pid = zygote.call(
                op="spawn", data_dir=str(data_dir), url=sim.url, token=TOKEN,
                log=str(log_path), seed=k + 1,
            )["pid"]  # fmt: skip
            time.sleep(rng.uniform(0.02, 0.6))  # the random kill moment, not a wait
            os.kill(pid, signal.SIGKILL)
            status = zygote.call(op="wait", pid=pid)["status"]
            if not (os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL):
                err = (tmp_path / "zygote.err").read_text()[-3000:]
                raise AssertionError(f"child {k} ended by itself ({status}):\n{err}")
            tally.kills += 1
            log.read(log_path)
            _check_after_kill(db, sim, log, tally)
    finally:
        zygote.close()
    loop_s = time.monotonic() - started

    # Final drain in this process, transient faults off (rejections stay as they were).
    sim.set_faults(FaultSettings(reject_rate=FAULTS.reject_rate))
    outbox = Outbox.open(child_settings(), data_dir)
    client = PlatformClient(sim.url, KIOSK, TOKEN)
    worker = SyncWorker(outbox, client)
    try:
        for _ in range(100):
            worker.sync_once()
            counts = outbox.stats().counts
            if counts["pending"] == counts["in_flight"] == 0:
                break
            outbox.reschedule_pending(0)
        counts = outbox.stats().counts
        assert counts["pending"] == counts["in_flight"] == 0, counts
        assert outbox.integrity_check() is None
    finally:
        worker.stop()
        client.close()
        outbox.close()

    _check_final(db, sim, log)
    stored_counts = sim.store.counts()
    print(
        f"\nqueue SIGKILL: {tally.kills} kills in {loop_s:.0f} s; {len(log.intents)} submitted,"
        f" {len(log.acked)} acknowledged durable, {stored_counts['stored']} stored once at the"
        f" platform after {stored_counts['deliveries']} deliveries, {stored_counts['rejected']}"
        f" rejected; kills with rows in flight: {tally.in_flight_at_kill}, with a non-empty WAL:"
        f" {tally.wal_nonempty_at_kill}; kills that left committed-but-unacknowledged rows:"
        f" {tally.kills_leaving_unacked} ({len(tally.committed_not_acked)} rows);"
        f" faults injected: {dict(sim.plan.injected)}"
    )
    assert len(log.acked) > tally.kills * 5, "the workload hardly ran"
    assert stored_counts["deliveries"] > stored_counts["stored"], "no resend was exercised"


def _check_final(db: Path, sim: PlatformSimulator, log: Log) -> None:
    check, states, errors = _local_rows(db)
    assert check == "ok"
    transactions = sim.store.transactions()
    stored = {t["id"]: t for t in transactions}
    assert len(stored) == len(transactions)
    rejected = sim.store.rejections()
    for tx_id in log.acked:
        if tx_id in rejected:
            assert tx_id not in stored
            assert states.get(tx_id) == State.DEAD
            assert errors[tx_id] == f"REJECTED: {rejected[tx_id]}"
        else:
            assert tx_id in stored, "acknowledged but never delivered"
            assert payload_digest(stored[tx_id]["payload"]) == log.intents[tx_id][1]
    assert {i for i, s in states.items() if s in (State.PENDING, State.IN_FLIGHT)} == set()
    # Per-case order: each case's transactions arrived in submission order.
    position = {t["id"]: t["seq"] for t in transactions}
    by_case: dict[str, list[int]] = {}
    for tx_id in log.order:
        case = log.intents[tx_id][0]
        if case is not None and tx_id in position:
            by_case.setdefault(case, []).append(position[tx_id])
    for case, seqs in by_case.items():
        assert seqs == sorted(seqs), f"{case} arrived out of order"
