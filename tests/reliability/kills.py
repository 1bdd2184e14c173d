"""How many SIGKILLs a reliability run makes."""

from __future__ import annotations

import os

import pytest

CI_KILLS = 200
LONG_KILLS = 1000


def kill_count(config: pytest.Config) -> int:
    """KIOSK_QUEUE_KILLS, else 1,000 with --long-reliability, else 200."""
    env = os.environ.get("KIOSK_QUEUE_KILLS")
    if env:
        return int(env)
    return LONG_KILLS if config.getoption("--long-reliability") else CI_KILLS
