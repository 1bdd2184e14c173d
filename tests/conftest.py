"""Project-wide test set-up: headless Qt and options that name real devices."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator

import pytest

from kiosk.logs import StderrHandler

# Before any Qt import: tests never need a display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def kiosk_data_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """Queue databases, keys and the platform simulator's store never land in the checkout."""
    path = tmp_path_factory.mktemp("kiosk-data")
    monkeypatch.setenv("KIOSK_DATA_DIR", str(path))
    return path


@pytest.fixture(autouse=True)
def root_logging_restored() -> Iterator[None]:
    """A test that runs ``kiosk``'s main in-process leaves neither its log handler nor its level.

    Only the kiosk's own handler is taken off: pytest's capture handlers come and go
    with each test phase and are pytest's to remove.
    """
    root = logging.getLogger()
    level, before = root.level, set(root.handlers)
    yield
    for handler in root.handlers[:]:
        if isinstance(handler, StderrHandler) and handler not in before:
            root.removeHandler(handler)
            handler.close()
    root.setLevel(level)


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("kiosk devices", "run contract tests against real devices")
    group.addoption("--device-idcard", default=None, help="serial port of a real ID card reader")
    group.addoption("--device-scanner", default=None, help="serial port of a real barcode scanner")
    group.addoption("--device-camera", default=None, help="camera index, path or stream URL")
    group.addoption("--device-printer", default=None, help="printer spec, e.g. tcp://10.0.0.5:9100")
    group.addoption("--device-dispenser", default=None, help="serial port of a real card dispenser")
    group.addoption(
        "--long-reliability",
        action="store_true",
        default=False,
        help="run the long reliability variants (1,000+ kills)",
    )
