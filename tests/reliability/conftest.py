"""Reliability runs: their time limit follows the number of kills asked for."""

from __future__ import annotations

import pytest

from tests.reliability.kills import kill_count


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if item.name == "test_sigkill_loop_exactly_once":
            # About 0.4 s per kill cycle on 2 cores; generous so a slow CI box passes.
            item.add_marker(pytest.mark.timeout(120 + 2 * kill_count(config)))
