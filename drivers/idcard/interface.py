"""The ID card reader as flows use it.

Cards arrive as events (``drivers.idcard.events``: CardRead, CardReadFailed,
CardRemoved) through the device's listeners; a flow may only ask for a card lying
on the reader to be read now.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from drivers.device_interface import ReportsStatus


@runtime_checkable
class IdCardReader(ReportsStatus, Protocol):
    def request_read(self) -> None:
        """Read the card lying on the reader (again); the outcome comes as an event."""
        ...
