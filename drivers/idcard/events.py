"""Events an ID card reader reports (besides StatusChanged)."""

from __future__ import annotations

from dataclasses import dataclass

from drivers.base import DeviceEvent
from drivers.idcard.card import IdCard


@dataclass(frozen=True, slots=True)
class CardRead(DeviceEvent):
    """A card was placed (or a read was requested) and read; the receiver owns ``card``
    and must call ``card.wipe()`` when its session ends."""

    card: IdCard


@dataclass(frozen=True, slots=True)
class CardReadFailed(DeviceEvent):
    """A card is there but could not be read (after retries), or the reader went away mid-read."""

    code: str
    detail: str


@dataclass(frozen=True, slots=True)
class CardRemoved(DeviceEvent):
    """The card that was on the reader has been taken away (also part way through its read)."""


@dataclass(frozen=True, slots=True)
class CardStillPresent(DeviceEvent):
    """The reader found a card again and it is the same card as before: not a new holder."""
