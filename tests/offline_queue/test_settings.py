"""Settings: defaults fit a bare `[queue]` / `[platform]` table, unknown keys are refused."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from offline_queue import PlatformSettings, QueueSettings


def test_defaults_resolve_under_the_data_dir() -> None:
    s = QueueSettings()
    assert s.resolve(Path("/d"), s.db_path) == Path("/d/queue.db")
    assert s.resolve(Path("/d"), s.key_file) == Path("/d/keys/queue.key")
    assert s.resolve(Path("/d"), Path("/abs/q.db")) == Path("/abs/q.db")
    assert s.batch_size == 100 and s.backoff_base_s == 2.0 and s.backoff_cap_s == 600.0


def test_unknown_keys_and_bad_values_are_refused() -> None:
    with pytest.raises(ValidationError):
        QueueSettings(batchsize=10)  # type: ignore[call-arg]
    with pytest.raises(ValidationError):
        QueueSettings(batch_size=101)
    with pytest.raises(ValidationError):
        PlatformSettings(token="secret")  # type: ignore[call-arg]
    with pytest.raises(ValidationError):
        PlatformSettings(base_url="ftp://platform")


def test_the_simulator_is_asked_for_never_implied() -> None:
    assert not PlatformSettings().simulate  # an empty base_url is no longer a demo
    assert PlatformSettings(simulate=True).simulate
    p = PlatformSettings(base_url="https://platform.example/api/")
    assert not p.simulate and p.base_url == "https://platform.example/api"


def test_simulate_with_a_base_url_is_ambiguous() -> None:
    with pytest.raises(ValidationError, match="simulate = true and a base_url"):
        PlatformSettings(simulate=True, base_url="https://platform.example")
