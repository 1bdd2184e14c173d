"""Submit then print, against the real ESC/POS driver and its network simulator."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from drivers.printer.on_simulator import SimulatedEscposPrinter
from kiosk.cases.receipts import LastSlip, parse_progress_code
from kiosk.flow.devices import FlowDevices
from kiosk.flow.engine import Flow, FlowEnv
from kiosk.flow.printing import SlipState
from kiosk.visit.session import SessionManager


@pytest.fixture
def printer() -> Iterator[SimulatedEscposPrinter]:
    device = SimulatedEscposPrinter(SimulatedEscposPrinter.Settings())
    device.open()
    yield device
    device.close()


def flow_for(env: FlowEnv, printer: SimulatedEscposPrinter) -> Flow:
    env.devices = FlowDevices({"printer": printer})
    env.services.last_slip = LastSlip()
    service = env.config.service("social_insurance_proof").model_copy(
        update={"steps": ["submit", "print_slip", "rating"]}
    )
    session = SessionManager().start(service.id)
    session.data["case.pii"] = {"id_number": "11010519491231002X", "name": "张三"}
    flow = Flow(service, session, env)
    flow.start()
    return flow


def test_slip_printed_after_the_case_is_durable(
    env: FlowEnv, printer: SimulatedEscposPrinter
) -> None:
    flow = flow_for(env, printer)
    step = flow.current
    assert step.kind == "print_slip" and "case_id" in flow.session.data
    assert step.state is SlipState.PRINTED and not env.idle.paused
    [doc] = printer.simulator.model.wait_for_documents(1)
    assert "11010519491231002X" not in doc.text and "张三" not in doc.text
    assert f"受理编号：{flow.session.data['application_no']}" in doc.text
    assert parse_progress_code(doc.qr_payloads[0]) == flow.session.data["application_no"]
    assert env.services.last_slip.get() is step.slip
    step.finish()
    assert flow.current.kind == "rating"


def test_paper_out_before_the_slip_keeps_the_case_and_offers_a_reprint(
    env: FlowEnv, printer: SimulatedEscposPrinter
) -> None:
    printer.simulator.model.set_paper("out")
    flow = flow_for(env, printer)
    step = flow.current
    assert step.state is SlipState.FAILED
    assert step.error.code == "SLIP_NOT_PRINTED"
    assert "case_id" in flow.session.data  # the case is safe whatever the printer does
    assert not flow.can_go_back
    printer.simulator.model.set_paper("ok")
    step.print()
    assert step.state is SlipState.PRINTED and step.error is None


def test_paper_running_out_mid_slip_is_reported_uncertain(
    env: FlowEnv, printer: SimulatedEscposPrinter
) -> None:
    printer.simulator.model.run_out_after(5)
    flow = flow_for(env, printer)
    step = flow.current
    assert step.state is SlipState.FAILED
    assert step.error.code in ("SLIP_UNCERTAIN", "SLIP_NOT_PRINTED")
    assert step.code.endswith(flow.session.data["application_no"])  # shown on screen instead
