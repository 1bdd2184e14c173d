"""The data read from one ID card, masked wherever it is shown and wiped at session end."""

from __future__ import annotations

import datetime as dt
import enum
import hashlib
import hmac
import secrets
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # numpy costs start-up time; only the photo's type needs it
    import numpy as np

# Per-process key: digests let the driver tell "same card" apart from "another
# card" without keeping the number, and mean nothing outside this process.
_DIGEST_KEY = secrets.token_bytes(32)


class CardType(enum.StrEnum):
    RESIDENT = "resident"  # 居民身份证
    FOREIGN_PERMANENT = "foreign_permanent"  # 外国人永久居留身份证 (2017 layout, flag 'I')


def card_digest(card_type: str, number: str, valid_from: str) -> str:
    """A keyed, process-local fingerprint of a card (not reversible, not logged as PII)."""
    msg = f"{card_type}|{number}|{valid_from}".encode()
    return hmac.new(_DIGEST_KEY, msg, hashlib.sha256).hexdigest()[:24]


def mask_id_number(number: str) -> str:
    """Keep the first and last four characters: ``1101**********123X``."""
    if len(number) < 9:
        return "*" * len(number)
    return number[:4] + "*" * (len(number) - 8) + number[-4:]


def mask_name(name: str) -> str:
    """Keep the first character (and any '·' separators): ``张*``, ``阿***·***``."""
    if not name:
        return ""
    return name[0] + "".join(c if c == "·" else "*" for c in name[1:])


def mask_address(address: str) -> str:
    return address[:3] + "*" * max(0, len(address) - 3) if address else ""


@dataclass(eq=False, repr=False)
class IdCard:
    """Fields of one card. ``repr``/``str`` mask personal data; call :meth:`wipe` at session end.

    ``valid_to`` is None for a long-term (长期) card. ``photo`` is the decoded
    photo (BGR, usually 102×126) or None with the reason in ``photo_error``.
    The fingerprint block is kept in memory only and never serialised.
    """

    card_type: CardType
    name: str
    gender_code: str
    gender: str
    birth_date: dt.date | None
    id_number: str
    valid_from: dt.date | None
    valid_to: dt.date | None
    nation_code: str = ""
    nation: str = ""
    address: str = ""
    issuer: str = ""
    english_name: str = ""
    nationality: str = ""
    card_version: str = ""
    authority_code: str = ""
    photo_wlt: bytearray = field(default_factory=bytearray)
    photo: np.ndarray | None = None
    photo_error: str = ""
    fingerprint: bytearray | None = None
    digest: str = ""
    wiped: bool = False

    @property
    def long_term(self) -> bool:
        return self.valid_to is None and not self.wiped

    @property
    def masked_id_number(self) -> str:
        return mask_id_number(self.id_number)

    @property
    def masked_name(self) -> str:
        return mask_name(self.name or self.english_name)

    def is_expired(self, today: dt.date | None = None) -> bool:
        if self.valid_to is None:
            return False
        return self.valid_to < (today or dt.date.today())

    def wipe(self) -> None:
        """Overwrite the binary blocks and drop every personal field."""
        for block in (self.photo_wlt, self.fingerprint):
            if block is not None:
                block[:] = bytes(len(block))
        if self.photo is not None:
            self.photo.fill(0)
        self.photo = None
        self.fingerprint = None
        self.photo_wlt = bytearray()
        self.name = self.english_name = self.address = self.id_number = ""
        self.issuer = self.nation = self.nation_code = self.gender = self.gender_code = ""
        self.nationality = self.card_version = self.authority_code = ""
        self.birth_date = self.valid_from = self.valid_to = None
        self.digest = ""
        self.wiped = True

    def to_dict(self, *, unmasked: bool = False) -> dict[str, Any]:
        """Fields for display or JSON; masked unless ``unmasked``. Never the fingerprint."""

        def iso(d: dt.date | None) -> str:
            return d.isoformat() if d else ""

        birth = iso(self.birth_date)
        return {
            "card_type": str(self.card_type),
            "name": self.name if unmasked else mask_name(self.name),
            "english_name": self.english_name if unmasked else mask_name(self.english_name),
            "gender": self.gender,
            "nation": self.nation,
            "nationality": self.nationality,
            "birth_date": birth if unmasked or not birth else birth[:4] + "-**-**",
            "address": self.address if unmasked else mask_address(self.address),
            "id_number": self.id_number if unmasked else self.masked_id_number,
            "issuer": self.issuer,
            "authority_code": self.authority_code,
            "card_version": self.card_version,
            "valid_from": iso(self.valid_from),
            "valid_to": "长期" if self.long_term else iso(self.valid_to),
            "photo": "available" if self.photo is not None else self.photo_error or "unavailable",
            "fingerprint": f"{len(self.fingerprint)} bytes, in memory only"
            if self.fingerprint
            else "none",
        }

    def __repr__(self) -> str:
        if self.wiped:
            return "IdCard(<wiped>)"
        photo = "yes" if self.photo is not None else "no"
        fp = "yes" if self.fingerprint else "no"
        return (
            f"IdCard(type={self.card_type}, name={self.masked_name!r}, "
            f"id_number={self.masked_id_number!r}, photo={photo}, fingerprint={fp})"
        )

    __str__ = __repr__
