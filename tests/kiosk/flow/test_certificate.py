"""Certificate services without Qt: fetch from the simulated platform, preview, print on A4."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from drivers.base import DeviceState
from drivers.docprinter.stand_in import MEDIA_EMPTY, StandInDocPrinter
from kiosk.flow.certificate import HELD_KEY, FetchState, PrintState
from kiosk.flow.certificate_period import period_choices
from kiosk.flow.devices import FlowDevices
from kiosk.flow.engine import Flow, FlowEnv
from kiosk.visit.session import EndReason, SessionManager
from offline_queue import PlatformClient, PlatformSettings
from offline_queue.sim import PlatformSimulator, synthetic_id

ID_NUMBER = synthetic_id("110105", "19800101", "001")
NAME = "张三"
STEPS = ["certificate_fetch", "certificate_preview", "certificate_print", "rating"]


@pytest.fixture
def platform(tmp_path: Path) -> Iterator[tuple[PlatformSimulator, PlatformClient]]:
    sim = PlatformSimulator(tmp_path / "platform.db", token="t").start()
    client = PlatformClient(sim.url, "K1", "t", PlatformSettings())
    yield sim, client
    client.close()
    sim.stop()


@pytest.fixture
def printer() -> Iterator[StandInDocPrinter]:
    device = StandInDocPrinter()
    device.open()
    yield device
    device.close()


@pytest.fixture
def sessions() -> SessionManager:
    return SessionManager()


def start(
    env: FlowEnv,
    platform: tuple[PlatformSimulator, PlatformClient],
    printer: StandInDocPrinter,
    sessions: SessionManager,
    service_id: str = "social_insurance_proof",
) -> Flow:
    env.platform = platform[1]
    env.devices = FlowDevices({"docprinter": printer})
    service = env.config.service(service_id).model_copy(update={"steps": STEPS})
    session = sessions.start(service.id)
    session.data["case.pii"] = {"id_number": ID_NUMBER, "name": NAME}
    flow = Flow(service, session, env)
    flow.start()
    return flow


def test_periods_are_whole_months_that_have_ended() -> None:
    choices = {p.key: p.params for p in period_choices(date(2026, 12, 3))}
    assert choices == {
        "last_12": {"from": "2025-12", "to": "2026-11"},
        "last_year": {"from": "2025-01", "to": "2025-12"},
        "this_year": {"from": "2026-01", "to": "2026-11"},
    }
    january = [p.key for p in period_choices(date(2027, 1, 15))]
    assert january == ["last_12", "last_year"]  # no month of the year has ended yet


def test_a_certificate_is_fetched_previewed_printed_and_recorded(
    env: FlowEnv, platform, printer: StandInDocPrinter, sessions: SessionManager
) -> None:
    sim, _ = platform
    flow = start(env, platform, printer, sessions)
    fetch = flow.current
    assert fetch.kind == "certificate_fetch" and fetch.state is FetchState.CHOOSE
    fetch.choose("last_year")
    fetch.fetch()
    preview = flow.current
    assert preview.kind == "certificate_preview"
    assert preview.pdf.startswith(b"%PDF-") and preview.certificate_no.startswith("SB")
    number = preview.certificate_no
    preview.accept()
    step = flow.current
    assert step.kind == "certificate_print" and step.state is PrintState.PRINTED
    [document] = printer.take_documents()
    assert document == preview.pdf
    assert not step.busy and "case_id" in flow.session.data
    [row] = env.outbox.find_case(number)
    assert row.type == "certificate_printed"
    step.finish()
    assert flow.current.kind == "rating" and sim.certificates.issued == [number]


def test_the_printed_record_carries_no_document_and_no_person(
    env: FlowEnv, platform, printer: StandInDocPrinter, sessions: SessionManager
) -> None:
    flow = start(env, platform, printer, sessions, "medical_insurance_record")
    assert flow.current.kind == "certificate_preview"  # no period to choose: fetched at once
    flow.current.accept()
    assert len(env.outbox.find_case(flow.current.data[HELD_KEY].certificate_no)) == 1
    [claimed] = env.outbox.claim(10)
    payload = env.outbox.open_row(claimed)
    assert claimed.type == "certificate_printed" and claimed.pii is None
    assert set(payload) == {"certificate_no", "kind", "printed_at", "service_id", "kiosk_id"}
    assert payload["kind"] == "medical_insurance"
    assert ID_NUMBER not in str(payload) and NAME not in str(payload) and "PDF" not in str(payload)


def test_the_pdf_is_wiped_with_the_session(
    env: FlowEnv, platform, printer: StandInDocPrinter, sessions: SessionManager
) -> None:
    flow = start(env, platform, printer, sessions, "medical_insurance_record")
    held = flow.session.data[HELD_KEY]
    buffer = held.pdf
    assert buffer.startswith(b"%PDF-")
    sessions.end(EndReason.COMPLETED)
    assert not buffer and HELD_KEY not in flow.session.data


def test_media_empty_mid_job_costs_nothing_and_offers_the_reprint_when_paper_is_back(
    env: FlowEnv, platform, printer: StandInDocPrinter, sessions: SessionManager
) -> None:
    flow = start(env, platform, printer, sessions, "medical_insurance_record")
    printer.empty_mid_job()
    flow.current.accept()
    step = flow.current
    assert step.state is PrintState.FAILED and step.problem.code == MEDIA_EMPTY
    assert step.error.code == "CERT_NOT_PRINTED" and not step.printer_ready
    assert printer.status.state is DeviceState.PAPER_OUT
    assert env.outbox.stats().counts["pending"] == 0  # nothing recorded, nothing charged
    assert flow.service.fee_fen == 0 and "payment" not in flow.service.steps
    redraws: list[object] = []
    step.add_listener(redraws.append)
    step.reprint()  # no paper yet: nothing happens
    assert step.state is PrintState.FAILED and printer.take_documents() == []
    printer.load_paper()
    flow.on_device_event("docprinter", printer_status_event(printer))
    assert step.printer_ready and redraws  # the page redraws: the reprint button comes alive
    step.reprint()
    assert step.state is PrintState.PRINTED and len(printer.take_documents()) == 1
    assert env.outbox.stats().counts["pending"] == 1


def printer_status_event(printer: StandInDocPrinter) -> object:
    from drivers.base import DeviceStatus, StatusChanged

    return StatusChanged(DeviceStatus(DeviceState.PAPER_OUT, MEDIA_EMPTY), printer.status)


def test_a_printer_out_of_paper_before_the_job_fails_without_sending_it(
    env: FlowEnv, platform, printer: StandInDocPrinter, sessions: SessionManager
) -> None:
    printer.take_paper_out()
    flow = start(env, platform, printer, sessions, "medical_insurance_record")
    flow.current.accept()
    step = flow.current
    assert step.state is PrintState.FAILED and step.problem.code == MEDIA_EMPTY
    assert not step.problem.uncertain


def test_no_record_and_a_period_out_of_range_are_said_on_the_fetch_step(
    env: FlowEnv, platform, printer: StandInDocPrinter, sessions: SessionManager
) -> None:
    sim, _ = platform
    sim.certificates.no_record.add(ID_NUMBER)
    flow = start(env, platform, printer, sessions)
    step = flow.current
    step.fetch()
    assert step.state is FetchState.FAILED and step.error.code == "CERT_NO_RECORD"
    assert flow.current is step and not step.busy
    sim.certificates.no_record.clear()
    step.chosen = type(step.chosen)("bad", (2030, 1), (2030, 2))  # the platform says 422
    step.fetch()
    assert step.error.code == "CERT_PERIOD_OUT_OF_RANGE"


def test_platform_down_is_said_and_retried(
    env: FlowEnv, platform, printer: StandInDocPrinter, sessions: SessionManager
) -> None:
    sim, _ = platform
    flow = start(env, platform, printer, sessions)
    step = flow.current
    sim.stop(keep_store=True)
    step.fetch()
    assert step.error.code == "CERT_UNAVAILABLE"
    sim.start()
    step.fetch()
    assert flow.current.kind == "certificate_preview"


def test_certificate_services_need_the_a4_printer_not_the_slip(env: FlowEnv) -> None:
    from kiosk.flow.engine import step_kinds
    from kiosk.flow.service_availability import needed_devices

    needs = {k: c.needs for k, c in step_kinds().items()}
    for sid in ("social_insurance_proof", "medical_insurance_record", "tax_certificate"):
        service = env.config.service(sid)
        assert service.certificate and "print_slip" not in service.steps
        assert "docprinter" in needed_devices(service, needs)
        assert "printer" not in service.requires and "docprinter" in service.requires
