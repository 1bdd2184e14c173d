"""Run blocking work off the GUI thread and deliver its result back onto it."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QObject

from ui.gui_post import GuiPoster


class GuiExecutor(QObject):
    """``run(fn, done)``: ``fn`` on a worker thread, ``done(future)`` on the GUI thread."""

    def __init__(self, workers: int = 4, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="kiosk-work")
        self._poster = GuiPoster(self)

    def run(self, fn: Callable[[], Any], done: Callable[[Future[Any]], None]) -> None:
        future = self._pool.submit(fn)
        future.add_done_callback(lambda f: self._poster.post(lambda: done(f)))

    def shutdown(self) -> None:
        """Finish running work; its results are not delivered (the window is closing)."""
        self._pool.shutdown(wait=True, cancel_futures=True)
        self._poster.close()
