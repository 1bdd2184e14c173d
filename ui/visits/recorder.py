"""Numbered PNGs of the window and of printed slips, written on a worker thread."""

from __future__ import annotations

import re
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QWidget

from drivers.printer.render import save_png

_UNSAFE = re.compile(r"[^A-Za-z0-9_.-]+")


class Recorder:
    """Grabs ``window`` on the GUI thread; encodes and writes PNGs on one worker.

    Encoding a full-HD PNG takes longer than grabbing it, so the walk goes on
    while the previous picture is written. ``close()`` waits for every file and
    raises the first write error.
    """

    def __init__(self, window: QWidget, out: Path) -> None:
        self.window = window
        self.out = out
        self.saved: list[Path] = []
        out.mkdir(parents=True, exist_ok=True)
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="demo-png")
        self._pending: list[Future[Any]] = []

    def _path(self, name: str) -> Path:
        path = self.out / f"{len(self.saved) + 1:04d}-{_UNSAFE.sub('_', name)}.png"
        self.saved.append(path)
        return path

    def screen(self, name: str) -> Path:
        """The window as it is now (pending layouts applied, no other event run)."""
        settle(self.window)
        image = self.window.grab().toImage()
        path = self._path(name)
        self._submit(_write_image, image, path)
        return path

    def slip(self, name: str, document: Any) -> Path:
        """A printed slip (the printer simulator's recorded document) as the paper looks."""
        path = self._path(name)
        self._submit(save_png, document, path)
        return path

    def _submit(self, fn: Any, *args: Any) -> None:
        self._pending = [f for f in self._pending if not f.done() or f.exception() is not None]
        self._pending.append(self._pool.submit(fn, *args))

    def close(self) -> None:
        """Wait for every file; the first failure is raised."""
        self._pool.shutdown(wait=True)
        pending, self._pending = self._pending, []
        for future in pending:
            future.result()


def settle(window: QWidget) -> None:
    """Apply what the widgets have pending (queued shows of new buttons, layouts), nothing else.

    A shot may be taken from inside a flow's listener: running the whole event
    loop there could move the flow on (device events, worker results). Widgets
    added to a visible page show themselves through a queued call, and layouts
    wait for a posted request; only those are delivered here.
    """
    for _ in range(2):  # a widget shown may ask its parent for a new layout
        for widget in [window, *window.findChildren(QWidget)]:
            QCoreApplication.sendPostedEvents(widget, QEvent.Type.MetaCall)
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)


def _write_image(image: QImage, path: Path) -> None:
    # Fast compression: the demo writes dozens of full-HD screens per round.
    if not image.save(str(path), "PNG", 80):
        raise OSError(f"could not write {path}")
