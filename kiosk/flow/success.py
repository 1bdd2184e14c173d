"""办理成功: the case is filed; its reference number and what happens next, before the rating.

After submit (and the slip) the citizen sees a success panel, the reference number
grouped in fours for reading aloud and copying, when and where the result can be
collected (the service's promise, the hall's address and hours), how to follow
progress, and whether a text message will come. The step only gathers these facts;
the page words them.
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.cases.case import applicant
from kiosk.config.schema import Text
from kiosk.flow.engine import Step, step_kind
from kiosk.privacy import mask_phone


def group_reference(number: str, size: int = 4) -> str:
    """``202612030641071504`` → ``2026 1203 0641 0715 04``: easy to read aloud and to copy."""
    compact = "".join(number.split())
    return " ".join(compact[i : i + size] for i in range(0, len(compact), size))


@dataclass(frozen=True)
class NextSteps:
    """What happens after this visit, from the catalogue and the kiosk's configuration."""

    pickup_working_days: int | None  # the result is collected in person after this many days
    time_limit: Text  # the service's promise ("承诺 15 个工作日", "3 个工作日内回复")
    hall_address: Text
    hall_hours: Text
    help_phone: str
    sms_on_ready: bool
    reply: bool  # the department answers (a complaint), rather than issuing a result
    reply_phone: str  # masked: the number a reply will come to, "" if none was given
    slip_printed: bool  # a slip with the QR code to follow progress was printed
    certificate_printed: bool = False  # an A4 certificate was printed: nothing to follow
    sms_phone: str = ""  # masked: the number the result's text goes to, "" if none was given


@step_kind
class Success(Step):
    kind = "success"
    prompt_key = "success"
    can_go_back = False
    counted = False  # after the work: not one of its steps
    cancellable = False  # the case is filed: nothing left to cancel

    def enter(self) -> None:
        self.changed()

    @property
    def reference(self) -> str:
        """The application's number (or the printed certificate's), grouped; "" when none."""
        number = self.data.get("application_no") or self.data.get("certificate.no") or ""
        return group_reference(str(number))

    @property
    def bundle_references(self) -> list[tuple[Text, str]]:
        """A 一件事 bundle's cases: each service's name and its grouped number."""
        config = self.env.config
        return [
            (config.service(case["service_id"]).name, group_reference(case["application_no"]))
            for case in self.data.get("bundle.cases", ())
        ]

    @property
    def next_steps(self) -> NextSteps:
        service, kiosk = self.flow.service, self.env.config.kiosk
        phone = str(applicant(self.data).get("phone") or "")
        return NextSteps(
            pickup_working_days=service.pickup_working_days,
            time_limit=service.time_limit,
            hall_address=kiosk.hall_address,
            hall_hours=kiosk.hall_hours,
            help_phone=kiosk.help_phone,
            sms_on_ready=service.sms_on_ready,
            reply="complaint_form" in service.steps,
            reply_phone=mask_phone(phone) if phone else "",
            sms_phone=mask_phone(phone) if phone and service.sms_on_ready else "",
            slip_printed=bool(self.data.get("slip.printed")),
            certificate_printed=bool(self.data.get("certificate.printed")),
        )

    def finish(self) -> None:
        self.complete()
