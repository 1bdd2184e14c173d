"""Offline queue benchmarks, side by side in one run (figures for the issue's goals).

    /tmp/venv/bin/pip install persist-queue      # optional baseline; skipped if missing
    /tmp/venv/bin/python benchmarks/queue_bench.py [--n 5000] [--claim-depth 100000]
                                                   [--pq-drain] [--json out.json]

Measures, with the same 2,048-byte JSON transaction (citizen fields, payment,
photo hash and reference, receipt number, random [a-z0-9] pad):

1. durable enqueue: sqlite-utils ``insert()`` per transaction (WAL, synchronous=FULL),
   persist-queue ``SQLiteAckQueue.put()``, and ``Outbox.submit()`` (burst until all
   durable; the caller's per-call time; paced at 20 tx/s: time to durable);
2. drain 10,000 queued transactions to the platform simulator on loopback
   (``--pq-drain``: persist-queue get+ack of 10,000, about a minute);
3. claim of a 100-row batch with 1,000 and with ``--claim-depth`` rows queued;
4. bytes on disk per queued transaction, and the file after delivery + purge;
5. start-up (open + quick_check + recovery) of the deep database.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import sqlite3
import statistics
import string
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import sqlite_utils

from offline_queue import Outbox, PlatformClient, QueueSettings, SyncWorker
from offline_queue.sim import PlatformSimulator, synthetic_id
from offline_queue.store import Retry

PAYLOAD_BYTES = 2048
_ALNUM = string.ascii_lowercase + string.digits


def transaction(rng: random.Random, n: int) -> tuple[dict[str, Any], dict[str, Any]]:
    """(payload, pii) whose merged JSON is exactly 2,048 bytes."""
    pii = {
        "id_number": synthetic_id("110105", "19800101", f"{n % 1000:03d}"),
        "name": "张三",
        "photo_sha256": f"{rng.getrandbits(256):064x}",
    }
    payload: dict[str, Any] = {
        "application_no": f"SQ{n:010d}",
        "service": "id_card_reissue",
        "payment": {"amount_fen": 2000, "channel": "wechat", "trade_no": f"T{n:016d}"},
        "photo_ref": f"blob/{n:08d}.jpg",
        "receipt_no": f"R{n:012d}",
        "pad": "",
    }
    size = len(json.dumps({**payload, **pii}, ensure_ascii=False).encode())
    payload["pad"] = "".join(rng.choices(_ALNUM, k=PAYLOAD_BYTES - size))
    return payload, pii


def merged_json(rng: random.Random, n: int) -> str:
    payload, pii = transaction(rng, n)
    text = json.dumps({**payload, **pii}, ensure_ascii=False)
    assert len(text.encode()) == PAYLOAD_BYTES
    return text


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))]


def settings(**kw: Any) -> QueueSettings:
    return QueueSettings(min_free_bytes=0, **kw)


# ---------------------------------------------------------------- 1. enqueue


def bench_sqlite_utils(work: Path, n: int) -> dict[str, float]:
    rng = random.Random(1)
    docs = [merged_json(rng, i) for i in range(n)]
    conn = sqlite3.connect(work / "su.db", isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    db = sqlite_utils.Database(conn)
    table = db["outbox"]
    table.create({"id": int, "idem_key": str, "payload": str, "status": int}, pk="id")
    table.create_index(["idem_key"], unique=True)
    lat = []
    t0 = time.perf_counter()
    for i, doc in enumerate(docs):
        s = time.perf_counter()
        table.insert({"idem_key": f"k{i}", "payload": doc, "status": 0})
        lat.append(time.perf_counter() - s)
    elapsed = time.perf_counter() - t0
    conn.close()
    return {"tx_per_s": n / elapsed, "p50_ms": pct(lat, 0.5) * 1e3, "p99_ms": pct(lat, 0.99) * 1e3}


def bench_persist_queue(work: Path, n: int) -> dict[str, float] | None:
    try:
        from persistqueue import SQLiteAckQueue
    except ImportError:
        return None
    rng = random.Random(1)
    docs = [merged_json(rng, i) for i in range(n)]
    q = SQLiteAckQueue(str(work / "pq"), auto_commit=True, multithreading=True)
    lat = []
    t0 = time.perf_counter()
    for doc in docs:
        s = time.perf_counter()
        q.put(doc)
        lat.append(time.perf_counter() - s)
    elapsed = time.perf_counter() - t0
    return {"tx_per_s": n / elapsed, "p50_ms": pct(lat, 0.5) * 1e3, "p99_ms": pct(lat, 0.99) * 1e3}


def bench_outbox_burst(work: Path, n: int) -> dict[str, float]:
    rng = random.Random(1)
    txs = [transaction(rng, i) for i in range(n)]
    ob = Outbox.open(settings(), work / "burst")
    try:
        lat = []
        tickets = []
        t0 = time.perf_counter()
        for payload, pii in txs:
            s = time.perf_counter()
            tickets.append(ob.submit("id_card_reissue", payload, pii))
            lat.append(time.perf_counter() - s)
        for t in tickets:
            t.wait(60)
        elapsed = time.perf_counter() - t0
    finally:
        ob.close()
    return {
        "tx_per_s": n / elapsed,
        "call_p50_ms": pct(lat, 0.5) * 1e3,
        "call_p99_ms": pct(lat, 0.99) * 1e3,
        "call_max_ms": max(lat) * 1e3,
    }


def bench_outbox_paced(work: Path, count: int = 100, rate: float = 20.0) -> dict[str, float]:
    rng = random.Random(2)
    txs = [transaction(rng, i) for i in range(count)]
    ob = Outbox.open(settings(), work / "paced")
    call, durable = [], []
    lock = threading.Lock()
    try:
        for payload, pii in txs:
            start = time.perf_counter()
            t = ob.submit("id_card_reissue", payload, pii)
            call.append(time.perf_counter() - start)

            def done(_t: object, start: float = start) -> None:
                with lock:
                    durable.append(time.perf_counter() - start)

            t.add_done_callback(done)
            time.sleep(1 / rate)  # the pace of the load
    finally:
        ob.close()
    return {
        "call_p50_ms": pct(call, 0.5) * 1e3,
        "call_p99_ms": pct(call, 0.99) * 1e3,
        "durable_p50_ms": pct(durable, 0.5) * 1e3,
        "durable_p99_ms": pct(durable, 0.99) * 1e3,
    }


# ---------------------------------------------------------------- 2. drain


def fill(ob: Outbox, n: int, seed: int = 3) -> None:
    rng = random.Random(seed)
    tickets = [ob.submit("id_card_reissue", *transaction(rng, i)) for i in range(n)]
    for t in tickets:
        t.wait(120)


def bench_drain(work: Path, n: int = 10_000) -> dict[str, float]:
    sim = PlatformSimulator(work / "platform.db", token="bench").start()
    ob = Outbox.open(settings(), work / "drain")
    client = PlatformClient(sim.url, "K-BENCH", "bench")
    worker = SyncWorker(ob, client)
    try:
        fill(ob, n)
        t0 = time.perf_counter()
        report = worker.sync_once()
        elapsed = time.perf_counter() - t0
        assert report.accepted == n and sim.store.counts()["stored"] == n, report
    finally:
        worker.stop()
        client.close()
        ob.close()
        sim.stop()
    return {"seconds": elapsed, "tx_per_s": n / elapsed, "requests": report.requests}


def bench_pq_drain(work: Path, n: int = 10_000) -> dict[str, float] | None:
    try:
        from persistqueue import SQLiteAckQueue
    except ImportError:
        return None
    rng = random.Random(1)
    q = SQLiteAckQueue(str(work / "pqd"), auto_commit=True, multithreading=True)
    for i in range(n):
        q.put(merged_json(rng, i))
    t0 = time.perf_counter()
    for _ in range(n):
        item = q.get(raw=True)
        q.ack(id=item["pqid"])
    elapsed = time.perf_counter() - t0
    return {"seconds": elapsed, "tx_per_s": n / elapsed}


# ---------------------------------------------------------------- 3-5. depth, size, start-up


def claim_times(ob: Outbox, reps: int) -> tuple[list[float], list[float]]:
    """Seconds per 100-row claim (through the writer, with its commit) and per candidate query."""
    from offline_queue.store import _CANDIDATES_SQL

    full, query = [], []
    reader = sqlite3.connect(ob.path)
    try:
        for _ in range(reps):
            now = int(time.time() * 1000)
            s = time.perf_counter()
            reader.execute(_CANDIDATES_SQL, {"now": now, "limit": 100}).fetchall()
            query.append(time.perf_counter() - s)
            s = time.perf_counter()
            rows = ob.claim()
            full.append(time.perf_counter() - s)
            assert len(rows) == 100
            # Put them back at the end of the due order (not timed).
            ob.settle(retry=[Retry(r.seq, now - 1, None, "bench") for r in rows])
    finally:
        reader.close()
    return full, query


def bench_depth(work: Path, deep: int, reps: int = 200) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for depth in (1_000, deep):
        ob = Outbox.open(settings(), work / f"depth{depth}")
        try:
            t0 = time.perf_counter()
            fill(ob, depth, seed=depth)
            fill_s = time.perf_counter() - t0
            ob.checkpoint()
            db_bytes = ob.stats().db_bytes
            os.sync()  # the fill's write-back must not land in the timed claims
            full, query = claim_times(ob, reps)
            stats_s = []
            for _ in range(20):
                s = time.perf_counter()
                ob.stats()
                stats_s.append(time.perf_counter() - s)
        finally:
            ob.close()
        t0 = time.perf_counter()
        reopened = Outbox.open(settings(), work / f"depth{depth}")
        open_s = time.perf_counter() - t0
        reopened.close()
        out[str(depth)] = {
            "claim_median_ms": statistics.median(full) * 1e3,
            "claim_p90_ms": pct(full, 0.9) * 1e3,
            "query_median_ms": statistics.median(query) * 1e3,
            "fill_tx_per_s": depth / fill_s,
            "bytes_per_tx": db_bytes / depth,
            "open_s": open_s,
            "stats_median_ms": statistics.median(stats_s) * 1e3,
        }
    a, b = out["1000"], out[str(deep)]
    out["ratio_claim"] = b["claim_median_ms"] / a["claim_median_ms"]
    out["ratio_query"] = b["query_median_ms"] / a["query_median_ms"]
    return out


def bench_size(work: Path, n: int = 10_000) -> dict[str, float]:
    from offline_queue.store import Delivered

    ob = Outbox.open(settings(retention_days=0), work / "size")
    try:
        fill(ob, n, seed=9)
        ob.checkpoint()
        peak = ob.stats().db_bytes
        while rows := ob.claim():
            ob.settle(delivered=[Delivered(r.seq, "accepted") for r in rows])
        purge = ob.purge()
        after = ob.stats()
    finally:
        ob.close()
    return {
        "bytes_per_tx": peak / n,
        "peak_bytes": peak,
        "after_purge_bytes": after.db_bytes,
        "after_purge_pct_of_peak": 100 * after.db_bytes / peak,
        "wal_after_purge": after.wal_bytes,
        "deleted": purge.deleted,
    }


# ---------------------------------------------------------------- main


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=5000, help="transactions per enqueue run")
    ap.add_argument("--claim-depth", type=int, default=100_000)
    ap.add_argument("--pq-drain", action="store_true", help="also persist-queue get+ack 10k")
    ap.add_argument("--dir", default=None, help="work directory (default: a temp dir in /tmp)")
    ap.add_argument("--json", default=None, help="write the figures to this file")
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="queue-bench-", dir=args.dir))
    results: dict[str, Any] = {"python": sys.version.split()[0], "sqlite": sqlite3.sqlite_version}
    try:
        print(f"work dir {work}; SQLite {sqlite3.sqlite_version}; payload {PAYLOAD_BYTES} B")
        results["sqlite_utils_insert"] = r = bench_sqlite_utils(work, args.n)
        print(f"[1] sqlite-utils insert() FULL: {r['tx_per_s']:,.0f} tx/s "
              f"(p50 {r['p50_ms']:.3f} ms, p99 {r['p99_ms']:.3f} ms)")  # fmt: skip
        pq = bench_persist_queue(work, args.n)
        results["persist_queue_put"] = pq
        if pq is None:
            print("[1] persist-queue: not installed (pip install persist-queue)")
        else:
            print(f"[1] persist-queue put(): {pq['tx_per_s']:,.0f} tx/s "
                  f"(p50 {pq['p50_ms']:.3f} ms, p99 {pq['p99_ms']:.3f} ms)")  # fmt: skip
        results["outbox_burst"] = r = bench_outbox_burst(work, args.n)
        print(f"[1] Outbox.submit burst: {r['tx_per_s']:,.0f} tx/s durable; caller call "
              f"p50 {r['call_p50_ms']:.3f} ms, p99 {r['call_p99_ms']:.3f} ms, "
              f"max {r['call_max_ms']:.2f} ms")  # fmt: skip
        base = results["sqlite_utils_insert"]["tx_per_s"]
        print(
            f"    ratio vs sqlite-utils: {r['tx_per_s'] / base:.1f}x"
            + (f", vs persist-queue: {r['tx_per_s'] / pq['tx_per_s']:.1f}x" if pq else "")
        )
        results["outbox_paced_20_per_s"] = r = bench_outbox_paced(work)
        print(f"[1] Outbox.submit paced 20 tx/s: call p99 {r['call_p99_ms']:.3f} ms; "
              f"time to durable p50 {r['durable_p50_ms']:.2f} ms, "
              f"p99 {r['durable_p99_ms']:.2f} ms")  # fmt: skip
        results["drain_10k"] = r = bench_drain(work)
        print(f"[2] drain 10,000 to the simulator on loopback: {r['seconds']:.2f} s "
              f"({r['tx_per_s']:,.0f} tx/s, {r['requests']} requests)")  # fmt: skip
        if args.pq_drain:
            results["persist_queue_drain_10k"] = r = bench_pq_drain(work)
            if r:
                print(f"[2] persist-queue get+ack 10,000: {r['seconds']:.1f} s")
        results["depth"] = d = bench_depth(work, args.claim_depth)
        for depth in ("1000", str(args.claim_depth)):
            x = d[depth]
            print(f"[3] {int(depth):,} queued: claim 100 median {x['claim_median_ms']:.3f} ms "
                  f"(p90 {x['claim_p90_ms']:.3f}), candidate query {x['query_median_ms']:.3f} ms; "
                  f"stats() {x['stats_median_ms']:.1f} ms; "
                  f"open+check {x['open_s'] * 1e3:.0f} ms")  # fmt: skip
        print(f"[3] ratio {args.claim_depth:,} / 1,000: claim {d['ratio_claim']:.2f}x, "
              f"query {d['ratio_query']:.2f}x")  # fmt: skip
        results["size"] = r = bench_size(work)
        print(f"[4] bytes per queued 2 KB transaction: {r['bytes_per_tx']:,.0f} B; after delivery"
              f" + purge: {r['after_purge_bytes']:,} B ({r['after_purge_pct_of_peak']:.1f}% of "
              f"peak), WAL {r['wal_after_purge']} B")  # fmt: skip
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    raise SystemExit(main())
