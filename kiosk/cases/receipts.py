"""The slip (凭条): what is printed after a case is submitted, and its code.

The slip carries the application number and a QR code for collection and
progress, personal data masked, the hall's address and the pickup date. The
last slip is kept (masked, in memory) for a few minutes so a citizen who did
not get it can reprint it.
"""

from __future__ import annotations

import datetime as dt
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from drivers.printer.document import Align, Slip
from kiosk.config.schema import KioskConfig, KioskIdentity, Service
from kiosk.privacy import mask_id_number, mask_name, mask_phone

#: How the QR code marks an application number when there is no platform URL.
APP_PREFIX = "ZWFW-APP:"
_APP_NO = re.compile(r"^[0-9A-Z]{8,32}$")
_URL_TAIL = re.compile(r"/p/([0-9A-Z]{8,32})/?$")


class BadCode(ValueError):
    """A scanned code is not one of our slips' codes."""


def progress_code(config: KioskConfig, application_no: str) -> str:
    """What the QR code holds: the platform's progress page, or a plain marked number."""
    base = config.platform.base_url.rstrip("/")
    return f"{base}/p/{application_no}" if base else f"{APP_PREFIX}{application_no}"


def parse_progress_code(text: str) -> str:
    """The application number in a scanned slip code; :class:`BadCode` for anything else."""
    text = text.strip()
    if len(text) > 512:
        raise BadCode("code too long")
    if text.startswith(APP_PREFIX):
        number = text[len(APP_PREFIX) :]
    elif text.startswith(("https://", "http://")):
        match = _URL_TAIL.search(text)
        if match is None:
            raise BadCode("not a progress link")
        number = match.group(1)
    else:
        number = text  # the number typed or printed as a bar code
    if not _APP_NO.match(number):
        raise BadCode("not an application number")
    return number


def add_working_days(start: dt.date, days: int) -> dt.date:
    """``start`` plus ``days`` Monday-to-Friday days (public holidays are not known here)."""
    day = start
    while days > 0:
        day += dt.timedelta(days=1)
        if day.weekday() < 5:
            days -= 1
    return day


@dataclass(frozen=True)
class SlipFacts:
    """Everything a slip shows; personal fields are already masked."""

    service: Service
    application_no: str
    masked_name: str
    masked_id_number: str
    paid_fen: int
    created: dt.datetime
    masked_phone: str = ""  # where the result's text message goes, "" if none
    #: A 一件事 bundle's cases: (service name, application number) each, else empty.
    members: tuple[tuple[str, str], ...] = ()


def facts_from_case(
    service: Service,
    application_no: str,
    pii: dict[str, Any],
    paid_fen: int,
    members: tuple[tuple[str, str], ...] = (),
) -> SlipFacts:
    phone = str(pii.get("phone") or "") if service.sms_on_ready else ""
    return SlipFacts(
        service=service,
        application_no=application_no,
        masked_name=mask_name(pii.get("name", "")),
        masked_id_number=mask_id_number(pii["id_number"]) if pii.get("id_number") else "",
        paid_fen=paid_fen,
        created=dt.datetime.now().astimezone(),
        masked_phone=mask_phone(phone) if phone else "",
        members=members,
    )


def build_slip(config: KioskConfig, facts: SlipFacts) -> Slip:
    """The slip in Chinese (the language of the hall's counters)."""
    s, k = facts.service, config.kiosk
    slip = Slip()
    slip.text(s.name.zh, size=2, bold=True, align=Align.CENTER)
    slip.text("受理凭条", bold=True, align=Align.CENTER)
    slip.separator()
    for name, number in facts.members:
        slip.text(name)
        slip.text(f"  受理编号：{number}", bold=True)
    if not facts.members:
        slip.text(f"受理编号：{facts.application_no}", bold=True)
    if facts.masked_name:
        slip.text(f"申请人：{facts.masked_name}")
    if facts.masked_id_number:
        slip.text(f"证件号码：{facts.masked_id_number}")
    slip.text(f"受理时间：{facts.created:%Y-%m-%d %H:%M}")
    if s.fee_fen:
        slip.text(f"已缴费用：{facts.paid_fen // 100}.{facts.paid_fen % 100:02d} 元")
    if facts.masked_phone:
        slip.text(f"短信通知：{facts.masked_phone}")
    if s.pickup_working_days is not None:
        ready = add_working_days(facts.created.date(), s.pickup_working_days)
        how = "以短信通知为准" if facts.masked_phone else "请扫码查询进度"
        slip.text(f"预计可领取：{ready:%Y-%m-%d} 起（{how}）")
    slip.separator()
    for name, number in facts.members:  # each case is followed on its own, named above
        slip.text(name, align=Align.CENTER)
        slip.qr(progress_code(config, number))
    if not facts.members:
        slip.qr(progress_code(config, facts.application_no))
    slip.text("扫码或凭本凭条查询进度、领取证件", align=Align.CENTER)
    slip.separator()
    slip.text(f"领取地点：{k.hall_address.zh}")
    slip.text(k.hall_hours.zh)
    return end_slip(slip, k)


def end_slip(slip: Slip, kiosk: KioskIdentity) -> Slip:
    """Every slip's foot: whom to call, which kiosk printed it; fed out and cut."""
    if kiosk.help_phone:
        slip.text(f"咨询电话：{kiosk.help_phone}")
    slip.text(f"终端：{kiosk.id}", align=Align.RIGHT)
    slip.feed(2)
    slip.cut()
    return slip


class LastSlip:
    """The most recent slip, reprintable for ``window_s`` seconds (masked data only)."""

    def __init__(
        self, window_s: float = 300.0, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.window_s = window_s
        self._clock = clock
        self._slip: Slip | None = None
        self._at = 0.0
        self._lock = threading.Lock()

    def remember(self, slip: Slip) -> None:
        with self._lock:
            self._slip, self._at = slip, self._clock()

    def get(self) -> Slip | None:
        with self._lock:
            if self._slip is not None and self._clock() - self._at > self.window_s:
                self._slip = None
            return self._slip

    def forget(self) -> None:
        with self._lock:
            self._slip = None
