"""The technician's console: one page per action group, and the way out."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QStackedWidget, QVBoxLayout, QWidget

from kiosk.app import KioskCore
from kiosk.flow.engine import Executor
from kiosk.maintenance.actions import (
    DeviceActions,
    LoadingActions,
    PaymentActions,
    QueueActions,
    ServiceActions,
)
from kiosk.maintenance.commands import CommandRunner, run_command
from kiosk.maintenance.mode import MaintenanceMode
from ui.maintenance.devices_page import DevicesPage
from ui.maintenance.loading_page import LoadingPage
from ui.maintenance.page_base import ConsolePage
from ui.maintenance.payments_page import PaymentsPage
from ui.maintenance.queue_page import QueuePage
from ui.maintenance.service_page import ServicePage
from ui.widgets.chips import Chips

PAGES = ("devices", "queue", "payments", "service", "loading")


class Console(QWidget):
    leave_requested = Signal()
    language_requested = Signal()

    def __init__(
        self,
        core: KioskCore,
        mode: MaintenanceMode,
        run_async: Executor,
        runner: CommandRunner = run_command,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("MaintenanceConsole")
        self.heading = QLabel(objectName="Heading")
        self.who = QLabel()
        self.language_button = QPushButton(objectName="Secondary")
        self.language_button.clicked.connect(self.language_requested)
        self.leave_button = QPushButton(objectName="Primary")
        self.leave_button.clicked.connect(self.leave_requested)
        self.status = QLabel(objectName="Alert", wordWrap=True)
        self.status.hide()
        self.nav = Chips(columns=len(PAGES))
        self.nav.clicked.connect(self.show_page)
        self.service_actions = ServiceActions(core, mode, runner)
        self.devices_page = DevicesPage(DeviceActions(core, mode), run_async)
        self.queue_page = QueuePage(QueueActions(core, mode), run_async)
        self.payments_page = PaymentsPage(PaymentActions(core, mode), run_async)
        self.service_page = ServicePage(self.service_actions, run_async)
        self.loading_page = LoadingPage(LoadingActions(core, mode), run_async)
        self.pages: dict[str, ConsolePage] = {
            "devices": self.devices_page,
            "queue": self.queue_page,
            "payments": self.payments_page,
            "service": self.service_page,
            "loading": self.loading_page,
        }
        self.stack = QStackedWidget()
        for page in self.pages.values():
            self.stack.addWidget(page)
        header = QHBoxLayout()
        header.addWidget(self.heading)
        header.addWidget(self.who, 1)
        header.addWidget(self.language_button)
        header.addWidget(self.leave_button)
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.status)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self.technician = ""
        self.current = "devices"
        self.retranslate()

    def open(self, technician: str) -> None:
        self.technician = technician
        self.status.hide()
        self.leave_button.setEnabled(True)
        self.retranslate()
        self.show_page("devices")

    def show_page(self, name: str) -> None:
        self.current = name
        self.nav.set_checked([name])
        page = self.pages[name]
        self.stack.setCurrentWidget(page)
        page.refresh()

    def checking(self) -> None:
        self.status.setText(self.tr("正在检查所有设备，检查通过后恢复服务…"))
        self.status.show()
        self.leave_button.setEnabled(False)

    def retranslate(self) -> None:
        self.heading.setText(self.tr("维护模式"))
        self.who.setText(self.tr("技术员 %1").replace("%1", self.technician))
        self.language_button.setText(self.tr("English"))
        self.leave_button.setText(self.tr("结束维护"))
        self.nav.set_choices(
            [
                ("devices", self.tr("设备")),
                ("queue", self.tr("交易队列")),
                ("payments", self.tr("缴费")),
                ("service", self.tr("耗材与服务")),
                ("loading", self.tr("证件装载")),
            ]
        )
        self.nav.set_checked([self.current])

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
