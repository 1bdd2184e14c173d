"""Where the kiosk finds its configuration and keeps its state."""

from __future__ import annotations

import os
from pathlib import Path

#: The checkout (or installed tree) this package lives in.
PROJECT_ROOT = Path(__file__).resolve().parents[2]


def config_dir() -> Path:
    """The folder holding the default ``kiosk.toml`` and the services catalogue."""
    override = os.environ.get("KIOSK_CONFIG_DIR")
    return Path(override) if override else PROJECT_ROOT / "config"


def default_config_file() -> Path:
    return config_dir() / "kiosk.toml"


def default_data_dir() -> Path:
    """Queue database, keys and logs; systemd's StateDirectory wins when set."""
    for var in ("KIOSK_DATA_DIR", "STATE_DIRECTORY"):
        value = os.environ.get(var)
        if value:
            return Path(value.split(":")[0])
    return PROJECT_ROOT / "var"
