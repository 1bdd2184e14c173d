"""Fork server and workload for the SIGKILL test of the offline queue (run as a script).

The zygote imports everything once, then forks a fresh kiosk-like child per
command, so a kill cycle costs a fork instead of an interpreter start. It stays
single-threaded, which makes fork safe. Protocol, one JSON object per line:

    {"op": "spawn", "data_dir", "url", "token", "log", "seed"} -> {"pid": N}
    {"op": "wait", "pid": N}  -> {"status": S}  (waitpid; never reaps on its own,
                                                 so a pid is not reused before)
    {"op": "exit"}

The child opens the outbox, starts the sync worker and submits transactions in
small bursts. Before each submit it appends ``S <id> <case|-> <sha256>`` to the
log, and from the ticket's durable callback ``A <id>``: the parent learns what
was attempted and what the kiosk was told is saved.
"""

from __future__ import annotations

import json
import os
import random
import sys
import time
import traceback

from offline_queue import Outbox, PlatformClient, PlatformSettings, QueueSettings, SyncWorker
from offline_queue.ids import uuid7
from offline_queue.sim.identity import synthetic_id
from offline_queue.sim.store import payload_digest

KIOSK = "K-CRASH-01"


def child_settings() -> QueueSettings:
    return QueueSettings(
        backoff_base_s=0.02,
        backoff_cap_s=0.3,
        reconnect_jitter_s=0.05,
        probe_interval_s=0.05,
        poll_interval_s=0.2,
        lease_s=5,
        retention_days=0,  # delivered rows are deleted by the purge: kills land in it too
        purge_interval_s=0.2,
        checkpoint_idle_s=0.05,
        min_free_bytes=0,
        wal_ceiling_bytes=2 * 1024 * 1024,
        batch_size=20,
        busy_timeout_ms=2000,
    )


def _transaction(rng: random.Random, n: int) -> tuple[str, dict, dict | None]:
    pad = "".join(rng.choices("abcdefghijklmnopqrstuvwxyz0123456789", k=rng.randint(50, 1500)))
    if rng.random() < 0.5:
        number = synthetic_id("110105", f"19{rng.randint(40, 99)}0101", f"{n % 1000:03d}")
        if rng.random() < 0.03:
            number = number[:-1] + ("0" if number[-1] != "0" else "1")  # invalid: rejected
        payload = {"application_no": f"SQ{n:08d}", "fee_fen": 2000, "pad": pad}
        return "id_card_reissue", payload, {"id_number": number, "name": "测试人"}
    amount = rng.randint(0, 50_000) if rng.random() > 0.02 else -1  # -1: rejected
    return "payment", {"amount_fen": amount, "pad": pad}, None


def run_child(data_dir: str, url: str, token: str, log: str, seed: int) -> None:
    rng = random.Random(seed)
    fd = os.open(log, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    outbox = Outbox.open(child_settings(), data_dir)
    client = PlatformClient(
        url, KIOSK, token, PlatformSettings(read_timeout_s=0.3, connect_timeout_s=0.3)
    )
    worker = SyncWorker(outbox, client)
    worker.start()

    def acked(ticket: object) -> None:
        if ticket.durable:  # type: ignore[attr-defined]
            os.write(fd, f"A {ticket.id}\n".encode())  # type: ignore[attr-defined]

    n = seed * 10_000
    while True:  # until SIGKILL
        # One burst is one citizen's visit: half of them form a case that must keep its order.
        case = f"visit-{n}" if rng.random() < 0.5 else None
        for _ in range(rng.randint(1, 6)):
            n += 1
            kind, payload, pii = _transaction(rng, n)
            tx_id = str(uuid7())
            digest = payload_digest({**payload, **(pii or {})})
            os.write(fd, f"S {tx_id} {case or '-'} {digest}\n".encode())
            outbox.submit(kind, payload, pii, case, tx_id=tx_id).add_done_callback(acked)
        time.sleep(rng.uniform(0, 0.006))  # pacing of the workload, not a wait


def main() -> None:
    out = sys.stdout
    out.write(json.dumps({"ready": True}) + "\n")
    out.flush()
    for line in sys.stdin:
        cmd = json.loads(line)
        if cmd["op"] == "exit":
            return
        if cmd["op"] == "wait":
            _pid, status = os.waitpid(cmd["pid"], 0)
            out.write(json.dumps({"status": status}) + "\n")
        elif cmd["op"] == "spawn":
            pid = os.fork()
            if pid == 0:
                code = 0
                try:
                    devnull = os.open(os.devnull, os.O_RDWR)
                    os.dup2(devnull, 0)
                    os.dup2(devnull, 1)
                    run_child(cmd["data_dir"], cmd["url"], cmd["token"], cmd["log"], cmd["seed"])
                except BaseException:
                    traceback.print_exc()
                    code = 3
                finally:
                    os._exit(code)
            out.write(json.dumps({"pid": pid}) + "\n")
        out.flush()


if __name__ == "__main__":
    main()
