"""Run blocking work off the GUI thread and deliver its result back onto it."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal, Slot


class GuiExecutor(QObject):
    """``run(fn, done)``: ``fn`` on a worker thread, ``done(future)`` on the GUI thread."""

    _deliver = Signal(object)

    def __init__(self, workers: int = 4, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="kiosk-work")
        # Queued: the slot runs on this object's (the GUI) thread.
        self._deliver.connect(self._run_callback, Qt.ConnectionType.QueuedConnection)

    def run(self, fn: Callable[[], Any], done: Callable[[Future[Any]], None]) -> None:
        future = self._pool.submit(fn)
        future.add_done_callback(lambda f: self._deliver.emit(lambda: done(f)))

    @Slot(object)
    def _run_callback(self, callback: Callable[[], None]) -> None:
        callback()

    def shutdown(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)
