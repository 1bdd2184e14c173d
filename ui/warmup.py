"""Work done while the kiosk waits at home, so the first citizen's taps do not wait for it.

The first use of a step page after start-up cost 50–350 ms more than any later use:
importing its modules (and the step modules, loaded with the first flow), building
it, the first layout and glyph rendering of its Chinese text, and loading the speech
engine on the first prompt. ``WarmUp`` runs such tasks one per event-loop turn, and
only while no visit is running; a visit that starts meanwhile pauses it, so a tap
waits for one task at most.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import QObject, QTimer

log = logging.getLogger(__name__)


class WarmUp(QObject):
    """Runs ``tasks`` one at a time, ``gap_ms`` apart, whenever ``idle()`` says so."""

    def __init__(
        self,
        tasks: Iterable[Callable[[], object]],
        idle: Callable[[], bool],
        *,
        delay_ms: int = 1000,
        gap_ms: int = 20,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._tasks = deque(tasks)
        self._idle = idle
        self.delay_ms = delay_ms
        self.gap_ms = gap_ms
        self._timer = QTimer(self, singleShot=True)
        self._timer.timeout.connect(self._run_one)

    @property
    def done(self) -> bool:
        return not self._tasks

    def start(self) -> None:
        if self._tasks:
            self._timer.start(self.delay_ms)

    def stop(self) -> None:
        self._timer.stop()

    def _run_one(self) -> None:
        if not self._tasks:
            return
        if not self._idle():
            self._timer.start(self.delay_ms)  # a visit is on: try again later
            return
        task = self._tasks.popleft()
        try:
            task()
        except Exception:  # a warm-up is an optimisation: the page is built on use instead
            log.exception("warm-up task failed")
        if self._tasks:
            self._timer.start(self.gap_ms)


def warm_page(host: Any, kind: str) -> None:
    """Build the page of ``kind`` in the flow host and render it once off screen."""
    from ui.steps.pages import page_class  # importing the pages is part of the warm-up

    if page_class(kind) is None:
        return
    page = host.page(kind)
    page.retranslate()
    page.resize(host.pages.size())
    page.grab()  # polish, layout, and the glyphs of its text in the theme's sizes
    page.action_bar.grab()


def window_warm_up(window: Any) -> WarmUp:
    """The kiosk window's: step modules, the speech engine, every step page the catalogue uses."""
    from kiosk.flow import step_kinds  # the step modules: numpy, the face engine

    kinds = dict.fromkeys(kind for s in window.core.config.services for kind in s.steps)
    from ui import icons  # the icon font: after the first paint, before the first tap

    tasks: list[Callable[[], object]] = [icons.load, step_kinds, lambda: window.voice.available]
    tasks += [lambda kind=kind: warm_page(window.flow_host, kind) for kind in kinds]
    return WarmUp(tasks, idle=lambda: window.core.sessions.current is None, parent=window)
