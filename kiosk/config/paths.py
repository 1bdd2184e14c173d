"""Where the kiosk finds its configuration and keeps its state."""

from __future__ import annotations

import os
from pathlib import Path

#: The checkout (or installed tree) this package lives in.
PROJECT_ROOT = Path(__file__).resolve().parents[2]

#: The default ``kiosk.toml`` and the services catalogue ship inside the package,
#: so an installed wheel finds them as a checkout does.
DEFAULTS_DIR = Path(__file__).resolve().parent / "defaults"


def config_dir() -> Path:
    """The folder holding the default ``kiosk.toml`` and the services catalogue."""
    override = os.environ.get("KIOSK_CONFIG_DIR")
    return Path(override) if override else DEFAULTS_DIR


def default_config_file() -> Path:
    return config_dir() / "kiosk.toml"


def is_checkout() -> bool:
    """True when running from a source checkout rather than an installed package."""
    return (PROJECT_ROOT / "pyproject.toml").is_file()


def default_data_dir() -> Path:
    """Queue database, keys and logs; systemd's StateDirectory wins when set.

    Without either variable: ``var/`` in a checkout, the user's state folder
    (``$XDG_STATE_HOME/kiosk``) for an installed package, whose tree is not writable.
    """
    for var in ("KIOSK_DATA_DIR", "STATE_DIRECTORY"):
        value = os.environ.get(var)
        if value:
            return Path(value.split(":")[0])
    if is_checkout():
        return PROJECT_ROOT / "var"
    state = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(state) / "kiosk"
