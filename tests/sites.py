"""Site-file text the tests share, and writing it."""

from pathlib import Path

#: A site file is a real kiosk unless it asks for the platform simulator itself
#: (the defaults' ``simulate = true`` is not inherited); test sites do.
DEMO_PLATFORM = "[platform]\nsimulate = true\n"

#: Each kind on the driver of a real device (the defaults use simulators).
REAL_DRIVERS = {
    "idcard": "sam",
    "camera": "camera-opencv",
    "scanner": "scanner-serial",
    "printer": "escpos",
    "fingerprint": "fprint",
    "payment": "payment-http",
    "docprinter": "ipp",
}
#: A site's ``[devices]`` with every kind on its real driver; the printer needs an address.
REAL_DEVICES = "".join(f'[devices.{k}]\ndriver = "{d}"\n' for k, d in REAL_DRIVERS.items()) + (
    '[devices.printer.settings]\nurl = "tcp://10.0.0.9"\n'
)

#: The devices the defaults configure: one of each kind.
DEFAULT_DEVICES = set(REAL_DRIVERS)


def write_site(folder: Path, text: str) -> Path:
    """``text`` as ``site.toml`` in ``folder``; its path."""
    path = folder / "site.toml"
    path.write_text(text, encoding="utf-8")
    return path
