"""QueueService: the kiosk's one-call start, on the loopback simulator only when asked."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from offline_queue import PlatformConfigError, PlatformSettings, QueueService
from offline_queue.sim import PlatformSimulator
from tests.offline_queue.helpers import TOKEN, Waiter, fast_settings, reissue

DEMO = PlatformSettings(simulate=True)


def test_simulate_starts_the_loopback_simulator(data_dir: Path) -> None:
    service = QueueService.start(fast_settings(), DEMO, "K-SVC", data_dir)
    try:
        assert service.simulator is not None and service.simulator.host == "127.0.0.1"
        done = Waiter(lambda: service.outbox.stats().counts["delivered"] == 4)
        service.worker.add_listener(done.poke)
        tickets = reissue(service.outbox, 4)
        assert done.wait(10)
        status = service.client.application_status("A00000")
        assert status is not None and status.status == "received"
    finally:
        service.stop()
    store = PlatformSimulator(data_dir / "platform-sim.db").store
    assert store.ids() == {t.id for t in tickets}
    store.close()


def test_missing_token_for_a_real_platform_closes_the_outbox(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("KIOSK_PLATFORM_TOKEN", raising=False)
    platform = PlatformSettings(base_url="https://platform.invalid")
    with pytest.raises(PlatformConfigError):
        QueueService.start(fast_settings(), platform, "K-SVC", data_dir)
    # The outbox was closed: its process lock is free for the next start.
    service = QueueService.start(fast_settings(), DEMO, "K-SVC", data_dir)
    try:
        assert service.outbox._opened.primary
    finally:
        service.stop()


def test_no_platform_and_no_simulate_refuses_to_start(data_dir: Path) -> None:
    with pytest.raises(PlatformConfigError, match="no platform configured"):
        QueueService.start(fast_settings(), PlatformSettings(), "K-SVC", data_dir)
    assert not (data_dir / "platform-sim.db").exists()


def test_production_never_creates_the_simulator_store(
    data_dir: Path, sim: PlatformSimulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KIOSK_PLATFORM_TOKEN", TOKEN)
    platform = PlatformSettings(base_url=sim.url)  # the "real" platform, outside data_dir
    service = QueueService.start(fast_settings(), platform, "K-SVC", data_dir)
    try:
        assert service.simulator is None
        done = Waiter(lambda: service.outbox.stats().counts["delivered"] == 2)
        service.worker.add_listener(done.poke)
        reissue(service.outbox, 2)
        assert done.wait(10)
    finally:
        service.stop()
    assert sorted(p.name for p in data_dir.iterdir() if p.name.startswith("platform-sim")) == []


def test_simulator_store_is_owner_only(data_dir: Path) -> None:
    service = QueueService.start(fast_settings(), DEMO, "K-SVC", data_dir)
    try:
        done = Waiter(lambda: service.outbox.stats().counts["delivered"] == 1)
        service.worker.add_listener(done.poke)
        reissue(service.outbox, 1)  # carries an ID number and a name
        assert done.wait(10)
        files = [p for p in data_dir.iterdir() if p.name.startswith("platform-sim.db")]
        assert {p.name for p in files} >= {"platform-sim.db", "platform-sim.db-wal"}
        assert {p.name: stat.S_IMODE(p.stat().st_mode) for p in files} == {
            p.name: 0o600 for p in files
        }
    finally:
        service.stop()


def test_an_old_world_readable_simulator_store_is_tightened(tmp_path: Path) -> None:
    db = tmp_path / "platform-sim.db"
    db.touch(mode=0o644)
    db.chmod(0o644)
    PlatformSimulator(db).store.close()
    assert stat.S_IMODE(db.stat().st_mode) == 0o600
