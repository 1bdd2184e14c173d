"""The slip page when the printer fails: the number and its code on screen, reprint."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from drivers.printer.on_simulator import SimulatedEscposPrinter
from kiosk.cases.receipts import LastSlip, parse_progress_code
from kiosk.config.schema import load_config
from kiosk.flow.devices import FlowDevices
from kiosk.flow.engine import Flow, FlowEnv
from kiosk.flow.services import FlowServices
from kiosk.visit.idle import IdleTracker
from kiosk.visit.session import SessionManager
from offline_queue.outbox import Outbox
from offline_queue.settings import QueueSettings
from tests.ui.flow_pages import shown_host
from ui.executor import GuiExecutor
from ui.steps.printing import PrintSlipPage


def test_paper_out_shows_number_and_code(qtbot: QtBot, tmp_path: Path) -> None:
    host = shown_host(qtbot)
    printer = SimulatedEscposPrinter(SimulatedEscposPrinter.Settings())
    printer.open()
    outbox = Outbox.open(QueueSettings(), tmp_path)
    try:
        printer.simulator.model.set_paper("out")
        config = load_config()
        env = FlowEnv(
            config=config,
            idle=IdleTracker(60, 30),
            devices=FlowDevices({"printer": printer}),
            outbox=outbox,
            services=FlowServices(last_slip=LastSlip()),
            run_async=GuiExecutor(parent=host).run,
        )
        service = config.service("complaint").model_copy(update={"steps": ["submit", "print_slip"]})
        flow = Flow(service, SessionManager().start(service.id), env)
        host.run(flow, "zh")
        qtbot.waitUntil(lambda: isinstance(host.current_page, PrintSlipPage), timeout=5000)
        page = host.current_page
        qtbot.waitUntil(lambda: page.reprint_button.isVisible(), timeout=10_000)
        number = flow.session.data["application_no"]
        assert page.status.text() == "您的办件已提交成功，但凭条没有打印出来"
        assert page.number.grouped().replace(" ", "") == number
        assert page.detail.text().endswith("。请记下下方受理编号，或用手机拍下二维码。")  # no gap
        assert parse_progress_code(page.qr.data) == number
        assert page.qr.isVisible() and page.next_button.isEnabled()
        assert not host.back_button.isVisible()  # submitted: no way back
        page.next_button.click()
        assert flow.outcome is not None
        assert env.services.last_slip.get() is not None  # reprintable from home
    finally:
        printer.close()
        outbox.close()
