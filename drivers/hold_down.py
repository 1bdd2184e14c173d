"""Which status changes of a device are reported, and when: the hold-down.

A pure filter between what a driver sees (every status it sets) and what its
listeners hear. It only decides; the caller publishes what it returns and asks
:meth:`HoldDown.due` now and then for held changes whose time has come. The
rule is described in :mod:`drivers.supervisor`.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from drivers.base import DeviceState, DeviceStatus

Clock = Callable[[], float]


def is_lost(status: DeviceStatus) -> bool:
    """OFFLINE: the device cannot be reached (a connection state, not a device condition)."""
    return status.state is DeviceState.OFFLINE


def _first_report(reported: DeviceStatus) -> bool:
    # Opening, and the first connection of a driver that connects in the background.
    return reported.state is DeviceState.CLOSED or reported.code == "CONNECTING"


class HoldDown:
    """Holds a loss until it lasts, and a return until it proves stable.

    Not thread-safe: the owner calls it under its own lock.
    """

    def __init__(self, hold_down_s: float, clock: Clock = time.monotonic) -> None:
        self.hold_down_s = hold_down_s
        self.clock = clock
        self._reported = DeviceStatus.closed()
        self._latest = DeviceStatus.closed()
        #: First loss of the current unsettled spell (None once the device has held steady).
        self._lost_since: float | None = None
        #: Lost again before it settled: the device flaps.
        self._relapsed = False
        #: Since when the device is back (None while it is lost).
        self._back_since: float | None = None

    @property
    def latest(self) -> DeviceStatus:
        """The last status the driver set, reported or not."""
        return self._latest

    @property
    def reported(self) -> DeviceStatus:
        return self._reported

    def offer(self, status: DeviceStatus) -> DeviceStatus | None:
        """The driver set ``status``: what to report now, or None."""
        now = self.clock()
        was_lost = is_lost(self._latest)
        self._latest = status
        if status.state is DeviceState.CLOSED:
            self._lost_since, self._relapsed, self._back_since = None, False, None
        elif is_lost(status):
            self._back_since = None
            if not was_lost:
                if self._lost_since is None:
                    self._lost_since = now
                else:
                    self._relapsed = True
        elif was_lost or self._back_since is None:
            self._back_since = now
        return self._decide(now)

    def due(self) -> DeviceStatus | None:
        """A held change whose time has come, to report now; else None."""
        return self._decide(self.clock())

    @property
    def holding(self) -> bool:
        """A change is held back (ask :meth:`due` again later)."""
        return self._latest != self._reported

    def _decide(self, now: float) -> DeviceStatus | None:
        back = self._back_since
        if back is not None and now - back >= self.hold_down_s:
            self._lost_since, self._relapsed = None, False  # settled
        if self._latest == self._reported or self._held(now):
            return None
        self._reported = self._latest
        return self._latest

    def _held(self, now: float) -> bool:
        hold = self.hold_down_s
        latest, reported = self._latest, self._reported
        if hold <= 0 or latest.state is DeviceState.CLOSED or _first_report(reported):
            return False
        if is_lost(latest) and not is_lost(reported):
            # A loss: reported once it lasts, at once if the device flaps.
            since = self._lost_since
            return not self._relapsed and since is not None and now - since < hold
        if is_lost(reported) and not is_lost(latest):
            # A return: reported once the device has stayed for the whole window.
            back = self._back_since
            return back is None or now - back < hold
        return False
