"""Site-file text the tests share, and writing it."""

from pathlib import Path

#: A site file is a real kiosk unless it asks for the platform simulator itself
#: (the defaults' ``simulate = true`` is not inherited); test sites do.
DEMO_PLATFORM = "[platform]\nsimulate = true\n"

#: The devices the defaults configure: one of each kind.
DEFAULT_DEVICES = {"idcard", "camera", "scanner", "printer", "fingerprint", "payment"}


def write_site(folder: Path, text: str) -> Path:
    """``text`` as ``site.toml`` in ``folder``; its path."""
    path = folder / "site.toml"
    path.write_text(text, encoding="utf-8")
    return path
