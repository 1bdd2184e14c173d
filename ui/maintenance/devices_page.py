"""Devices: status, code, who must act, last checks, identity; tests, reset, simulator faults."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from kiosk.flow.engine import Executor
from kiosk.maintenance.actions import DeviceActions
from kiosk.maintenance.actions.devices import DeviceView, TestResult
from ui.device_text import device_name
from ui.maintenance.page_base import ConsolePage, row_list
from ui.maintenance.texts import actor_text
from ui.widgets.chips import Chips

PREVIEW_PX = 360


class DeviceRow(QFrame):
    def __init__(self, page: DevicesPage, name: str) -> None:
        super().__init__()
        self.setObjectName("DeviceRow")
        self.name = name
        self.title = QLabel(objectName="Heading")
        self.state = QLabel(wordWrap=True)
        self.identity = QLabel(objectName="Muted", wordWrap=True)
        self.checks = QLabel(objectName="Muted", wordWrap=True)
        self.check_button = QPushButton(objectName="Chip")
        self.test_button = QPushButton(objectName="Chip")
        self.reset_button = QPushButton(objectName="Chip")
        self.check_button.clicked.connect(lambda: page.check(name))
        self.test_button.clicked.connect(lambda: page.test(name))
        self.reset_button.clicked.connect(lambda: page.reset(name))
        self.scenario_label = QLabel(objectName="Muted")
        self.scenarios = Chips(columns=None)
        self.scenarios.clicked.connect(lambda scenario: page.switch(name, scenario))
        buttons = QHBoxLayout()
        for button in (self.check_button, self.test_button, self.reset_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        for widget in (self.title, self.state, self.identity, self.checks):
            layout.addWidget(widget)
        layout.addLayout(buttons)
        layout.addWidget(self.scenario_label)
        layout.addWidget(self.scenarios)
        self.view: DeviceView | None = None

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange and self.view is not None:
            self.show_view(self.view)
        super().changeEvent(event)

    def show_view(self, view: DeviceView) -> None:
        self.view = view
        self.title.setText(device_name(view.name))
        self.state.setText(
            self.tr("状态：%1 · 代码 %2 · 需处理：%3")
            .replace("%1", view.state)
            .replace("%2", view.code)
            .replace("%3", actor_text(view.actor))
        )
        ident = " · ".join(
            f"{label} {value}"
            for label, value in (
                (self.tr("型号"), view.model),
                (self.tr("序列号"), view.serial),
                (self.tr("固件"), view.firmware),
            )
            if value
        )
        self.identity.setText(ident or self.tr("设备未报告型号与序列号") + f" ({view.driver})")
        levels = {
            "internal": self.tr("内部"),
            "external": self.tr("外部"),
            "interactive": self.tr("交互"),
        }
        lines = [
            f"{levels.get(c.level, c.level)}: {'✓' if c.passed else '×'} {c.code} "
            f"({dt.datetime.fromtimestamp(c.at).strftime('%H:%M:%S')})"
            for c in view.checks
        ]
        self.checks.setText("\n".join(lines) or self.tr("尚未检查"))
        self.check_button.setText(self.tr("检查"))
        self.test_button.setText(self.tr("测试"))
        self.reset_button.setText(self.tr("重新连接"))
        self.scenario_label.setText(self.tr("模拟器故障场景："))
        self.scenario_label.setVisible(bool(view.scenarios))
        self.scenarios.set_choices((s, s) for s in view.scenarios)
        self.scenarios.set_checked([view.scenario])
        self.scenarios.setVisible(bool(view.scenarios))


class DevicesPage(ConsolePage):
    def __init__(
        self, actions: DeviceActions, run_async: Executor, parent: QWidget | None = None
    ) -> None:
        super().__init__(actions, run_async, parent)
        self.preview = QLabel()
        self.preview.hide()
        self.codes = QLabel(objectName="Muted", wordWrap=True)
        self.codes.hide()
        self.rows: dict[str, DeviceRow] = {}
        self.list, scroll = row_list()
        top = QHBoxLayout()
        top.addWidget(self.result, 1)
        side = QVBoxLayout()
        side.addWidget(self.preview)
        side.addWidget(self.codes)
        top.addLayout(side)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(top)
        layout.addWidget(scroll, 1)
        self.retranslate()

    def retranslate(self) -> None:
        self.heading.setText(self.tr("设备"))

    def refresh(self) -> None:
        self.act(self.actions.overview, self._show)

    def _show(self, views: list[DeviceView]) -> None:
        for view in views:
            row = self.rows.get(view.name)
            if row is None:
                row = self.rows[view.name] = DeviceRow(self, view.name)
                self.list.insertWidget(self.list.count() - 1, row)
            row.show_view(view)

    def check(self, name: str) -> None:
        def shown(checks: list[object]) -> None:
            self.refresh_after(self.tr("检查完成：%1").replace("%1", device_name(name)))

        self.act(lambda: self.actions.check(name), shown)

    def test(self, name: str) -> None:
        self.result.setText(self.tr("请按设备提示操作（扫码、放卡或按指纹）…"))
        self.act(lambda: self.actions.test(name), lambda r: self._tested(name, r))

    def _tested(self, name: str, result: TestResult) -> None:
        verdict = self.tr("通过") if result.passed else self.tr("未通过")
        self.show_preview(result)
        self.refresh_after(f"{device_name(name)}：{verdict} · {result.code} · {result.text}")

    def reset(self, name: str) -> None:
        self.act(
            lambda: self.actions.reconnect(name),
            lambda code: self.refresh_after(f"{device_name(name)}：{code}"),
        )

    def switch(self, name: str, scenario: str) -> None:
        self.act(
            lambda: self.actions.set_scenario(name, scenario),
            lambda code: self.refresh_after(f"{device_name(name)}：{scenario} · {code}"),
        )

    def refresh_after(self, text: str) -> None:
        self.act(
            self.actions.overview, lambda views: (self._show(views), self.result.setText(text))
        )

    def show_preview(self, result: TestResult) -> None:
        """The camera test's frame with the faces and codes found in it (shown, never kept)."""
        if result.image is None:
            self.preview.hide()
            self.codes.hide()
            return
        image = result.image
        h, w = image.shape[:2]
        qimage = QImage(image.tobytes(), w, h, 3 * w, QImage.Format.Format_BGR888)
        pixmap = QPixmap.fromImage(qimage)
        painter = QPainter(pixmap)
        painter.setPen(QPen(QColor("#00c853"), max(2, w // 200)))
        for x, y, bw, bh in result.boxes:
            painter.drawRect(x, y, bw, bh)
        painter.end()
        self.preview.setPixmap(
            pixmap.scaledToHeight(PREVIEW_PX, Qt.TransformationMode.SmoothTransformation)
        )
        self.preview.show()
        self.codes.setText(self.tr("识别到的码：%1").replace("%1", "、".join(result.codes) or "-"))
        self.codes.show()
