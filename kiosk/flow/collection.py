"""扫码取证: the slip's code, the platform's word on the card, then the card out of the gate.

``collect_slip`` comes after the citizen has keyed in their ID number and name: the
slip's code (scanned or typed) names the application, the platform says whether its
card is ready, already collected or not ready, and the person's own applications
(``POST /v1/applications/search``) say whether it is theirs. Only then does
``face_verify`` compare the live face with the platform's record of that person, and
``release_card`` move the card from its slot to the gate.

A card not taken in time is pulled back into the capture bin by the dispenser: staff
are told (a help request, no personal data), nothing is recorded as collected, so the
application stays collectable, and the citizen is told what to do. Any other release
problem is reported the same way and never retried by the citizen: a second release
of an uncertain first could hand out a card twice.
"""

from __future__ import annotations

import enum
import logging
from concurrent.futures import Future
from datetime import datetime
from typing import Any

from drivers.dispenser.model import ReleaseOutcome, ReleaseResult
from drivers.scanner.model import CodeScanned
from kiosk.cases.case import applicant
from kiosk.cases.collection_receipt import build_collection_receipt
from kiosk.cases.receipts import BadCode, parse_progress_code
from kiosk.flow.devices import DISPENSER, PRINTER, SCANNERS
from kiosk.flow.engine import FlowError, Step, step_kind
from kiosk.flow.submit import DURABLE_TIMEOUT_S

log = logging.getLogger(__name__)

#: The session keys this flow fills (wiped with the session like the rest).
NUMBER_KEY = "collect.application_no"
SLOT_KEY = "collect.slot"
RELEASED_KEY = "collect.released"
#: A card left at the gate this long goes back into the capture bin.
TAKE_TIMEOUT_S = 30.0


class Check(enum.StrEnum):
    """Where the check of a slip's code stands."""

    IDLE = "idle"  # waiting for a code
    CHECKING = "checking"  # asking the platform
    READY = "ready"  # the citizen's card is here and ready


def check_collectable(status: Any, mine: bool, slot: int | None) -> str | None:
    """Why this card cannot be handed out (an error code), or None when it can.

    ``status`` is the platform's ``ApplicationStatus`` (None: unknown number), ``mine``
    whether the application is among the person's own, ``slot`` where this kiosk holds it.
    """
    if status is None:
        return "COLLECT_NOT_FOUND"
    collection = status.collection
    if collection is None or collection.kind != "id_card":
        return "COLLECT_NO_CARD"
    if collection.collected_at is not None or status.status == "collected":
        return "COLLECT_ALREADY_COLLECTED"
    if not mine:
        return "COLLECT_NOT_YOURS"  # before "not ready": a stranger learns nothing of it
    if not collection.ready:
        return "COLLECT_NOT_READY"
    if slot is None:
        return "COLLECT_NOT_HERE"
    return None


@step_kind
class CollectSlip(Step):
    """The slip's code, checked with the platform and the kiosk's slot inventory."""

    kind = "collect_slip"
    prompt_key = "collect_slip"

    def __init__(self, flow: Any) -> None:
        super().__init__(flow)
        self.typed = ""
        self.check = Check.IDLE
        self.holder = ""  # the platform's masked holder, shown when the card is not theirs
        self._ticket = 0  # drops the answer of a check overtaken by another

    def enter(self) -> None:
        self.typed = ""
        self.check = Check.IDLE
        self.changed()

    def leave(self) -> None:
        self._ticket += 1
        if self.check is Check.CHECKING:
            self.check = Check.IDLE

    def on_device_event(self, device: str, event: Any) -> None:
        if device in SCANNERS and isinstance(event, CodeScanned):
            self.accept(event.result.text)

    def set_typed(self, text: str) -> None:
        self.typed = text.upper()[:32]
        self.changed()

    def accept_typed(self) -> None:
        self.accept(self.typed)

    def accept(self, code: str) -> None:
        if self.check is Check.CHECKING:
            return  # one check at a time
        try:
            number = parse_progress_code(code)
        except BadCode as exc:
            self.fail(FlowError("BAD_CODE", str(exc)))
            return
        platform, inventory = self.env.platform, self.env.services.card_inventory
        if platform is None:
            self.fail(FlowError("COLLECT_UNAVAILABLE", "no platform client"))
            return
        if inventory is None:
            self.fail(FlowError("COLLECT_UNAVAILABLE", "no card inventory"))
            return
        who = applicant(self.data)
        id_number, name = str(who.get("id_number", "")), str(who.get("name", ""))
        self.clear_error()
        self.check = Check.CHECKING
        self.set_busy(True)
        self._ticket += 1
        ticket = self._ticket

        def work() -> tuple[Any, bool, int | None]:
            status = platform.application_status(number)
            if status is None or status.collection is None:
                return status, False, None
            own = platform.search_applications(id_number, name)
            mine = any(a.application_no == number for a in own)
            return status, mine, inventory.slot_for(number)

        self.env.call(work, lambda f: self._checked(ticket, number, f))

    def _checked(self, ticket: int, number: str, future: Future[Any]) -> None:
        if ticket != self._ticket:
            return  # the step was left, or another code came
        self.check = Check.IDLE
        error = future.exception()
        if error is not None:
            code = str(getattr(error, "kind", type(error).__name__))
            log.info("collection check failed", extra={"code": code})
            self.fail(FlowError("COLLECT_UNAVAILABLE", code))
            return
        status, mine, slot = future.result()
        self.holder = status.collection.holder if status is not None and status.collection else ""
        problem = check_collectable(status, mine, slot)
        log.info("collection checked", extra={"code": problem or "READY"})
        if problem is not None:
            self.fail(FlowError(problem))
            return
        self.check = Check.READY
        self.data[NUMBER_KEY] = number
        self.data[SLOT_KEY] = slot
        self.data["application_no"] = number  # 办理成功 shows the number collected
        self.complete()


class Release(enum.StrEnum):
    RELEASING = "releasing"  # moving to the gate, waiting for the card to be taken
    TAKEN = "taken"
    CAPTURED = "captured"  # not taken: in the capture bin, staff told
    FAILED = "failed"  # jam, empty slot, gate blocked, no answer: staff told


class Receipt(enum.StrEnum):
    NONE = "none"
    PRINTING = "printing"
    PRINTED = "printed"
    FAILED = "failed"


@step_kind
class ReleaseCard(Step):
    """Release the card to the gate, wait until it is taken, then record it once."""

    kind = "release_card"
    prompt_key = "release_card"
    can_go_back = False  # a card that left the slot cannot be put back by going back
    needs = (DISPENSER,)
    take_timeout_s = TAKE_TIMEOUT_S

    def __init__(self, flow: Any) -> None:
        super().__init__(flow)
        self.state = Release.RELEASING
        self.receipt = Receipt.NONE
        self.outcome: ReleaseResult | None = None

    def enter(self) -> None:
        if self.data.get(RELEASED_KEY):
            self.state = Release.TAKEN  # came back: the card is the citizen's already
            self.changed()
            return
        dispenser = self.env.devices.dispenser()
        if dispenser is None:
            self.state = Release.FAILED
            self.fail(FlowError("DEVICE_MISSING", DISPENSER))
            return
        slot, timeout = int(self.data[SLOT_KEY]), self.take_timeout_s
        self.flow.no_return = True  # whatever comes of it, this card is not released again
        self.state = Release.RELEASING
        self.set_busy(True)  # the idle timer waits for the gate, not for a touch
        self.changed()
        self.env.call(lambda: dispenser.release(slot, take_timeout_s=timeout), self._released)

    def _released(self, future: Future[ReleaseResult]) -> None:
        error = future.exception()
        slot = int(self.data.get(SLOT_KEY) or 0)
        result = (
            ReleaseResult(ReleaseOutcome.UNCERTAIN, slot, type(error).__name__)
            if error is not None
            else future.result()
        )
        self.outcome = result
        log.info("card release", extra={"outcome": str(result.outcome), "code": result.code})
        inventory = self.env.services.card_inventory
        if result.outcome is ReleaseOutcome.TAKEN:
            self._taken(slot, inventory)
            return
        if result.outcome is ReleaseOutcome.CAPTURED:
            self._inventory(lambda: inventory.mark_captured(slot) if inventory else None)
            self.state = Release.CAPTURED
            self._tell_staff("captured")
            self.fail(FlowError("CARD_CAPTURED", result.code))
            return
        self.state = Release.FAILED
        self._tell_staff(str(result.outcome))
        self.fail(FlowError("CARD_RELEASE_FAILED", f"{result.outcome}: {result.code}"))

    def _taken(self, slot: int, inventory: Any) -> None:
        self.data[RELEASED_KEY] = True
        self._inventory(lambda: inventory.mark_released(slot) if inventory else None)
        self.state = Release.TAKEN
        at = datetime.now().astimezone()
        self.data["collect.at"] = at
        outbox = self.env.outbox
        payload = {
            "application_no": self.data[NUMBER_KEY],
            "slot": slot,
            "collected_at": at.isoformat(timespec="seconds"),
        }
        try:
            if outbox is None:
                raise RuntimeError("no queue")
            ticket = outbox.submit("card_collected", payload, case_key=self.data[NUMBER_KEY])
        except Exception as exc:  # the card is out: staff settle the record by hand
            self._not_recorded(exc)
            return
        self.env.call(lambda: ticket.wait(DURABLE_TIMEOUT_S), lambda f: self._recorded(ticket, f))

    def _recorded(self, ticket: Any, future: Future[Any]) -> None:
        if future.exception() is not None or not ticket.durable:
            self._not_recorded(future.exception() or ticket.error)
            return
        self.data["case_id"] = ticket.id  # recorded: nothing left to cancel
        self.set_busy(False)
        self.changed()

    def _not_recorded(self, error: object) -> None:
        log.error("card_collected not queued", extra={"error": type(error).__name__})
        self._tell_staff("not_recorded")
        self.set_busy(False)
        self.changed()

    def _inventory(self, mark: Any) -> None:
        try:
            mark()
        except Exception:  # the card's fate is known; the inventory reconciles with sensors
            log.exception("slot inventory not updated")

    def _tell_staff(self, what: str) -> None:
        alert = self.env.services.staff_alert
        if alert is not None:
            alert(f"{self.kind}:{what}")
        else:
            log.warning("card release needs staff", extra={"what": what})

    # ---- the receipt
    def print_receipt(self) -> None:
        if self.state is not Release.TAKEN or self.receipt is Receipt.PRINTING:
            return
        printer = self.env.devices.printer(PRINTER)
        if printer is None:
            self.receipt = Receipt.FAILED
            self.changed()
            return
        who = applicant(self.data)
        slip = build_collection_receipt(
            self.env.config,
            str(self.data[NUMBER_KEY]),
            str(who.get("name", "")),
            str(who.get("id_number", "")),
            self.data.get("collect.at") or datetime.now().astimezone(),
        )
        self.receipt = Receipt.PRINTING
        self.set_busy(True)
        self.env.call(lambda: printer.print_slip(slip), self._printed)

    def _printed(self, future: Future[Any]) -> None:
        if self.flow.current is not self:
            return
        outcome = None if future.exception() is not None else future.result()
        printed = outcome is not None and outcome.printed
        self.receipt = Receipt.PRINTED if printed else Receipt.FAILED
        self.set_busy(False)
        self.changed()

    def finish(self) -> None:
        """On to 办理成功 once the card is taken; after a problem the visit ends here."""
        if self.busy:
            return
        if self.state is Release.TAKEN:
            self.complete()
        else:
            self.flow.cancel()
