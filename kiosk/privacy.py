"""The one redaction path for personal data: screens, slips, logs and telemetry.

Masking rules (one rule each, used everywhere):

    ID number   first and last four kept:     1101**********123X
    name        first character kept:         张*, 阿***·***
    phone       middle four hidden:           139****5678

Shown unmasked only to the person it belongs to, where they must check it: their
own name on the confirm screen (``kiosk.flow.identity.Confirm``) and the phone
number while they type it and on that confirm screen. Everywhere else the rules
above apply.

The log filter is a second line of defence: code never passes personal data to
a logger, and anything that looks like an ID or mobile number is masked anyway.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from typing import Any

from drivers.idcard import idnumber
from drivers.idcard.card import mask_address, mask_id_number, mask_name

__all__ = [
    "PII_KEYS",
    "PiiLogFilter",
    "mask_address",
    "mask_id_number",
    "mask_name",
    "mask_phone",
    "redact",
    "scrub_text",
]

#: Keys whose values are personal data wherever they appear.
PII_KEYS = frozenset(
    {
        "id_number",
        "name",
        "address",
        "phone",
        "text",
        "photo",
        "face_jpeg",
        "fingerprint",
        "birth_date",
        "nation",
        "gender",
        "issuer",
    }
)

# 18-character ID numbers (17 digits + digit/X) and mainland mobile numbers,
# not inside longer digit runs (timestamps, order numbers). An ID-number-shaped
# run is masked only when it passes GB 11643 (check digit, date of birth), so
# 18-digit application and order numbers stay readable in logs and slips.
_ID_NUMBER = re.compile(r"(?<![0-9])[1-9][0-9]{16}[0-9Xx](?![0-9])")
_MOBILE = re.compile(r"(?<![0-9])1[3-9][0-9]{9}(?![0-9])")


def mask_phone(phone: str) -> str:
    if len(phone) <= 7:
        return phone
    return phone[:3] + "*" * (len(phone) - 7) + phone[-4:]


def _mask_if_id_number(match: re.Match[str]) -> str:
    number = match.group(0)
    return mask_id_number(number) if idnumber.is_valid(number.upper()) else number


def scrub_text(text: str) -> str:
    """Mask anything in free text that looks like an ID or mobile number."""
    text = _ID_NUMBER.sub(_mask_if_id_number, text)
    return _MOBILE.sub(lambda m: mask_phone(m.group(0)), text)


def redact(data: Any) -> Any:
    """A copy of ``data`` with personal values replaced, for logs and diagnostics."""
    if isinstance(data, Mapping):
        return {k: "<redacted>" if k in PII_KEYS else redact(v) for k, v in data.items()}
    if isinstance(data, list | tuple):
        return [redact(v) for v in data]
    if isinstance(data, str):
        return scrub_text(data)
    if isinstance(data, bytes | bytearray | memoryview):
        return f"<{len(data)} bytes>"
    return data


#: Attributes every LogRecord has (its logger's ``name`` is not a person's name).
_RECORD_ATTRS = frozenset(vars(logging.makeLogRecord({}))) | {"message", "asctime"}


class PiiLogFilter(logging.Filter):
    """Redacts PII keys in ``extra`` fields and masks number-shaped PII in messages."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        scrubbed = scrub_text(message)
        if scrubbed != message:
            record.msg, record.args = scrubbed, None
        for key, value in list(vars(record).items()):
            if key in _RECORD_ATTRS:
                continue
            if key in PII_KEYS:
                setattr(record, key, "<redacted>")
            elif isinstance(value, str) and key not in ("msg", "message"):
                setattr(record, key, scrub_text(value))
        return True


def wipe_unclaimed(event: Any) -> None:
    """Wipe the personal data a device event carries that no visit takes.

    A card placed on the reader at the home screen is read by the driver all the
    same; with no visit to take it, its data is nobody's to keep in memory.
    """
    wipe = getattr(getattr(event, "card", None), "wipe", None)
    if callable(wipe):
        wipe()
