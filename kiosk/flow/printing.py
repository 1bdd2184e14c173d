"""Print the slip after the case is durable; if the printer fails, the case is still safe."""

from __future__ import annotations

import enum
import logging
from concurrent.futures import Future
from typing import Any

from kiosk.cases.case import applicant
from kiosk.cases.receipts import build_slip, facts_from_case, progress_code
from kiosk.flow.engine import FlowError, Step, step_kind

log = logging.getLogger(__name__)


class SlipState(enum.StrEnum):
    PRINTING = "printing"
    PRINTED = "printed"
    FAILED = "failed"  # not printed, or may not have printed: show the code on screen


@step_kind
class PrintSlip(Step):
    kind = "print_slip"
    can_go_back = False
    prompt_key = "print_slip"
    device = "printer"
    needs = ("printer",)

    def enter(self) -> None:
        config = self.env.config
        members = tuple(
            (config.service(case["service_id"]).name.zh, case["application_no"])
            for case in self.data.get("bundle.cases", ())
        )
        facts = facts_from_case(
            self.flow.service,
            self.data["application_no"],
            applicant(self.data),
            int(self.data.get("paid_fen", 0)),
            members,
        )
        self.application_no = facts.application_no
        self.code = progress_code(self.env.config, facts.application_no)
        self.slip = build_slip(self.env.config, facts)
        last = self.env.services.last_slip
        if last is not None:
            last.remember(self.slip)
        self.outcome: Any = None
        self.print()

    def print(self) -> None:
        printer = self.env.devices.printer(self.device)
        if printer is None:
            self.state = SlipState.FAILED
            self.fail(FlowError("PRINTER_MISSING"))
            return
        self.state = SlipState.PRINTING
        self.clear_error()
        self.set_busy(True)
        slip = self.slip
        self.env.call(lambda: printer.print_slip(slip), self._printed)

    def _printed(self, future: Future[Any]) -> None:
        if self.flow.current is not self:
            return  # the citizen left (timeout): the slip stays reprintable from home
        error = future.exception()
        outcome = None if error is not None else future.result()
        self.outcome = outcome
        if outcome is not None and outcome.printed:
            self.state = SlipState.PRINTED
            self.data["slip.printed"] = True  # 办理成功 points to its QR code
            reminder = self.env.services.slip_reminder
            if reminder is not None:
                reminder.printed()  # the home screen may ask for it if the visit ends soon
            self.set_busy(False)
            return
        self.state = SlipState.FAILED
        code = outcome.code if outcome is not None else type(error).__name__
        log.warning("slip not printed", extra={"code": code, "service": self.flow.service.id})
        uncertain = outcome is not None and outcome.result.value == "uncertain"
        self.fail(FlowError("SLIP_UNCERTAIN" if uncertain else "SLIP_NOT_PRINTED", code))

    def finish(self) -> None:
        if not self.busy:
            self.complete()
