"""The 256-byte UCS-2LE text block of an ID card: decode into fields, and encode (simulator).

Two layouts are recognised by the type flag at bytes 248–249: blank for the
resident ID card, ``I`` for the 2017 foreigner's permanent-residence card.
Any other flag is refused as an unsupported card type rather than mis-parsed.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from drivers.base import ProtocolError
from drivers.idcard import idnumber
from drivers.idcard.card import CardType, IdCard, card_digest
from drivers.idcard.codes import GENDERS, NATIONS
from drivers.idcard.protocol import TEXT_SIZE

LONG_TERM = "长期"
FLAG_OFFSET = 248

# (offset in bytes, size in bytes)
RESIDENT_LAYOUT = {
    "name": (0, 30),
    "gender": (30, 2),
    "nation": (32, 4),
    "birth": (36, 16),
    "address": (52, 70),
    "id_number": (122, 36),
    "issuer": (158, 30),
    "valid_from": (188, 16),
    "valid_to": (204, 16),
}
FOREIGN_LAYOUT = {
    "english_name": (0, 120),
    "gender": (120, 2),
    "permit_number": (122, 30),
    "nationality": (152, 6),
    "name": (158, 30),
    "valid_from": (188, 16),
    "valid_to": (204, 16),
    "birth": (220, 16),
    "card_version": (236, 4),
    "authority_code": (240, 8),
    "flag": (248, 2),
}

_PERMIT = re.compile(r"[A-Z]{3}[0-9]{12}")


class CardDataError(ProtocolError):
    """The text block does not hold a well-formed card."""

    code = "CARD_DATA_INVALID"


class UnsupportedCardType(CardDataError):
    code = "CARD_TYPE_UNSUPPORTED"


def _field(block: bytes, offset: int, size: int) -> str:
    try:
        text = block[offset : offset + size].decode("utf-16-le")
    except UnicodeDecodeError as exc:
        raise CardDataError(f"bytes {offset}-{offset + size} are not valid UCS-2") from exc
    return text.strip(" \x00")


def _date(text: str, what: str) -> dt.date:
    if len(text) != 8 or not text.isascii() or not text.isdigit():
        raise CardDataError(f"{what} is not YYYYMMDD")
    try:
        return dt.date(int(text[:4]), int(text[4:6]), int(text[6:]))
    except ValueError as exc:
        raise CardDataError(f"{what} is not a calendar date") from exc


def _gender(code: str) -> str:
    gender = GENDERS.get(code)
    if gender is None:
        raise CardDataError("gender code unknown")
    return gender


def _validity(f: dict[str, str]) -> tuple[dt.date, dt.date | None]:
    """Valid-from and valid-to dates; no valid-to on a long-term (长期) card."""
    valid_from = _date(f["valid_from"], "valid-from date")
    valid_to = None if f["valid_to"] == LONG_TERM else _date(f["valid_to"], "valid-to date")
    return valid_from, valid_to


def _common(
    card_type: CardType,
    f: dict[str, str],
    gender: str,
    number: str,
    birth: dt.date,
    validity: tuple[dt.date, dt.date | None],
) -> dict[str, Any]:
    """The fields every card type has, checked already, as IdCard keywords."""
    return {
        "card_type": card_type,
        "name": f["name"],
        "gender_code": f["gender"],
        "gender": gender,
        "birth_date": birth,
        "id_number": number,
        "valid_from": validity[0],
        "valid_to": validity[1],
        "digest": card_digest(card_type, number, f["valid_from"]),
    }


def card_type_flag(block: bytes) -> str:
    return _field(block, FLAG_OFFSET, 2)


def decode_text_block(block: bytes) -> IdCard:
    """Decode a text block; raises :class:`CardDataError` (or a subclass) and nothing else."""
    if len(block) != TEXT_SIZE:
        raise CardDataError(f"text block has {len(block)} bytes, expected {TEXT_SIZE}")
    flag = card_type_flag(block)
    if flag == "":
        return _decode_resident(block)
    if flag == "I":
        return _decode_foreign(block)
    raise UnsupportedCardType("unsupported card type flag")


def _decode_resident(block: bytes) -> IdCard:
    f = {key: _field(block, *span) for key, span in RESIDENT_LAYOUT.items()}
    if not f["name"]:
        raise CardDataError("name is empty")
    gender = _gender(f["gender"])
    if not re.fullmatch(r"[0-9]{2}", f["nation"]):
        raise CardDataError("nation code is not two digits")
    number = f["id_number"].upper()
    why = idnumber.problem(number)
    if why is not None:
        raise CardDataError(f"identity number invalid: {why}", code="ID_NUMBER_INVALID")
    birth = _date(f["birth"], "birth date")
    if number[6:14] != f["birth"]:
        raise CardDataError("birth date disagrees with the identity number")
    return IdCard(
        **_common(CardType.RESIDENT, f, gender, number, birth, _validity(f)),
        nation_code=f["nation"],
        # An unlisted code is shown as its number rather than refusing the card.
        nation=NATIONS.get(f["nation"], f["nation"]),
        address=f["address"],
        issuer=f["issuer"],
    )


def _decode_foreign(block: bytes) -> IdCard:
    f = {key: _field(block, *span) for key, span in FOREIGN_LAYOUT.items()}
    if not (f["english_name"] or f["name"]):
        raise CardDataError("name is empty")
    gender = _gender(f["gender"])
    number = f["permit_number"].upper()
    if not _PERMIT.fullmatch(number):
        raise CardDataError(
            "permit number is not 3 letters and 12 digits", code="ID_NUMBER_INVALID"
        )
    if not re.fullmatch(r"[A-Z]{3}", f["nationality"]):
        raise CardDataError("nationality is not a 3-letter code")
    validity = _validity(f)
    birth = _date(f["birth"], "birth date")
    return IdCard(
        **_common(CardType.FOREIGN_PERMANENT, f, gender, number, birth, validity),
        english_name=f["english_name"],
        nationality=f["nationality"],
        card_version=f["card_version"],
        authority_code=f["authority_code"],
    )


# ---------------------------------------------------------------- encoding (simulator, tests)


def _put(block: bytearray, offset: int, size: int, text: str) -> None:
    raw = text.encode("utf-16-le")
    if len(raw) > size:
        raise ValueError(f"{text!r} does not fit in {size} bytes")
    block[offset : offset + size] = raw + " ".encode("utf-16-le") * ((size - len(raw)) // 2)


def _blank() -> bytearray:
    return bytearray(" ".encode("utf-16-le") * (TEXT_SIZE // 2))


def encode_resident(fields: dict[str, str]) -> bytes:
    """Build a resident-card text block from string fields named as in RESIDENT_LAYOUT."""
    block = _blank()
    for key, (offset, size) in RESIDENT_LAYOUT.items():
        _put(block, offset, size, fields.get(key, ""))
    return bytes(block)


def encode_foreign(fields: dict[str, str]) -> bytes:
    """Build a foreigner's permanent-residence card block (flag 'I' set automatically)."""
    block = _blank()
    for key, (offset, size) in FOREIGN_LAYOUT.items():
        _put(block, offset, size, "I" if key == "flag" else fields.get(key, ""))
    return bytes(block)
