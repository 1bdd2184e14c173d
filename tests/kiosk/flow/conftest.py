from __future__ import annotations

import pytest

from kiosk.config.schema import KioskConfig, load_config
from kiosk.flow.engine import FlowEnv, inline_executor
from kiosk.visit.idle import IdleTracker
from offline_queue.outbox import Outbox


@pytest.fixture
def config() -> KioskConfig:
    return load_config()


@pytest.fixture
def env(config: KioskConfig, outbox: Outbox) -> FlowEnv:
    return FlowEnv(
        config=config,
        idle=IdleTracker(60, 30),
        outbox=outbox,
        run_async=inline_executor,
    )
