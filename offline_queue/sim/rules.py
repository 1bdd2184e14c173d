"""What the simulated platform accepts: request shape and per-type payload rules.

A request that is not ``{"transactions": [...]}`` of objects, each with a string
``id``, is a 400; one with more than 100 transactions is a 413. Each transaction
is then checked on its own and, if it breaks a rule, rejected with the reason
(it will never be accepted):

- ``id`` a canonical UUID, ``type`` matching ``[a-z][a-z0-9_.-]*``,
  ``created_at`` RFC 3339 with an offset, ``payload`` an object;
- per type (:data:`TYPE_RULES`): ``id_card_reissue`` needs ``application_no``,
  a well-formed 18-character ``id_number`` (GB 11643 check digit) and a ``name``;
  ``payment`` needs an integer ``amount_fen`` ≥ 0; ``rating`` needs ``level`` 1–5;
  ``card_collected`` needs ``application_no``, an integer ``slot`` ≥ 1 and
  ``collected_at`` (RFC 3339 with an offset).
  ``certificate_printed`` needs ``certificate_no``, ``kind`` and ``printed_at``.
  Other types only need an object payload.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime
from typing import Any

from offline_queue.ids import is_uuid

MAX_BATCH = 100
MAX_BODY_BYTES = 8 * 1024 * 1024

_TYPE_RE = re.compile(r"^[a-z][a-z0-9_.-]{0,63}$")
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"


class BadRequest(Exception):
    """The request body itself is malformed (400)."""


class BatchTooLarge(BadRequest):
    """More transactions in one request than the contract allows (413)."""


def id_check_char(first17: str) -> str:
    """GB 11643-1999 check character for the first 17 digits of an ID number."""
    return _CHECK[sum(int(d) * w for d, w in zip(first17, _WEIGHTS, strict=True)) % 11]


def valid_id_number(value: object) -> bool:
    """An 18-character resident ID number with a correct check character."""
    return (
        isinstance(value, str)
        and len(value) == 18
        and value[:17].isascii()  # "²".isdigit() is True, and int("²") raises
        and value[:17].isdigit()
        and value[17] == id_check_char(value[:17])
    )


def _need_str(field: str) -> Callable[[dict[str, Any]], str | None]:
    def check(p: dict[str, Any]) -> str | None:
        v = p.get(field)
        return None if isinstance(v, str) and v.strip() else f"payload.{field}: missing"

    return check


def _id_number(p: dict[str, Any]) -> str | None:
    return None if valid_id_number(p.get("id_number")) else "payload.id_number: invalid"


def _amount(p: dict[str, Any]) -> str | None:
    v = p.get("amount_fen")
    ok = isinstance(v, int) and not isinstance(v, bool) and v >= 0
    return None if ok else "payload.amount_fen: not a non-negative integer"


def _level(p: dict[str, Any]) -> str | None:
    v = p.get("level")
    ok = isinstance(v, int) and not isinstance(v, bool) and 1 <= v <= 5
    return None if ok else "payload.level: not 1 to 5"


def _slot(p: dict[str, Any]) -> str | None:
    v = p.get("slot")
    ok = isinstance(v, int) and not isinstance(v, bool) and v >= 1
    return None if ok else "payload.slot: not a slot number"


def _collected_at(p: dict[str, Any]) -> str | None:
    v = p.get("collected_at")
    try:
        ok = isinstance(v, str) and datetime.fromisoformat(v).tzinfo is not None
    except ValueError:
        ok = False
    return None if ok else "payload.collected_at: not RFC 3339 with offset"


Rule = Callable[[dict[str, Any]], str | None]

TYPE_RULES: dict[str, list[Rule]] = {
    "id_card_reissue": [_need_str("application_no"), _id_number, _need_str("name")],
    "payment": [_amount],
    "rating": [_level],
    "card_collected": [_need_str("application_no"), _slot, _collected_at],
    # The number, kind and time of a printed certificate; never the document.
    "certificate_printed": [
        _need_str("certificate_no"),
        _need_str("kind"),
        _need_str("printed_at"),
    ],
}


def parse_batch(doc: Any) -> list[dict[str, Any]]:
    """The transactions of a request body; raise :class:`BadRequest` when malformed."""
    if not isinstance(doc, dict) or not isinstance(doc.get("transactions"), list):
        raise BadRequest("body must be an object with a transactions list")
    txs: list[dict[str, Any]] = doc["transactions"]
    if len(txs) > MAX_BATCH:
        raise BatchTooLarge(f"more than {MAX_BATCH} transactions")
    for tx in txs:
        if not isinstance(tx, dict) or not isinstance(tx.get("id"), str):
            raise BadRequest("every transaction must be an object with a string id")
    return txs


def check_transaction(tx: dict[str, Any], rules: dict[str, list[Rule]] | None = None) -> str | None:
    """Why this transaction is invalid, or None."""
    if not is_uuid(tx["id"]):
        return "id: not a canonical UUID"
    kind = tx.get("type")
    if not isinstance(kind, str) or not _TYPE_RE.match(kind):
        return "type: missing or malformed"
    created = tx.get("created_at")
    try:
        if not isinstance(created, str) or datetime.fromisoformat(created).tzinfo is None:
            return "created_at: not RFC 3339 with offset"
    except ValueError:
        return "created_at: not RFC 3339 with offset"
    payload = tx.get("payload")
    if not isinstance(payload, dict):
        return "payload: not an object"
    for rule in (TYPE_RULES if rules is None else rules).get(kind, []):
        reason = rule(payload)
        if reason:
            return reason
    return None
