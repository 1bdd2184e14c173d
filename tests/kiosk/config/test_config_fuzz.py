"""Whatever a site file holds, loading gives a configuration or a ConfigError, never a traceback."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.config.schema import ConfigError, load_config

KEYS = st.sampled_from(["kiosk", "platform", "ui", "timeouts", "devices", "queue", "health", "x"])
VALUES = st.recursive(
    st.one_of(st.integers(), st.booleans(), st.text(max_size=20), st.floats(allow_nan=False)),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(KEYS, inner, max_size=4),
    max_leaves=20,
)


def _toml(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return '"' + value.encode("unicode_escape").decode("ascii").replace('"', '\\"') + '"'
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    assert isinstance(value, dict)
    return "{" + ", ".join(f"{k} = {_toml(v)}" for k, v in value.items()) + "}"


def _load(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        site = Path(folder) / "site.toml"
        site.write_bytes(data)
        try:
            load_config(site)
        except ConfigError as exc:
            assert exc.problems and all(file == str(site) for file, _, _ in exc.problems)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=400))
def test_any_bytes(data: bytes) -> None:
    _load(data)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(KEYS, VALUES, max_size=5))
def test_any_table_of_known_and_unknown_keys(tables: dict[str, object]) -> None:
    _load("\n".join(f"{k} = {_toml(v)}" for k, v in tables.items()).encode())
