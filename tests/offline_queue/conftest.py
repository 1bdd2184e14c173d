"""Fixtures for the offline queue: an outbox in a temporary data dir, a simulator, a client."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from offline_queue import Outbox, PlatformClient, QueueSettings, SyncWorker
from offline_queue.sim import PlatformSimulator
from tests.offline_queue.helpers import TOKEN, fast_settings, make_client


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    d = tmp_path / "data"
    d.mkdir()
    return d


@pytest.fixture
def settings() -> QueueSettings:
    return fast_settings()


@pytest.fixture
def outbox(settings: QueueSettings, data_dir: Path) -> Iterator[Outbox]:
    ob = Outbox.open(settings, data_dir)
    yield ob
    ob.close()


@pytest.fixture
def sim(tmp_path: Path) -> Iterator[PlatformSimulator]:
    s = PlatformSimulator(tmp_path / "platform.db", token=TOKEN).start()
    yield s
    s.stop()


@pytest.fixture
def client(sim: PlatformSimulator) -> Iterator[PlatformClient]:
    c = make_client(sim.url, read_timeout_s=2.0, connect_timeout_s=1.0)
    yield c
    c.close()


@pytest.fixture
def worker(outbox: Outbox, client: PlatformClient) -> Iterator[SyncWorker]:
    w = SyncWorker(outbox, client)
    yield w
    assert w.stop(10)
