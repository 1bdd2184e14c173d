"""`kiosk queue …` and `kiosk platform-sim` (the CLI modules in kiosk/cli)."""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kiosk.cli import platform_sim, queue
from offline_queue import Outbox, QueueSettings, State
from offline_queue.sim import PlatformSimulator
from offline_queue.store import Dead, Retry
from tests.offline_queue.helpers import TOKEN, make_client, reissue

#: A minimal configuration: the queue tools must not depend on any device driver.
KIOSK_TOML = """
config_version = 1
[kiosk]
id = "K-CLI-TEST"
name = { zh = "测试机", en = "Test kiosk" }
hall_address = { zh = "测试大厅", en = "Test hall" }
hall_hours = { zh = "全天", en = "All day" }
[platform]
simulate = true
[queue]
"""
SERVICES_TOML = """
[[services]]
id = "progress_query"
name = { zh = "办理进度查询", en = "Check application progress" }
department = { zh = "综合", en = "General" }
summary = { zh = "查询办理进度", en = "Check progress" }
time_limit = { zh = "即时", en = "Immediate" }
hours = { zh = "24小时", en = "24 hours" }
steps = ["identify_application", "show_progress", "rating"]
"""


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    conf = tmp_path / "config"
    conf.mkdir()
    (conf / "kiosk.toml").write_text(KIOSK_TOML, encoding="utf-8")
    (conf / "services.toml").write_text(SERVICES_TOML, encoding="utf-8")
    monkeypatch.setenv("KIOSK_CONFIG_DIR", str(conf))
    d = tmp_path / "var"
    d.mkdir()
    monkeypatch.setenv("KIOSK_DATA_DIR", str(d))
    return d


def kiosk(*argv: str) -> int:
    parser = argparse.ArgumentParser(prog="kiosk")
    sub = parser.add_subparsers(dest="command", required=True)
    queue.register(sub)
    platform_sim.register(sub)
    args = parser.parse_args(argv)
    return args.func(args)


def _submit(data_dir: Path, n: int) -> list[str]:
    ob = Outbox.open(QueueSettings(), data_dir)
    try:
        return [t.id for t in reissue(ob, n)]
    finally:
        ob.close()


def test_status_without_a_database(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert kiosk("queue", "status") == 2
    assert "no queue database" in capsys.readouterr().err
    assert not (data_dir / "queue.db").exists()  # status creates nothing


def test_status_sync_list_retry_purge(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ids = _submit(data_dir, 3)
    assert kiosk("queue", "status") == 0
    out = capsys.readouterr().out
    assert "pending    3" in out and "last sync  never" in out
    # The configuration simulates the platform: sync delivers into the simulator's store.
    assert kiosk("queue", "sync", "--json") == 0
    report = json.loads(capsys.readouterr().out)
    assert report["accepted"] == 3 and report["error"] is None
    sim = PlatformSimulator(data_dir / "platform-sim.db")
    assert sim.store.ids() == set(ids)
    sim.stop()
    assert kiosk("queue", "status", "--json") == 0
    stats = json.loads(capsys.readouterr().out)
    assert stats["counts"]["delivered"] == 3 and stats["last_sync_at"]
    # A dead row: listed, then retried under the same id.
    ob = Outbox.open(QueueSettings(), data_dir)
    dead_id = ob.submit("payment", {"amount_fen": 1})
    dead_id.wait(10)
    (row,) = ob.claim()
    ob.settle(dead=[Dead(row.seq, 200, "REJECTED: test")])
    ob.close()
    assert kiosk("queue", "list", "--state", "dead") == 0
    out = capsys.readouterr().out
    assert dead_id.id in out and "REJECTED: test" in out
    assert "张三" not in out
    assert kiosk("queue", "retry", "--id", dead_id.id) == 0
    assert "1 dead rows back to pending" in capsys.readouterr().out
    assert kiosk("queue", "list", "--json") == 0
    states = {r["id"]: r["state"] for r in json.loads(capsys.readouterr().out)}
    assert states[dead_id.id] == State.PENDING.label
    assert kiosk("queue", "purge", "--json") == 0
    assert json.loads(capsys.readouterr().out)["deleted"] == 0  # within the 7-day retention


def test_sync_against_a_url_with_a_token_file(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ids = _submit(data_dir, 2)
    (data_dir / "keys" / "platform.token").write_text(TOKEN)
    (data_dir / "keys" / "platform.token").chmod(0o600)
    with PlatformSimulator(tmp_path / "p.db", token=TOKEN) as sim:
        assert kiosk("queue", "sync", "--url", sim.url) == 0
        assert sim.store.ids() == set(ids)
    assert "2 accepted" in capsys.readouterr().out


def test_recover_and_rotate_key(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _submit(data_dir, 1)
    assert kiosk("queue", "recover") == 0
    assert "nothing to do" in capsys.readouterr().out
    assert kiosk("queue", "rotate-key") == 0
    assert "new key" in capsys.readouterr().out
    assert len((data_dir / "keys" / "queue.key").read_text().splitlines()) == 2
    (data_dir / "queue.db").write_bytes(b"garbage" * 3000)
    for extra in ("-wal", "-shm"):
        (data_dir / f"queue.db{extra}").unlink(missing_ok=True)
    assert kiosk("queue", "recover") == 0
    assert list(data_dir.glob("queue.db.corrupt-*"))
    assert kiosk("queue", "status") == 0
    assert "damaged database moved to" in capsys.readouterr().out


def test_platform_sim_command_serves_until_sigterm(tmp_path: Path, data_dir: Path) -> None:
    db = tmp_path / "sim.db"
    proc = subprocess.Popen(
        [sys.executable, "-m", "kiosk", "platform-sim", "--port", "0", "--db", str(db),
         "--token", TOKEN, "--ready-after", "0"],
        stdout=subprocess.PIPE, text=True, cwd=Path(__file__).resolve().parents[2],
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])},
    )  # fmt: skip
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        assert line.startswith("platform simulator on http://127.0.0.1:"), line
        url = line.split()[3]
        with make_client(url) as c:
            c.heartbeat({"from": "test"})
            assert c.application_status("none") is None
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(20) == 0
        assert "1 heartbeats" in proc.stdout.read()
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        if proc.stdout is not None:
            proc.stdout.close()


def test_platform_sim_refuses_bad_rates(capsys: pytest.CaptureFixture[str]) -> None:
    assert kiosk("platform-sim", "--error-rate", "0.8", "--throttle-rate", "0.5") == 2
    assert "add up to" in capsys.readouterr().err


def test_sync_sends_rows_still_in_their_backoff(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ids = _submit(data_dir, 4)
    ob = Outbox.open(QueueSettings(), data_dir)
    try:  # as after a long outage: every row waits out a backoff of an hour
        rows = ob.claim()
        later = int((time.time() + 3600) * 1000)
        ob.settle(retry=[Retry(r.seq, later, 503, "PLATFORM_THROTTLED") for r in rows])
    finally:
        ob.close()
    assert kiosk("queue", "sync", "--json") == 0
    report = json.loads(capsys.readouterr().out)
    assert (report["claimed"], report["accepted"]) == (4, 4)
    with PlatformSimulator(data_dir / "platform-sim.db") as sim:
        assert sim.store.ids() == set(ids)
