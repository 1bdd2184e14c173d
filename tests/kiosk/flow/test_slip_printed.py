"""The print step tells the slip reminder when (and only when) a slip came out."""

from __future__ import annotations

from drivers.base import DeviceStatus
from drivers.printer.document import PrintOutcome, PrintResult, Slip
from kiosk.cases.receipts import LastSlip
from kiosk.flow.devices import FlowDevices
from kiosk.flow.engine import Flow, FlowEnv
from kiosk.flow.printing import SlipState
from kiosk.visit.session import SessionManager
from kiosk.visit.slip_reminder import SlipReminder


class FakePrinter:
    """A ReceiptPrinter by shape: a status and print_slip."""

    status = DeviceStatus.online()

    def __init__(self, result: PrintResult) -> None:
        self.result = result
        self.slips: list[Slip] = []

    def print_slip(self, slip: Slip) -> PrintOutcome:
        self.slips.append(slip)
        return PrintOutcome(self.result)


def run(env: FlowEnv, printer: FakePrinter) -> tuple[Flow, SlipReminder]:
    reminder = SlipReminder()
    env.devices = FlowDevices({"printer": printer})
    env.services.last_slip = LastSlip()
    env.services.slip_reminder = reminder
    service = env.config.service("social_insurance_proof").model_copy(
        update={"steps": ["print_slip", "rating"]}
    )
    session = SessionManager().start(service.id)
    session.data["application_no"] = "202611220000000001"
    flow = Flow(service, session, env)
    flow.start()
    return flow, reminder


def test_a_printed_slip_is_remembered_for_the_reminder(env: FlowEnv) -> None:
    printer = FakePrinter(PrintResult.PRINTED)
    flow, reminder = run(env, printer)
    assert flow.current.state is SlipState.PRINTED and len(printer.slips) == 1
    assert reminder.visit_ended()


def test_a_slip_that_did_not_print_is_not_asked_for(env: FlowEnv) -> None:
    for result in (PrintResult.NOT_PRINTED, PrintResult.UNCERTAIN):
        flow, reminder = run(env, FakePrinter(result))
        assert flow.current.state is SlipState.FAILED
        assert not reminder.visit_ended()
