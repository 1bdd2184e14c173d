"""短信通知: a mobile number for the result's text message, given with explicit consent.

Asked only where the catalogue promises a text (``sms_on_ready``). The citizen may
skip it (then progress is followed with the slip). The number travels with the case
as personal data (``case.pii``: sealed in the queue, wiped once delivered and with
the session); it is shown in full only while typed and on the confirm page, masked
everywhere else, and never logged.
"""

from __future__ import annotations

from typing import Final

from kiosk.cases.case import add_to_case, applicant, drop_from_case
from kiosk.flow.engine import Step, step_kind
from kiosk.privacy import mask_phone

#: The first three digits of mainland mobile numbers that can receive a text (the
#: MIIT numbering plan: 13x-19x). Left out: 140-144, 146, 148 (Internet of Things,
#: 13 digits), 154 and 194 (unassigned), 174 (satellite), 160-161, 163-164, 168-169.
MOBILE_PREFIXES: Final = frozenset(
    [f"13{d}" for d in range(10)]
    + ["145", "147", "149"]
    + [f"15{d}" for d in (0, 1, 2, 3, 5, 6, 7, 8, 9)]
    + ["162", "165", "166", "167"]
    + ["170", "171", "172", "173", "175", "176", "177", "178"]
    + [f"18{d}" for d in range(10)]
    + [f"19{d}" for d in (0, 1, 2, 3, 5, 6, 7, 8, 9)]
)
MOBILE_DIGITS: Final = 11


def phone_problem(number: str) -> str | None:
    """None for a mobile number that can take a text; a stable code otherwise."""
    if not number.isdigit() and number:
        return "NOT_A_NUMBER"
    if len(number) < MOBILE_DIGITS:
        return "INCOMPLETE"
    if len(number) > MOBILE_DIGITS or number[:3] not in MOBILE_PREFIXES:
        return "NOT_A_MOBILE"
    return None


@step_kind
class SmsPhone(Step):
    """Consent first (unticked), then the number; or skip, and no number is kept."""

    kind = "sms_phone"
    prompt_key = "sms_phone"

    def enter(self) -> None:
        # Back here from the confirm page: what was given is shown again.
        self.number = str(applicant(self.data).get("phone", ""))
        self.consent = bool(self.number)
        self.changed()

    def set_number(self, text: str) -> None:
        self.number = "".join(ch for ch in text if ch.isdigit())[:MOBILE_DIGITS]
        self.changed()

    def set_consent(self, consent: bool) -> None:
        self.consent = consent
        self.changed()

    @property
    def problem(self) -> str | None:
        return phone_problem(self.number)

    @property
    def can_accept(self) -> bool:
        return self.consent and self.problem is None

    @property
    def masked(self) -> str:
        return mask_phone(self.number)

    def accept(self) -> None:
        """The citizen agreed and the number checks out: it goes with the case."""
        if not self.can_accept:
            return
        add_to_case(self.data, payload={"sms_consent": True}, pii={"phone": self.number})
        self.complete()

    def skip(self) -> None:
        """No text wanted: nothing typed is kept, on the step or in the case."""
        self.number, self.consent = "", False
        drop_from_case(self.data, pii=("phone",))
        add_to_case(self.data, payload={"sms_consent": False})
        self.complete()
