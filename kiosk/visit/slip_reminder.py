"""Reminding a citizen to take the slip (凭条) out of the printer's outlet after the visit.

Whether a slip is still in the outlet is something most receipt printers cannot tell:
ESC/POS ``DLE EOT 5`` (presenter status) exists only on kiosk printers with a presenter,
its bits are model-specific, python-escpos has no query for it, and the escpos driver
here does not send it. So by default the reminder is time-based and says no more than
that: a visit that ends within ``recent_s`` of a slip being printed may have left it
behind, and the home screen asks to take it ("请取走出纸口的凭条", an instruction, not a
claim that a slip is there) for ``show_s`` at most.

A printer driver that does know (it polls a presenter sensor) exposes a cheap, cached
``slip_in_outlet`` attribute: True (a slip waits in the outlet), False (none, or it was
taken) or None (cannot tell). Its answer replaces the guess: False ends or prevents the
reminder, True starts it however long the visit lasted after printing (still bounded).
"""

from __future__ import annotations

import time
from collections.abc import Callable

#: A visit ending this soon after its slip printed may have left the slip behind. Long
#: enough for the rating that follows the slip and an idle timeout on it (60 s + 30 s).
RECENT_S = 120.0
#: The home screen asks for this long at most: the next citizen should not inherit it.
SHOW_S = 30.0


def outlet_sensor(printer: object) -> bool | None:
    """What the printer knows about its outlet: True, False, or None when it cannot tell."""
    value = getattr(printer, "slip_in_outlet", None)
    return value if isinstance(value, bool) else None


class SlipReminder:
    """When to ask for the slip to be taken; one reminder per printed slip."""

    def __init__(
        self,
        recent_s: float = RECENT_S,
        show_s: float = SHOW_S,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.recent_s = recent_s
        self.show_s = show_s
        self._clock = clock
        self._printed_at: float | None = None
        self._until: float | None = None

    def printed(self) -> None:
        """A slip has just come out of the printer."""
        self._printed_at = self._clock()

    def visit_ended(self, printer: object = None) -> bool:
        """The visit is over: start reminding if the slip is (probably) still in the outlet."""
        sensor = outlet_sensor(printer)
        printed_at, self._printed_at = self._printed_at, None
        if printed_at is None or sensor is False:
            return False
        if sensor is None and self._clock() - printed_at > self.recent_s:
            return False
        self._until = self._clock() + self.show_s
        return True

    def active(self, printer: object = None) -> bool:
        """Whether the home screen should still ask; ends on time or when the slip is gone."""
        if self._until is None:
            return False
        if outlet_sensor(printer) is False or self._clock() >= self._until:
            self._until = None
            return False
        return True

    def dismiss(self) -> None:
        """Stop reminding (a new visit began)."""
        self._until = None
