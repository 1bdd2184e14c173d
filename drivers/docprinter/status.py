"""IPP printer and job states mapped into the common status model.

``printer-state`` (idle 3, processing 4, stopped 5) and ``printer-state-reasons``
(RFC 8011 §5.4.12, PWG 5100.9) become one :class:`~drivers.base.DeviceStatus`;
the most severe reason wins. A reason may carry a severity suffix
(``-report``, ``-warning``, ``-error``); the condition is the same whatever the
printer thinks of its severity (``ippeveprinter`` reports an empty tray as
``media-empty-report``), so the suffix is dropped before mapping.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass

from drivers.base import Actor, DeviceState, DeviceStatus

# Stable status codes of the docprinter kind.
MEDIA_EMPTY = "DOCPRINTER_MEDIA_EMPTY"
MEDIA_LOW = "DOCPRINTER_MEDIA_LOW"
MEDIA_JAM = "DOCPRINTER_MEDIA_JAM"
TRAY_MISSING = "DOCPRINTER_TRAY_MISSING"
COVER_OPEN = "DOCPRINTER_COVER_OPEN"
TONER_EMPTY = "DOCPRINTER_TONER_EMPTY"
TONER_LOW = "DOCPRINTER_TONER_LOW"
WASTE_FULL = "DOCPRINTER_WASTE_FULL"
OFFLINE = "DOCPRINTER_OFFLINE"
CONNECTING = "DOCPRINTER_CONNECTING"
STOPPED = "DOCPRINTER_STOPPED"
NOT_ACCEPTING = "DOCPRINTER_NOT_ACCEPTING"
SPOOL_FULL = "DOCPRINTER_SPOOL_FULL"
PRINTER_ERROR = "DOCPRINTER_ERROR"

_SUFFIXES = ("-report", "-warning", "-error")


class PrinterState(enum.IntEnum):
    IDLE = 3
    PROCESSING = 4
    STOPPED = 5


class JobState(enum.IntEnum):
    PENDING = 3
    PENDING_HELD = 4
    PROCESSING = 5
    PROCESSING_STOPPED = 6
    CANCELED = 7
    ABORTED = 8
    COMPLETED = 9

    @property
    def terminal(self) -> bool:
        return self >= JobState.CANCELED


def reason_keyword(reason: str) -> str:
    """``media-empty-report`` → ``media-empty``."""
    for suffix in _SUFFIXES:
        if reason.endswith(suffix):
            return reason[: -len(suffix)]
    return reason


@dataclass(frozen=True, slots=True)
class _Rule:
    keywords: frozenset[str]
    state: DeviceState
    code: str
    detail: str
    actor: Actor


# Most severe first; the first rule a reason matches decides the status.
_RULES: tuple[_Rule, ...] = (
    _Rule(
        frozenset({"media-jam", "input-tray-feed-error", "output-area-full"}),
        DeviceState.ERROR,
        MEDIA_JAM,
        "paper jam in the A4 printer: open it and clear the paper path",
        Actor.STAFF,
    ),
    _Rule(
        frozenset({"door-open", "cover-open", "interlock-open"}),
        DeviceState.COVER_OPEN,
        COVER_OPEN,
        "a door or cover of the A4 printer is open: close it",
        Actor.STAFF,
    ),
    _Rule(
        frozenset({"media-empty", "media-needed"}),
        DeviceState.PAPER_OUT,
        MEDIA_EMPTY,
        "the A4 printer is out of paper: load A4 paper",
        Actor.STAFF,
    ),
    _Rule(
        frozenset({"input-tray-missing"}),
        DeviceState.PAPER_OUT,
        TRAY_MISSING,
        "the A4 printer's paper tray is missing: put it back",
        Actor.STAFF,
    ),
    _Rule(
        frozenset({"toner-empty", "marker-supply-empty"}),
        DeviceState.ERROR,
        TONER_EMPTY,
        "the A4 printer is out of toner: replace the cartridge",
        Actor.STAFF,
    ),
    _Rule(
        frozenset({"marker-waste-full"}),
        DeviceState.ERROR,
        WASTE_FULL,
        "the A4 printer's waste toner box is full: replace it",
        Actor.STAFF,
    ),
    _Rule(
        frozenset({"offline", "shutdown", "timed-out"}),
        DeviceState.OFFLINE,
        OFFLINE,
        "the A4 printer is offline: check that it is switched on and connected",
        Actor.STAFF,
    ),
    _Rule(
        frozenset({"connecting-to-device"}),
        DeviceState.OFFLINE,
        CONNECTING,
        "the print server is connecting to the A4 printer",
        Actor.AUTOMATIC,
    ),
    _Rule(
        frozenset({"spool-area-full"}),
        DeviceState.ERROR,
        SPOOL_FULL,
        "the print server's spool area is full",
        Actor.TECHNICIAN,
    ),
    _Rule(
        frozenset({"paused", "moving-to-paused"}),
        DeviceState.OFFLINE,
        STOPPED,
        "the A4 print queue is paused: resume it",
        Actor.STAFF,
    ),
)

# Conditions that leave the printer usable but want staff soon.
_WARNINGS: tuple[_Rule, ...] = (
    _Rule(
        frozenset({"media-low"}),
        DeviceState.PAPER_LOW,
        MEDIA_LOW,
        "A4 paper is running low",
        Actor.STAFF,
    ),
    _Rule(
        frozenset({"toner-low", "marker-supply-low", "marker-waste-almost-full"}),
        DeviceState.ONLINE,
        TONER_LOW,
        "the A4 printer's toner is low: have a cartridge ready",
        Actor.STAFF,
    ),
)


def printer_status(
    state: int | None, reasons: Iterable[str], accepting: bool | None = None
) -> DeviceStatus:
    """The device status of an IPP printer's ``printer-state``, reasons and acceptance."""
    keywords = {reason_keyword(r) for r in reasons} - {"none", ""}
    for rule in _RULES:
        if keywords & rule.keywords:
            return _status(rule)
    if state == PrinterState.STOPPED:
        return DeviceStatus(
            DeviceState.ERROR,
            STOPPED,
            "the A4 printer has stopped" + _because(keywords),
            Actor.STAFF,
        )
    if accepting is False:
        return DeviceStatus(
            DeviceState.OFFLINE,
            NOT_ACCEPTING,
            "the A4 print queue does not accept jobs: enable it",
            Actor.STAFF,
        )
    for rule in _WARNINGS:
        if keywords & rule.keywords:
            return _status(rule)
    return DeviceStatus.online("A4 printer ready")


def _status(rule: _Rule) -> DeviceStatus:
    return DeviceStatus(rule.state, rule.code, rule.detail, rule.actor)


def _because(keywords: set[str]) -> str:
    # Reasons are printer keywords (never personal data); a few are enough to name the cause.
    return f" ({', '.join(sorted(keywords)[:4])})" if keywords else ""
