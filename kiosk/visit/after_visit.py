"""Between visits: the card left on the reader, the slip left in the outlet, reprint from home.

A citizen who walks off without their card or slip is asked for it as the visit
ends by a full-screen, spoken, flashing prompt (``TakeItems``) for a short while,
then on the home screen until it is taken or, for the slip, for a bounded time
(``kiosk.visit.slip_reminder``). The last slip can be printed again from home,
but only until the next visit starts: it belongs to the citizen who printed it.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future
from typing import TYPE_CHECKING, Any

from drivers.base import DeviceState
from kiosk.flow.engine import Executor
from kiosk.visit.events import Notice, Reminders, ReprintAvailable, Say, TakeItems, VisitEvent

if TYPE_CHECKING:
    from kiosk.app import KioskCore

#: How long a reprint notice stays on the home screen.
NOTICE_S = 15.0
#: How long the full-screen prompt to take the card or slip stays up at most; the home
#: screen's line asks on after it. The next citizen should not inherit a flashing screen.
TAKE_PROMPT_S = 30.0


class AfterVisit:
    """Reminders and reprint on the home screen; polled by the visit controller's tick."""

    def __init__(
        self,
        core: KioskCore,
        emit: Callable[[VisitEvent], None],
        run_async: Executor,
        clock: Callable[[], float],
    ) -> None:
        self._core = core  # its reminder and last slip are looked up each time (tests swap them)
        self._emit = emit
        self._run_async = run_async
        self._clock = clock
        self.card_reminded = False
        self.slip_reminded = False
        self._reprint = False  # the home screen starts without the offer
        self._notice_until: float | None = None
        self._prompt_until: float | None = None  # the full-screen prompt is up until then
        self._prompting: tuple[bool, bool] = (False, False)

    # ---- a visit starts or ends
    def visit_started(self) -> None:
        """The next citizen inherits neither the last slip nor the reminder to take it."""
        self._core.last_slip.forget()
        self._core.slip_reminder.dismiss()
        self.dismiss_prompt()
        if self.slip_reminded:
            self.slip_reminded = False
            self._show_reminders()
        self.refresh_reprint()

    def visit_ended(self) -> None:
        self.refresh_reprint()
        self.check_card()
        self._check_slip()
        if self.card_reminded or self.slip_reminded:
            self._prompt_until = self._clock() + TAKE_PROMPT_S
            self._show_prompt()

    def dismiss_prompt(self) -> None:
        """The full-screen prompt goes (touched "已取走", a visit began); the home line stays."""
        if self._prompt_until is None and self._prompting == (False, False):
            return
        self._prompt_until = None
        self._show_prompt()

    def tick(self) -> None:
        self.refresh_reprint()
        if self._prompt_until is not None and self._clock() >= self._prompt_until:
            self.dismiss_prompt()
        if self.slip_reminded:
            self._poll_slip()
        if self._notice_until is not None and self._clock() >= self._notice_until:
            self._notice_until = None
            self._show_reminders()  # the notice goes; what still applies stays

    # ---- the card left on the reader
    def check_card(self) -> None:
        """Remind the citizen who walked off without their card; stop once it is taken."""
        reader = self._core.devices.get("idcard")
        present = reader is not None and reader.status.state is DeviceState.CARD_PRESENT
        if present and self._core.sessions.current is None:
            if not self.card_reminded:
                self.card_reminded = True
                self._show_reminders()
                self._emit(Say("card_left"))
        elif self.card_reminded and not present:
            self.card_reminded = False
            self._show_reminders()

    # ---- the slip left in the outlet
    def _check_slip(self) -> None:
        """The visit ended soon after its slip printed: ask for the slip, for a bounded time."""
        if not self._core.slip_reminder.visit_ended(self._printer()):
            return
        self.slip_reminded = True
        self._show_reminders()
        self._emit(Say("card_and_slip_left" if self.card_reminded else "slip_left"))

    def _poll_slip(self) -> None:
        """End the slip reminder on time, when the outlet is empty, or when a visit begins."""
        reminder = self._core.slip_reminder
        if self._core.sessions.current is not None:
            reminder.dismiss()
        if reminder.active(self._printer()):
            return
        self.slip_reminded = False
        self._show_reminders()

    def _show_reminders(self) -> None:
        self._emit(Reminders(card=self.card_reminded, slip=self.slip_reminded))
        self._show_prompt()

    def _show_prompt(self) -> None:
        prompting = (
            (self.card_reminded, self.slip_reminded)
            if self._prompt_until is not None
            else (False, False)
        )
        if prompting != self._prompting:  # only a change redraws (and flashes anew)
            self._prompting = prompting
            self._emit(TakeItems(*prompting))
        if prompting == (False, False):
            self._prompt_until = None

    # ---- reprint from home
    def refresh_reprint(self) -> None:
        available = self._core.last_slip.get() is not None
        if available != self._reprint:
            self._reprint = available
            self._emit(ReprintAvailable(available))

    def reprint(self) -> None:
        slip = self._core.last_slip.get()
        printer = self._printer()
        self.refresh_reprint()
        if slip is None:
            return
        if printer is None or not printer.status.usable:
            self._notice("printer_down")
            return
        self._notice("reprinting")

        def done(future: Future[Any]) -> None:
            ok = future.exception() is None and future.result().printed
            self._notice("reprinted" if ok else "reprint_failed")

        self._run_async(lambda: printer.print_slip(slip), done)

    def _notice(self, key: str) -> None:
        self._notice_until = self._clock() + NOTICE_S
        self._emit(Notice(key))

    def _printer(self) -> Any:
        return self._core.devices.get("printer")
