"""Queue: counts per state, oldest pending age, last sync; sync now, retry dead, export."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from kiosk.flow.engine import Executor
from kiosk.maintenance.actions import QueueActions
from kiosk.maintenance.actions.queue import SyncResult
from ui.maintenance.page_base import ConsolePage
from ui.maintenance.texts import minutes_text

if TYPE_CHECKING:
    from offline_queue.stats import QueueStats


class QueuePage(ConsolePage):
    def __init__(
        self, actions: QueueActions, run_async: Executor, parent: QWidget | None = None
    ) -> None:
        super().__init__(actions, run_async, parent)
        self.counts = QLabel(wordWrap=True)
        self.oldest = QLabel(wordWrap=True)
        self.last_sync = QLabel(wordWrap=True)
        self.sync_button = QPushButton(objectName="Primary")
        self.retry_button = QPushButton(objectName="Secondary")
        self.export_button = QPushButton(objectName="Secondary")
        self.sync_button.clicked.connect(self.sync_now)
        self.retry_button.clicked.connect(self.retry_dead)
        self.export_button.clicked.connect(self.export)
        buttons = QHBoxLayout()
        for button in (self.sync_button, self.retry_button, self.export_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        for widget in (self.heading, self.counts, self.oldest, self.last_sync):
            layout.addWidget(widget)
        layout.addLayout(buttons)
        layout.addWidget(self.result)
        layout.addStretch(1)
        self.retranslate()

    def retranslate(self) -> None:
        self.heading.setText(self.tr("交易队列"))
        self.sync_button.setText(self.tr("立即同步"))
        self.retry_button.setText(self.tr("重试失败记录"))
        self.export_button.setText(self.tr("导出支持文件"))

    def refresh(self) -> None:
        self.act(self.actions.status, self._show)

    def _show(self, stats: QueueStats | None) -> None:
        if stats is None:
            self.counts.setText(self.tr("队列不可用"))
            self.oldest.clear()
            self.last_sync.clear()
            return
        c = stats.counts
        self.counts.setText(
            self.tr("待发送 %1 · 发送中 %2 · 已送达 %3 · 失败 %4")
            .replace("%1", str(c.get("pending", 0)))
            .replace("%2", str(c.get("in_flight", 0)))
            .replace("%3", str(c.get("delivered", 0)))
            .replace("%4", str(c.get("dead", 0)))
        )
        age = stats.oldest_pending_age_s
        if age is None:
            self.oldest.setText(self.tr("没有待发送的记录"))
        else:
            self.oldest.setText(self.tr("最早待发送：%1 前").replace("%1", minutes_text(age)))
        last = self.tr("从未")
        if stats.last_sync_at is not None:
            last = stats.last_sync_at.astimezone().strftime("%Y-%m-%d %H:%M:%S")
        if stats.last_sync_error:
            last += " · " + self.tr("上次错误 %1").replace("%1", stats.last_sync_error)
        self.last_sync.setText(self.tr("上次成功同步：%1").replace("%1", last))

    def sync_now(self) -> None:
        def shown(result: SyncResult) -> None:
            text = self.tr("已发送 %1，送达 %2，失败 %3").replace("%1", str(result.claimed))
            text = text.replace("%2", str(result.delivered)).replace("%3", str(result.dead))
            if result.error:
                text += " · " + result.error
            self._then(text)

        self.act(self.actions.sync_now, shown)

    def retry_dead(self) -> None:
        self.act(
            self.actions.retry_dead,
            lambda n: self._then(self.tr("%1 条失败记录已重新排队").replace("%1", str(n))),
        )

    def export(self) -> None:
        def shown(path: Path | None) -> None:
            if path is None:
                self._then(self.tr("队列不可用"))
            else:
                self._then(self.tr("已导出（不含个人信息）：%1").replace("%1", path.name))

        self.act(self.actions.export, shown)

    def _then(self, text: str) -> None:
        self.act(self.actions.status, lambda stats: (self._show(stats), self.result.setText(text)))
