"""Hand work from any thread to the GUI thread.

Python objects never travel through Qt's cross-thread signal queue: PySide6
6.12 corrupts reference counts when a ``Signal(object)`` emitted on a worker
thread carries Python objects (the process dies with ``bool_dealloc`` or
``none_dealloc``). Callables wait in a thread-safe queue instead, and an
argument-less signal wakes the GUI thread to run them.
"""

from __future__ import annotations

import logging
import queue
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal, Slot

log = logging.getLogger(__name__)


class GuiPoster(QObject):
    """``post(fn)`` from any thread; ``fn()`` runs on the thread this object lives in."""

    _wake = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pending: queue.SimpleQueue[Callable[[], None]] = queue.SimpleQueue()
        self._closed = False
        self._wake.connect(self._drain, Qt.ConnectionType.QueuedConnection)

    def post(self, fn: Callable[[], None]) -> None:
        if self._closed:
            return
        self._pending.put(fn)
        self._wake.emit()

    def close(self) -> None:
        """Drop what is still waiting and whatever comes later: its receiver is going away."""
        self._closed = True
        while True:
            try:
                self._pending.get_nowait()
            except queue.Empty:
                return

    @Slot()
    def _drain(self) -> None:
        while not self._closed:
            try:
                fn = self._pending.get_nowait()
            except queue.Empty:
                return
            try:
                fn()
            except Exception:
                log.exception("posted GUI callback failed")
