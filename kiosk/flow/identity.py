"""Who is applying: the ID card on the reader, or the number keyed in for a lost card."""

from __future__ import annotations

import logging
import re
from typing import Any

from drivers.base import DeviceState, StatusChanged
from drivers.idcard import idnumber
from drivers.idcard.events import CardRead, CardReadFailed, CardRemoved
from drivers.idcard.interface import IdCardReader
from kiosk.cases.case import add_to_case, applicant
from kiosk.flow.engine import FlowError, Step, step_kind
from kiosk.privacy import mask_id_number
from kiosk.visit.left_card import LEFT_BEHIND, card_left_behind, left_behind_error

log = logging.getLogger(__name__)


@step_kind
class ReadIdCard(Step):
    """Wait for the citizen's card; the read itself pauses the inactivity timer."""

    kind = "read_id_card"
    prompt_key = "read_id_card"
    device = "idcard"
    needs = ("idcard",)

    def enter(self) -> None:
        self.card: Any = self.data.get("card")
        if self.card is not None and not self.card.wiped:
            self.complete()  # came back here with a card already read
            return
        reader = self.env.devices.idcard(self.device)
        if reader is None:
            self.fail(FlowError("DEVICE_MISSING", self.device))
            return
        self._read_card_lying_there(reader)
        self.changed()

    def retry(self) -> None:
        """Read again: the card may have been moved while it was read."""
        self.clear_error()
        self._read_card_lying_there(self.env.devices.idcard(self.device))

    def _read_card_lying_there(self, reader: IdCardReader | None) -> None:
        if reader is None or reader.status.state is not DeviceState.CARD_PRESENT:
            return  # the card's placement will be read when it comes
        if card_left_behind(self.env.services.left_card):
            self.fail(FlowError(LEFT_BEHIND, "the card on the reader is the last visit's"))
            return
        self.set_busy(True)
        reader.request_read()

    def on_device_event(self, device: str, event: Any) -> None:
        if device != self.device:
            return
        if isinstance(event, StatusChanged) and event.status.state is DeviceState.BUSY:
            self.clear_error()
            self.set_busy(True)  # reading: the citizen is here, give the reader time
        elif isinstance(event, CardRead):
            self._accept(event.card)
        elif isinstance(event, CardReadFailed):
            self.fail(FlowError("CARD_READ_FAILED", event.code))
        elif isinstance(event, CardRemoved) and self.busy:
            self.fail(FlowError("CARD_REMOVED", "card taken away during the read"))
        elif isinstance(event, CardRemoved) and left_behind_error(self.error):
            self.clear_error()  # now the citizen's own card can be placed

    def _accept(self, card: Any) -> None:
        self.data["card"] = card  # wiped with the session (IdCard.wipe)
        add_to_case(
            self.data,
            payload={"card_type": str(card.card_type), "card_read": True},
            pii={"id_number": card.id_number, "name": card.name},
        )
        log.info("card accepted", extra={"service": self.flow.service.id})
        self.complete()


@step_kind
class IdNumberEntry(Step):
    """For a lost card: the 18-character number on a keypad, checked as it is typed."""

    kind = "id_number_entry"
    prompt_key = "id_number_entry"

    def enter(self) -> None:
        self.number = str(applicant(self.data).get("id_number", ""))
        self.changed()

    def set_number(self, text: str) -> None:
        self.number = text.upper()[:18]
        self.changed()

    @property
    def problem(self) -> str | None:
        """None when valid; a stable code otherwise (the page words it)."""
        if len(self.number) < 18:
            return "INCOMPLETE"
        reason = idnumber.problem(self.number)
        if reason is None:
            return None
        return "CHECK_DIGIT" if "check digit" in reason else "NOT_A_NUMBER"

    @property
    def masked(self) -> str:
        return mask_id_number(self.number) if len(self.number) == 18 else self.number

    def confirm(self) -> None:
        if self.problem is not None:
            return
        add_to_case(self.data, payload={"card_read": False}, pii={"id_number": self.number})
        self.complete()


#: A name as written on an ID card: Chinese characters (any plane), the middle
#: dot of minority names, or Latin letters and spaces on a foreigner's card.
_NAME = re.compile(r"^(?:[\u3400-\u9fff\U00020000-\U0003134f·]+|[A-Za-z][A-Za-z ]*)$")


@step_kind
class NameEntry(Step):
    """For a lost card: the name, typed with the pinyin keyboard (the platform needs it)."""

    kind = "name_entry"
    prompt_key = "name_entry"

    def enter(self) -> None:
        self.name = str(applicant(self.data).get("name", ""))
        self.changed()

    def set_name(self, text: str) -> None:
        self.name = text.strip()[:30]
        self.changed()

    @property
    def valid(self) -> bool:
        name = self.name
        return bool(_NAME.match(name)) and not name.startswith("·") and not name.endswith("·")

    def confirm(self) -> None:
        if not self.valid:
            return
        add_to_case(self.data, pii={"name": self.name})
        self.complete()


@step_kind
class Confirm(Step):
    """The citizen checks what will be submitted: their own name, the ID number, the fee.

    The name is shown in full: it is the citizen's own and there is nothing to check
    in "张*"; so is the mobile number for the text message (a wrong digit loses it). The
    ID number keeps its middle masked (``kiosk.privacy``): its first and
    last four are enough to recognise it, and it is the one a passer-by could use.
    """

    kind = "confirm"
    prompt_key = "confirm"

    @property
    def masked_id_number(self) -> str:
        number = applicant(self.data).get("id_number", "")
        return mask_id_number(number) if number else ""

    @property
    def name(self) -> str:
        """The applicant's name in full, for the applicant to check."""
        return str(applicant(self.data).get("name", ""))

    @property
    def phone(self) -> str:
        """The number a text message will go to, in full: the citizen checks every digit."""
        return str(applicant(self.data).get("phone", ""))

    @property
    def fee_fen(self) -> int:
        return self.flow.service.fee_fen

    def confirm(self) -> None:
        self.complete()
