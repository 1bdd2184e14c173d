from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.config import KioskConfig, load_config
from kiosk.flow.engine import FlowEnv, inline_executor
from kiosk.idle import IdleTracker
from offline_queue.outbox import Outbox
from offline_queue.settings import QueueSettings


@pytest.fixture
def config() -> KioskConfig:
    return load_config()


@pytest.fixture
def outbox(tmp_path: Path) -> Iterator[Outbox]:
    box = Outbox.open(QueueSettings(), tmp_path)
    yield box
    box.close()


@pytest.fixture
def env(config: KioskConfig, outbox: Outbox) -> FlowEnv:
    return FlowEnv(
        config=config,
        idle=IdleTracker(60, 30),
        outbox=outbox,
        run_async=inline_executor,
    )
