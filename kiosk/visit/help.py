"""What a citizen who called staff is told: whether someone comes, how soon, what else helps.

At 2 a.m. nobody comes: saying "已呼叫工作人员" and nothing else leaves the citizen
waiting for no one. The answer follows the hall's staffed days and hours
(``[kiosk] staffed_*``): while staffed, about how long staff take; otherwise that
nobody is on site and when they are. Either way the alternatives: the hotline
(``help_phone``) and video help where the hall has it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from kiosk.config.schema import KioskIdentity, Text


@dataclass(frozen=True)
class HelpAnswer:
    """The help dialog's facts; the UI words them."""

    on_site: bool  # staff are in the hall now and will come
    wait_min: int  # about how long they take (while on site)
    staffed_from: dt.time
    staffed_until: dt.time
    staffed_days: tuple[int, ...]  # ISO weekdays
    phone: str  # the hotline, "" if none
    video: Text | None  # how to reach video help, if the hall has it
    recorded: bool  # the request reached the queue (the log has it either way)


def staffed_at(kiosk: KioskIdentity, now: dt.datetime) -> bool:
    """Whether staff are in the hall at ``now`` (local time)."""
    if now.isoweekday() not in kiosk.staffed_days:
        return False
    return kiosk.staffed_from <= now.time() < kiosk.staffed_until


def help_answer(kiosk: KioskIdentity, now: dt.datetime, recorded: bool) -> HelpAnswer:
    return HelpAnswer(
        on_site=staffed_at(kiosk, now),
        wait_min=kiosk.staff_wait_min,
        staffed_from=kiosk.staffed_from,
        staffed_until=kiosk.staffed_until,
        staffed_days=tuple(kiosk.staffed_days),
        phone=kiosk.help_phone,
        video=kiosk.video_help,
        recorded=recorded,
    )
