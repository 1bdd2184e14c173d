"""办理进度查询: find the application (the slip's code, or the ID card) and show its history.

Offline, or not yet uploaded, the citizen is told so honestly: a case this
kiosk still holds is "已提交，等待上传", never "not found".

A card placed on the reader lists every application of its holder, filed at any
kiosk or counter (``POST /v1/applications/search``), newest first. When the
platform cannot be asked, the applications submitted at this kiosk
(:mod:`kiosk.cases.index`) are listed instead, and the citizen is told that the
slip's code or the hall's counter finds the others.
"""

from __future__ import annotations

import enum
import logging
from concurrent.futures import Future
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from drivers.base import DeviceState, StatusChanged
from drivers.idcard.events import CardRead, CardReadFailed, CardRemoved
from drivers.idcard.interface import IdCardReader
from drivers.scanner.model import CodeScanned
from kiosk.cases.receipts import BadCode, parse_progress_code
from kiosk.flow.devices import IDCARD, SCANNERS
from kiosk.flow.engine import FlowError, Step, step_kind
from kiosk.visit.left_card import LEFT_BEHIND, card_left_behind, left_behind_error
from offline_queue.db import State

log = logging.getLogger(__name__)

#: The ID card reader.
CARD_READER = IDCARD
#: Where the session keeps the card read here, so the session's end wipes it.
CARD_KEY = "query.card"
#: The card's applications found here: whose they are is the visit's to forget too.
MATCHES_KEY = "query.matches"


@dataclass(frozen=True)
class FoundApplication:
    """One application of the card's holder; nothing personal in it."""

    application_no: str
    service_id: str  # a catalogue id, or the platform's own name for another channel's
    created: datetime  # when filed (this kiosk's index) or last updated (the platform)
    status: str | None = None  # the platform's status; None from this kiosk's index


class CardLookup(enum.StrEnum):
    """Where finding applications by the ID card stands."""

    IDLE = "idle"  # no card yet: waiting for a code or a card
    READING = "reading"  # the card is being read, or its applications looked up
    NONE = "none"  # this kiosk took no application for this card
    CHOOSE = "choose"  # several: the citizen picks one
    UNAVAILABLE = "unavailable"  # this kiosk cannot look cards up now


@step_kind
class IdentifyApplication(Step):
    """Wait for the slip's code (scanned or typed) or the ID card on the reader."""

    kind = "identify_application"
    prompt_key = "identify_application"
    cancellable = False  # a query applies for nothing

    def __init__(self, flow: Any) -> None:
        super().__init__(flow)
        self.typed = ""
        self.lookup = CardLookup.IDLE
        self._lookup_no = 0  # drops the answer of a lookup overtaken by another
        self._looking_up = False  # the card is read; its applications are being looked up
        self.everywhere = False  # the list is the platform's (every channel), not this kiosk's

    def enter(self) -> None:
        self.typed = ""
        if self.lookup is not CardLookup.CHOOSE:  # back from a chosen one: the list stays
            self.lookup = CardLookup.IDLE
        reader = self._reader()
        if (
            CARD_KEY not in self.data  # a card read in this visit is not read again
            and reader is not None
            and reader.status.state is DeviceState.CARD_PRESENT
        ):
            self._read_card_lying_there(reader)
        self.changed()

    def leave(self) -> None:
        self._lookup_no += 1  # a lookup still running answers nobody
        self._looking_up = False
        if self.lookup is CardLookup.READING:
            self.lookup = CardLookup.IDLE

    # ---- the slip's code
    def on_device_event(self, device: str, event: Any) -> None:
        if device in SCANNERS and isinstance(event, CodeScanned):
            self.accept(event.result.text)
        elif device == CARD_READER:
            self._card_event(event)

    def set_typed(self, text: str) -> None:
        self.typed = text.upper()[:32]
        self.changed()

    def accept(self, code: str) -> None:
        try:
            number = parse_progress_code(code)
        except BadCode as exc:
            self.fail(FlowError("BAD_CODE", str(exc)))
            return
        self._show(number)

    def accept_typed(self) -> None:
        self.accept(self.typed)

    # ---- the ID card
    @property
    def matches(self) -> list[Any]:
        """The card's applications (:class:`FoundApplication`), newest first."""
        return self.data.get(MATCHES_KEY) or []

    @property
    def card_reader_ready(self) -> bool:
        """True when a card placed now can be read (the page offers it only then)."""
        reader = self._reader()
        return reader is not None and reader.status.usable

    def retry_card(self) -> None:
        """Read the card on the reader again (after a failed read)."""
        self.clear_error()
        reader = self._reader()
        if reader is not None and reader.status.state is DeviceState.CARD_PRESENT:
            self._read_card_lying_there(reader)

    def _read_card_lying_there(self, reader: IdCardReader) -> None:
        # Someone else's card: never looked up for this citizen.
        if card_left_behind(self.env.services.left_card):
            self.fail(FlowError(LEFT_BEHIND, "the card on the reader is the last visit's"))
            return
        self._reading()
        reader.request_read()

    def choose(self, application_no: str) -> None:
        """One of the listed applications was picked."""
        if any(m.application_no == application_no for m in self.matches):
            self._show(application_no)

    def dismiss_matches(self) -> None:
        """Leave the list: key in or scan a slip's code instead."""
        self.data[MATCHES_KEY] = []
        self.lookup = CardLookup.IDLE
        self.clear_error()

    def _reader(self) -> IdCardReader | None:
        return self.env.devices.idcard(CARD_READER)

    def _reading(self) -> None:
        self.lookup = CardLookup.READING
        self.error = None
        self.set_busy(True)  # the citizen is here: the read holds the idle timer
        self.changed()

    def _card_event(self, event: Any) -> None:
        reading_card = self.lookup is CardLookup.READING and not self._looking_up
        if isinstance(event, StatusChanged):
            state = event.status.state
            if state is DeviceState.BUSY:
                self._reading()
            elif reading_card and state is not DeviceState.CARD_PRESENT:
                # The read ended without a card (taken away, reader lost): wait again.
                self.lookup = CardLookup.IDLE
                self.set_busy(False)
            self.changed()  # the page offers the card only while the reader works
        elif isinstance(event, CardRead):
            self._card_read(event.card)
        elif isinstance(event, CardReadFailed):
            self.lookup = CardLookup.IDLE
            self.fail(FlowError("CARD_READ_FAILED", event.code))
        elif isinstance(event, CardRemoved) and reading_card:
            self.lookup = CardLookup.IDLE
            self.fail(FlowError("CARD_REMOVED", "card taken away during the read"))
        elif isinstance(event, CardRemoved) and left_behind_error(self.error):
            self.clear_error()  # now the citizen's own card can be placed

    def _card_read(self, card: Any) -> None:
        old = self.data.get(CARD_KEY)
        if old is not None:
            old.wipe()
        self.data[CARD_KEY] = card  # the session's end wipes it, whatever happens below
        number, name = card.id_number, card.name
        card.wipe()  # only the number and name were needed, and only for the lookup below
        index, platform = self.env.services.case_index, self.env.platform
        if (index is None and platform is None) or not number:
            self.lookup = CardLookup.UNAVAILABLE
            self.set_busy(False)
            self.changed()
            return
        self._reading()
        self._lookup_no += 1
        self._looking_up = True
        ticket = self._lookup_no

        def lookup() -> tuple[bool, list[FoundApplication]]:
            found: list[FoundApplication] = []
            everywhere = False
            if platform is not None:
                try:
                    found = [
                        FoundApplication(a.application_no, a.service, a.updated_at, a.status)
                        for a in platform.search_applications(number, name)
                    ]
                    everywhere = True
                except Exception as exc:  # offline: this kiosk's own cases still help
                    if index is None:
                        raise
                    log.info("search failed", extra={"code": getattr(exc, "kind", "ERROR")})
            if index is not None:  # cases filed here and not uploaded yet are theirs too
                known = {f.application_no for f in found}
                found += [
                    FoundApplication(c.application_no, c.service_id, c.created)
                    for c in index.lookup(number)
                    if c.application_no not in known
                ]
            found.sort(key=lambda f: f.created, reverse=True)
            return everywhere, found

        self.env.call(lookup, lambda f: self._looked_up(ticket, f))

    def _looked_up(self, ticket: int, future: Future[Any]) -> None:
        if ticket != self._lookup_no:
            return  # another card, a code, or the step was left meanwhile
        self._looking_up = False
        self.set_busy(False)
        error = future.exception()
        if error is not None:
            log.warning("case index lookup failed", extra={"error": type(error).__name__})
            self.lookup = CardLookup.UNAVAILABLE
            self.changed()
            return
        self.everywhere, found = future.result()
        self.data[MATCHES_KEY] = list(found)
        log.info("card lookup", extra={"found": len(self.matches), "all": self.everywhere})
        if not self.matches:
            self.lookup = CardLookup.NONE
        elif len(self.matches) == 1:
            self.lookup = CardLookup.IDLE
            self._show(self.matches[0].application_no)
            return
        else:
            self.lookup = CardLookup.CHOOSE
        self.changed()

    def _show(self, application_no: str) -> None:
        self._lookup_no += 1
        self._looking_up = False
        self.data["query.application_no"] = application_no
        self.complete()


class Progress(enum.StrEnum):
    LOADING = "loading"
    FOUND = "found"  # the platform's status and history
    WAITING_UPLOAD = "waiting_upload"  # this kiosk holds it; not yet on the platform
    NOT_FOUND = "not_found"
    UNAVAILABLE = "unavailable"  # the platform cannot be asked now


#: The citizen's next step for each platform status (``ShowProgress.next_step``).
NEXT_STEP = {
    "received": "wait",
    "processing": "wait",
    "ready": "collect",
    "collected": "nothing",
    "rejected": "counter",
}


@step_kind
class ShowProgress(Step):
    kind = "show_progress"
    prompt_key = "show_progress"
    cancellable = False

    def enter(self) -> None:
        self.number: str = self.data["query.application_no"]
        self.service_id = self._find_service()
        self.status: Any = None
        self.state = Progress.LOADING
        self.query()

    def on_device_event(self, device: str, event: Any) -> None:
        if isinstance(event, CardRead):
            event.card.wipe()  # placed too late for this query: its data is not kept

    def query(self) -> None:
        self.state = Progress.LOADING
        self.clear_error()
        if self.env.platform is None:
            self._without_platform("NO_PLATFORM")
            return
        self.set_busy(True)
        platform, number = self.env.platform, self.number
        self.env.call(lambda: platform.application_status(number), self._answered)

    def _answered(self, future: Future[Any]) -> None:
        self.set_busy(False)
        error = future.exception()
        if error is not None:
            log.info(
                "progress query failed",
                extra={"code": getattr(error, "kind", type(error).__name__)},
            )
            self._without_platform(str(getattr(error, "kind", "ERROR")))
            return
        status = future.result()
        if status is None:
            self._without_platform("NOT_ON_PLATFORM")
            return
        self.status = status
        self.state = Progress.FOUND
        self.changed()

    def _find_service(self) -> str | None:
        """The application's service, where this kiosk knows it (its index or its queue)."""
        for match in self.data.get(MATCHES_KEY) or []:
            if match.application_no == self.number:
                return str(match.service_id)
        outbox = self.env.outbox
        known = {s.id for s in self.env.config.services}
        try:
            rows = outbox.find_case(self.number) if outbox is not None else []
        except Exception:  # the queue is in trouble: the result shows without the name
            log.exception("local case lookup failed")
            rows = []
        return next((str(r.type) for r in rows if r.type in known), None)

    @property
    def timeline(self) -> list[Any]:
        """The history, oldest first, each status once (a repeated one keeps its first date)."""
        if self.status is None:
            return []
        out: list[Any] = []
        for entry in sorted(self.status.history, key=lambda e: e.at):
            if not out or out[-1].status != entry.status:
                out.append(entry)
        return out

    @property
    def next_step(self) -> str:
        """What the citizen does next, as a key the page words."""
        if self.state is Progress.FOUND and self.status is not None:
            return NEXT_STEP.get(self.status.status, "wait")
        if self.state is Progress.WAITING_UPLOAD:
            return "wait"
        if self.state is Progress.NOT_FOUND:
            return "check_number"
        return "retry"

    def _held_locally(self) -> bool:
        outbox = self.env.outbox
        if outbox is None:
            return False
        try:
            rows = outbox.find_case(self.number)
        except Exception:  # the queue itself is in trouble: do not guess
            log.exception("local case lookup failed")
            return False
        return any(r.state in (State.PENDING, State.IN_FLIGHT) for r in rows)

    def _without_platform(self, reason: str) -> None:
        if self._held_locally():
            self.state = Progress.WAITING_UPLOAD
        elif reason == "NOT_ON_PLATFORM":
            self.state = Progress.NOT_FOUND
        else:
            self.state = Progress.UNAVAILABLE
        self.changed()

    def finish(self) -> None:
        self.complete()
