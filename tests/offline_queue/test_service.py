"""QueueService: the kiosk's one-call start, with the loopback simulator by default."""

from __future__ import annotations

from pathlib import Path

import pytest

from offline_queue import PlatformConfigError, PlatformSettings, QueueService
from offline_queue.sim import PlatformSimulator
from tests.offline_queue.helpers import Waiter, fast_settings, reissue


def test_default_platform_is_the_loopback_simulator(data_dir: Path) -> None:
    service = QueueService.start(fast_settings(), PlatformSettings(), "K-SVC", data_dir)
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
    service = QueueService.start(fast_settings(), PlatformSettings(), "K-SVC", data_dir)
    try:
        assert service.outbox._opened.primary
    finally:
        service.stop()
