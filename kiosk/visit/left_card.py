"""A card left on the reader by one citizen is never read into the next citizen's visit.

When a visit ends with a card still on the reader, that card is someone's left
behind (the home screen reminds them). The next visit must not read it: it would
put that person's data — or their applications at this kiosk — in front of a
stranger. Steps that would read a card already lying there ask for it to be taken
away and the citizen's own card placed instead. Taking the card away ends that.
"""

from __future__ import annotations

import threading
from typing import Any

from drivers.base import DeviceState, StatusChanged
from drivers.idcard.events import CardRemoved

#: The ID card reader's device name.
READER = "idcard"
#: FlowError code of a step that will not read the card lying on the reader.
LEFT_BEHIND = "CARD_LEFT_BEHIND"


class LeftCardGuard:
    """Knows whether the card on the reader was there when the last visit ended."""

    def __init__(self, devices: Any, reader: str = READER) -> None:
        self._devices = devices
        self._reader = reader
        self._left = False
        self._lock = threading.Lock()

    def session_ended(self, *_: object) -> None:
        """A visit ended: a card still on the reader now belongs to nobody present."""
        reader = self._devices.get(self._reader)
        if reader is not None and reader.status.state is DeviceState.CARD_PRESENT:
            with self._lock:
                self._left = True

    def device_event(self, name: str, event: Any) -> None:
        if name != self._reader:
            return
        # Taken away, or the reader says it has no card. A reader that drops out
        # cannot tell: the card is still taken for the last visit's.
        gone = isinstance(event, CardRemoved) or (
            isinstance(event, StatusChanged) and event.status.state is DeviceState.ONLINE
        )
        if gone:
            with self._lock:
                self._left = False

    @property
    def left_behind(self) -> bool:
        """True while the card lying on the reader is the last visit's."""
        with self._lock:
            return self._left


def card_left_behind(guard: LeftCardGuard | None) -> bool:
    """For steps: is the card on the reader someone else's, left by the last visit?"""
    return guard is not None and guard.left_behind


def left_behind_error(error: Any) -> bool:
    """True for a step's error asking for the left card to be taken away."""
    return error is not None and getattr(error, "code", None) == LEFT_BEHIND
