"""What every technician page shares: running an action off the GUI thread, showing its result."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future
from typing import Any

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from kiosk.flow.engine import Executor
from kiosk.maintenance.actions.base import NotInSession


class ConsolePage(QWidget):
    """A page of the console; ``refresh`` reads its figures again when it is shown."""

    def __init__(self, actions: Any, run_async: Executor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.actions = actions  # the page's group of technician actions (kiosk.maintenance)
        self.heading = QLabel(objectName="Heading")
        self.run_async = run_async
        self.result = QLabel(objectName="Alert", wordWrap=True)
        self.busy = False

    def act(self, fn: Callable[[], Any], shown: Callable[[Any], None]) -> None:
        """Run ``fn`` on a worker; ``shown(result)`` on this thread (errors in words)."""
        if self.busy:
            return
        self.busy = True
        self.result.setText(self.tr("请稍候…"))

        def done(future: Future[Any]) -> None:
            self.busy = False
            try:
                value = future.result()
            except NotInSession:
                self.result.setText(self.tr("维护已结束。"))
                return
            except Exception as exc:
                self.result.setText(self.tr("未完成：%1").replace("%1", type(exc).__name__))
                return
            self.result.setText("")
            shown(value)

        self.run_async(fn, done)

    def refresh(self) -> None:
        """Read the page's figures again (each read is one audited action)."""

    def retranslate(self) -> None:
        """Set the page's fixed words."""

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def row_list() -> tuple[QVBoxLayout, QScrollArea]:
    """An empty scrolling column for a page's rows (devices, fees): its layout and its area."""
    body = QWidget()
    rows = QVBoxLayout(body)
    rows.addStretch(1)
    scroll = QScrollArea(widgetResizable=True, frameShape=QFrame.Shape.NoFrame)
    scroll.setWidget(body)
    return rows, scroll
