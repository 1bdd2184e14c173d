"""Waiting in the GUI benchmarks: the app's own Qt event loop runs meanwhile, no sleeps."""

from __future__ import annotations

import time
from collections.abc import Callable


def spin(seconds: float) -> None:
    """Run the Qt event loop for ``seconds`` (at least 1 ms)."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(max(1, int(seconds * 1000)), loop.quit)
    loop.exec()


def wait_until(cond: Callable[[], bool], timeout_s: float, what: str, poll_s: float) -> None:
    """Spin until ``cond()`` holds; TimeoutError naming ``what`` after ``timeout_s``."""
    deadline = time.monotonic() + timeout_s
    while not cond():
        if time.monotonic() > deadline:
            raise TimeoutError(f"gave up waiting for {what}")
        spin(poll_s)
