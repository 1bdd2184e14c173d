"""Fingerprint templates, captures, match results, events and typed errors.

A template is biometric personal data: it lives in a :class:`Template`
(a ``bytearray`` that :meth:`Template.wipe` overwrites), is kept in memory
only, and no ``repr``/``str`` ever shows its bytes.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import NoReturn

from drivers.base import DeviceError, DeviceEvent
from drivers.fingerprint import sim_template


class RetryReason(enum.StrEnum):
    """Why a touch gave no usable print; the citizen should try again.

    Values follow libfprint's ``FpDeviceRetry`` (0 general, 1 too short,
    2 centre finger, 3 remove finger).
    """

    GENERAL = "general"  # try again
    TOO_SHORT = "too_short"  # the swipe or touch was too short
    CENTRE_FINGER = "centre_finger"  # the finger was not centred on the sensor
    REMOVE_FINGER = "remove_finger"  # lift the finger and place it again

    @classmethod
    def from_code(cls, code: int) -> RetryReason:
        table = (cls.GENERAL, cls.TOO_SHORT, cls.CENTRE_FINGER, cls.REMOVE_FINGER)
        return table[code] if 0 <= code < len(table) else cls.GENERAL


class TemplateWiped(DeviceError):
    """The template was wiped and can no longer be used."""

    code = "TEMPLATE_WIPED"


class Template:
    """An opaque fingerprint template in a wipeable buffer; its bytes never appear in repr."""

    __slots__ = ("_data", "format")

    def __init__(self, data: bytes | bytearray | memoryview, format: str) -> None:
        self._data: bytearray | None = bytearray(data)
        #: Who can read it, e.g. ``"sim-v1"`` or ``"libfprint"``.
        self.format = format

    @property
    def wiped(self) -> bool:
        return self._data is None

    @property
    def data(self) -> bytearray:
        """The live buffer (not a copy); :class:`TemplateWiped` once wiped."""
        if self._data is None:
            raise TemplateWiped("fingerprint template was wiped")
        return self._data

    def to_bytes(self) -> bytes:
        """A copy to hand to the platform; the caller must not keep it beyond the session."""
        return bytes(self.data)

    def wipe(self) -> None:
        """Overwrite the buffer with zeros and drop it. Safe to call twice."""
        if self._data is not None:
            self._data[:] = bytes(len(self._data))
            self._data = None

    def __len__(self) -> int:
        return 0 if self._data is None else len(self._data)

    def __repr__(self) -> str:
        if self._data is None:
            return "Template(<wiped>)"
        return f"Template(format={self.format!r}, {len(self._data)} bytes)"

    __str__ = __repr__

    def __reduce__(self) -> NoReturn:  # never pickled into a queue or a log by accident
        raise TypeError("fingerprint templates are not serialisable")


@dataclass(eq=False, repr=False)
class Capture:
    """One captured finger: its template, and what the sensor said about it."""

    template: Template
    #: 0..1 where the sensor reports it, else None.
    quality: float | None = None
    finger: str = ""
    #: Touches that had to be repeated (poor quality, too short, ...).
    retries: int = 0

    def wipe(self) -> None:
        self.template.wipe()

    @property
    def wiped(self) -> bool:
        return self.template.wiped

    def __repr__(self) -> str:
        q = "n/a" if self.quality is None else f"{self.quality:.2f}"
        return f"Capture({self.template!r}, quality={q}, finger={self.finger!r})"

    __str__ = __repr__


@dataclass(frozen=True, slots=True)
class MatchResult:
    """Whether the live finger matched; ``score`` 0..1 where the matcher reports one."""

    matched: bool
    score: float | None = None


def same_finger(first: Template, second: Template) -> bool:
    """Whether two captures are of one finger (the citizen put the same finger down twice).

    The one place that decides it, by the template format:

    - ``sim-v2`` (the simulator): similarity of the noisy features, as a matcher would.
    - anything else, e.g. ``libfprint``: libfprint matches a print only against a live scan
      on the device (``fp_device_verify``); it has no print-to-print score, and
      ``fp_print_equal`` tells only whether two serialised prints are the same record. So
      only what can be compared is: byte-identical templates (one capture handed in twice).
      A vendor matcher plugin would score the pair here.
    """
    a, b = first.data, second.data
    if first.format == second.format == sim_template.FORMAT:
        return sim_template.similarity(a, b) >= sim_template.SAME_FINGER
    return first.format == second.format and a == b


# ---------------------------------------------------------------- events


@dataclass(frozen=True, slots=True)
class FingerPlaced(DeviceEvent):
    """A finger is on the sensor."""


@dataclass(frozen=True, slots=True)
class FingerRemoved(DeviceEvent):
    """The finger left the sensor."""


@dataclass(frozen=True, slots=True)
class FingerNeeded(DeviceEvent):
    """The reader waits for a finger (show "place your finger")."""


@dataclass(frozen=True, slots=True)
class CaptureRetry(DeviceEvent):
    """The touch gave no usable print; tell the citizen why and to try again."""

    reason: RetryReason


@dataclass(frozen=True, slots=True)
class EnrollProgress(DeviceEvent):
    """Enrolment took ``stage`` of ``stages`` good touches."""

    stage: int
    stages: int


# ---------------------------------------------------------------- errors


class FingerTimeout(DeviceError):
    """No usable finger was placed before the deadline."""

    code = "FINGER_TIMEOUT"


class OperationCancelled(DeviceError):
    """``cancel()`` ended the capture or verification."""

    code = "CANCELLED"


class ReaderBusy(DeviceError):
    """Another capture or verification is running on this reader."""

    code = "BUSY"


class NotSupported(DeviceError):
    """The reader or its backend cannot do this (see ``capabilities()``)."""

    code = "NOT_SUPPORTED"


class TemplateIncompatible(DeviceError):
    """The template was made by another backend and cannot be matched here."""

    code = "TEMPLATE_INCOMPATIBLE"
