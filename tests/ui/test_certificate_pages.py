"""Certificate pages: choose the period, the QtPdf preview, and a print that fails mid-job."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from drivers.base import DeviceState, DeviceStatus, StatusChanged
from drivers.docprinter.stand_in import MEDIA_EMPTY, StandInDocPrinter
from kiosk.config.schema import load_config
from kiosk.flow.certificate import PrintState
from kiosk.flow.devices import FlowDevices
from kiosk.flow.engine import Flow, FlowEnv
from kiosk.visit.idle import IdleTracker
from kiosk.visit.session import EndReason, SessionManager
from offline_queue import PlatformClient, PlatformSettings
from offline_queue.outbox import Outbox
from offline_queue.settings import QueueSettings
from offline_queue.sim import PlatformSimulator, synthetic_id
from tests.ui.flow_pages import shown_host
from ui.executor import GuiExecutor
from ui.steps.certificate import (
    CertificateFetchPage,
    CertificatePreviewPage,
    CertificatePrintPage,
    render_first_page,
)

STEPS = ["certificate_fetch", "certificate_preview", "certificate_print", "rating"]


@pytest.fixture
def setup(qtbot: QtBot, tmp_path: Path) -> Iterator[dict[str, Any]]:
    host = shown_host(qtbot)
    sim = PlatformSimulator(tmp_path / "platform.db", token="t").start()
    client = PlatformClient(sim.url, "K1", "t", PlatformSettings())
    printer = StandInDocPrinter()
    printer.open()
    outbox = Outbox.open(QueueSettings(), tmp_path)
    env = FlowEnv(
        config=load_config(),
        idle=IdleTracker(60, 30),
        devices=FlowDevices({"docprinter": printer}),
        outbox=outbox,
        platform=client,
        run_async=GuiExecutor(parent=host).run,
    )
    yield {"host": host, "env": env, "printer": printer, "sim": sim, "sessions": SessionManager()}
    printer.close()
    outbox.close()
    client.close()
    sim.stop()


def run(setup: dict[str, Any], service_id: str) -> Flow:
    env: FlowEnv = setup["env"]
    service = env.config.service(service_id).model_copy(update={"steps": STEPS})
    session = setup["sessions"].start(service.id)
    session.data["case.pii"] = {
        "id_number": synthetic_id("110105", "19800101", "001"),
        "name": "张三",
    }
    flow = Flow(service, session, env)
    setup["host"].run(flow, "zh")
    return flow


def test_the_period_is_chosen_then_the_page_is_previewed(qtbot: QtBot, setup: dict) -> None:
    host = setup["host"]
    flow = run(setup, "tax_certificate")
    qtbot.waitUntil(lambda: isinstance(host.current_page, CertificateFetchPage), timeout=5000)
    page = host.current_page
    assert set(page.periods.buttons) >= {"last_12", "last_year"}
    assert page.periods.buttons["last_12"].isChecked()
    qtbot.mouseClick(page.periods.buttons["last_year"], _left())
    assert flow.current.chosen.key == "last_year"
    assert page.periods.buttons["last_year"].isChecked()
    qtbot.mouseClick(page.fetch_button, _left())
    qtbot.waitUntil(lambda: isinstance(host.current_page, CertificatePreviewPage), timeout=20_000)
    preview = host.current_page
    qtbot.waitUntil(lambda: not preview.image.isNull(), timeout=5000)
    assert preview.image.height() > preview.image.width()  # a portrait A4 page
    assert 1.38 < preview.image.height() / preview.image.width() < 1.45
    assert preview.preview.pixmap() is not None and not preview.preview.pixmap().isNull()
    assert flow.current.certificate_no in preview.number.text()
    assert preview.print_button.isEnabled()


def test_no_record_is_said_with_a_retry(qtbot: QtBot, setup: dict) -> None:
    host = setup["host"]
    setup["sim"].certificates.no_record.add(synthetic_id("110105", "19800101", "001"))
    run(setup, "tax_certificate")
    qtbot.waitUntil(lambda: isinstance(host.current_page, CertificateFetchPage), timeout=5000)
    page = host.current_page
    qtbot.mouseClick(page.fetch_button, _left())
    qtbot.waitUntil(lambda: page.problem.isVisible(), timeout=20_000)
    assert "没有查到您的相关记录" in page.problem.text()
    assert page.fetch_button.text() == "重试"


def test_media_empty_mid_job_says_so_costs_nothing_and_reprints_when_paper_is_back(
    qtbot: QtBot, setup: dict
) -> None:
    host, printer = setup["host"], setup["printer"]
    flow = run(setup, "medical_insurance_record")
    qtbot.waitUntil(lambda: isinstance(host.current_page, CertificatePreviewPage), timeout=20_000)
    printer.empty_mid_job()
    qtbot.waitUntil(lambda: host.current_page.print_button.isEnabled(), timeout=5000)
    qtbot.mouseClick(host.current_page.print_button, _left())
    qtbot.waitUntil(lambda: isinstance(host.current_page, CertificatePrintPage), timeout=5000)
    page, step = host.current_page, flow.current
    qtbot.waitUntil(lambda: step.state is PrintState.FAILED, timeout=10_000)
    assert page.status.text().startswith("打印机缺纸") and step.problem.code == MEDIA_EMPTY
    assert page.free_note.isVisible() and page.free_note.text() == "本服务免费，没有产生任何费用。"
    assert page.reprint_button.isVisible() and not page.reprint_button.isEnabled()
    assert page.why.isVisible() and page.why.text() == "请等打印机恢复"
    assert not page.next_button.isVisible()

    previous = printer.status
    printer.load_paper()
    flow.on_device_event("docprinter", StatusChanged(previous, printer.status))
    assert page.reprint_button.isEnabled() and "打印机已恢复" in page.detail.text()
    qtbot.mouseClick(page.reprint_button, _left())
    qtbot.waitUntil(lambda: step.state is PrintState.PRINTED and not step.busy, timeout=10_000)
    assert page.status.text() == "打印完成，请从A4出纸口取走您的证明"
    assert not page.free_note.isVisible() and page.next_button.isEnabled()
    assert not host.back_button.isVisible()  # printed: back would only print it twice
    assert len(printer.take_documents()) == 1


def test_the_preview_is_dropped_when_the_visit_ends(qtbot: QtBot, setup: dict) -> None:
    host = setup["host"]
    run(setup, "medical_insurance_record")
    qtbot.waitUntil(lambda: isinstance(host.current_page, CertificatePreviewPage), timeout=20_000)
    page = host.current_page
    qtbot.waitUntil(lambda: not page.image.isNull(), timeout=5000)
    setup["sessions"].end(EndReason.CANCELLED)
    page.forget_input()
    assert page.image.isNull() and (page.preview.pixmap() is None or page.preview.pixmap().isNull())


def test_a_broken_pdf_renders_nothing() -> None:
    assert render_first_page(b"%PDF-1.4 not really").isNull()


def test_a_printer_missing_is_worded(qtbot: QtBot, setup: dict) -> None:
    host, env = setup["host"], setup["env"]
    env.devices = FlowDevices({})
    run(setup, "medical_insurance_record")
    qtbot.waitUntil(lambda: isinstance(host.current_page, CertificatePreviewPage), timeout=20_000)
    qtbot.waitUntil(lambda: host.current_page.print_button.isEnabled(), timeout=5000)
    qtbot.mouseClick(host.current_page.print_button, _left())
    page = host.current_page
    assert isinstance(page, CertificatePrintPage)
    assert page.status.text().startswith("本机A4打印机暂不可用")
    assert DeviceStatus(DeviceState.OFFLINE).usable is False


def _left() -> Any:
    from PySide6.QtCore import Qt

    return Qt.MouseButton.LeftButton
