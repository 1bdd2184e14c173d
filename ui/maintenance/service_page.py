"""Consumables and service: paper, out of service with a message, logs, configuration, restart."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.flow.engine import Executor
from kiosk.maintenance.actions import ServiceActions
from kiosk.maintenance.actions.service import MESSAGES
from ui.maintenance.page_base import ConsolePage
from ui.maintenance.texts import citizen_message
from ui.widgets.chips import Chips


class ServicePage(ConsolePage):
    def __init__(
        self, actions: ServiceActions, run_async: Executor, parent: QWidget | None = None
    ) -> None:
        super().__init__(actions, run_async, parent)
        self.paper_button = QPushButton(objectName="Secondary")
        self.paper_button.clicked.connect(self.paper_replaced)
        self.report_button = QPushButton(objectName="Secondary")
        self.report_button.clicked.connect(self.print_report)
        self.oos_label = QLabel(wordWrap=True)
        self.messages = Chips(columns=None)
        self.messages.clicked.connect(self._message_chosen)
        self.message = "maintenance"
        self.keep_out_button = QPushButton(objectName="Secondary")
        self.keep_out_button.clicked.connect(lambda: self.keep_out(True))
        self.back_button = QPushButton(objectName="Secondary")
        self.back_button.clicked.connect(lambda: self.keep_out(False))
        self.logs_button = QPushButton(objectName="Secondary")
        self.logs_button.clicked.connect(self.show_logs)
        self.config_button = QPushButton(objectName="Secondary")
        self.config_button.clicked.connect(self.show_config)
        self.restart_button = QPushButton(objectName="Secondary")
        self.restart_button.clicked.connect(lambda: self.command("restart"))
        self.reboot_button = QPushButton(objectName="Secondary")
        self.reboot_button.clicked.connect(lambda: self.command("reboot"))
        self.text = QPlainTextEdit(readOnly=True)
        self.text.setObjectName("MaintenanceText")
        self._armed = ""  # a restart or reboot waits for its second press
        grid = QGridLayout()
        grid.addWidget(self.paper_button, 0, 0)
        grid.addWidget(self.logs_button, 0, 1)
        grid.addWidget(self.config_button, 0, 2)
        grid.addWidget(self.restart_button, 1, 0)
        grid.addWidget(self.reboot_button, 1, 1)
        grid.addWidget(self.report_button, 1, 2)
        oos = QHBoxLayout()
        oos.addWidget(self.messages, 1)
        oos.addWidget(self.keep_out_button)
        oos.addWidget(self.back_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(grid)
        layout.addWidget(self.oos_label)
        layout.addLayout(oos)
        layout.addWidget(self.result)
        layout.addWidget(self.text, 1)
        self.retranslate()

    def retranslate(self) -> None:
        self.heading.setText(self.tr("耗材与服务"))
        self.paper_button.setText(self.tr("已更换纸卷"))
        self.report_button.setText(self.tr("打印运行检查报告"))
        self.logs_button.setText(self.tr("最近日志"))
        self.config_button.setText(self.tr("当前配置"))
        self.restart_button.setText(self.tr("重启应用"))
        self.reboot_button.setText(self.tr("重启终端"))
        self.oos_label.setText(self.tr("维护结束后暂停服务，并向市民显示："))
        self.messages.set_choices((m, citizen_message(m)) for m in MESSAGES)
        self.messages.set_checked([self.message])
        self.keep_out_button.setText(self.tr("暂停服务"))
        self.back_button.setText(self.tr("恢复服务"))

    def _message_chosen(self, key: str) -> None:
        self.message = key
        self.messages.set_checked([key])

    def paper_replaced(self) -> None:
        self.act(
            self.actions.paper_replaced,
            lambda code: self.result.setText(self.tr("打印机状态：%1").replace("%1", code)),
        )

    def print_report(self) -> None:
        self.act(
            self.actions.print_readiness_report,
            lambda code: self.result.setText(self.tr("检查报告：%1").replace("%1", code)),
        )

    def keep_out(self, on: bool) -> None:
        def shown(_: object) -> None:
            if on:
                self.result.setText(self.tr("维护结束后本机将保持暂停服务。"))
            else:
                self.result.setText(self.tr("维护结束后，检查通过即恢复服务。"))

        self.act(lambda: self.actions.out_of_service(on, self.message), shown)

    def show_logs(self) -> None:
        self.act(self.actions.recent_logs, lambda lines: self.text.setPlainText("\n".join(lines)))

    def show_config(self) -> None:
        self.act(self.actions.effective_config, self.text.setPlainText)

    def command(self, which: str) -> None:
        if self._armed != which:
            self._armed = which
            self.result.setText(
                self.tr("再按一次“重启应用”以确认。")
                if which == "restart"
                else self.tr("再按一次“重启终端”以确认。")
            )
            return
        self._armed = ""
        run = self.actions.restart_app if which == "restart" else self.actions.reboot

        def shown(status: int) -> None:
            ok = status == 0
            self.result.setText(self.tr("命令已执行。") if ok else self.tr("命令未成功。"))

        self.act(run, shown)
