"""The gateway API's wire format: request signatures and strict parsing of its answers.

Everything here is pure (no I/O) so the client, the notification receiver and
the simulator share it, and the parsers can be fuzzed: whatever bytes arrive,
only :class:`~drivers.payment.model.PaymentError` subclasses escape.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import math
import re
import secrets
import time
from collections.abc import Mapping
from typing import Any, TypeVar

from drivers.payment.model import (
    MAX_AMOUNT_FEN,
    GatewayAuthError,
    GatewayProtocolError,
    GatewayRejected,
    GatewayUnavailable,
    PaymentOutcome,
    PaymentStatus,
    RefundOutcome,
    RefundStatus,
)

API_PREFIX = "/v1"
#: Requests whose timestamp is further than this from the server's clock are refused.
MAX_CLOCK_SKEW_S = 300
HEADER_MERCHANT = "X-Merchant-Id"
HEADER_TIMESTAMP = "X-Timestamp"
HEADER_NONCE = "X-Nonce"
HEADER_SIGNATURE = "X-Signature"
#: check_signature's answer to headers that cannot be a signature at all (a 400, not a 401).
SIGNATURE_MALFORMED = "SIGNATURE_MALFORMED"
_MAX_TIMESTAMP_DIGITS = 12
_MAX_SIGNATURE_CHARS = 128
_ERROR_CODE = re.compile(r"^[A-Z][A-Z0-9_]{0,63}$")

S = TypeVar("S")  # a status enum

_PAYMENT_STATUS = {
    "PAID": PaymentStatus.PAID,
    "DECLINED": PaymentStatus.DECLINED,
    "USER_PAYING": PaymentStatus.USER_PAYING,
    "NOT_PAID": PaymentStatus.PENDING,
    "CLOSED": PaymentStatus.CLOSED,
    "EXPIRED": PaymentStatus.EXPIRED,
}
_REFUND_STATUS = {
    "SUCCESS": RefundStatus.SUCCESS,
    "PROCESSING": RefundStatus.PROCESSING,
    "FAILED": RefundStatus.FAILED,
}


# ---------------------------------------------------------------- signatures


def string_to_sign(method: str, path: str, timestamp: str, nonce: str, body: bytes) -> bytes:
    digest = hashlib.sha256(body).hexdigest()
    return f"{method.upper()}\n{path}\n{timestamp}\n{nonce}\n{digest}".encode()


def sign(key: bytes, method: str, path: str, timestamp: str, nonce: str, body: bytes) -> str:
    """Hex HMAC-SHA256 of the request line, timestamp, nonce and body digest."""
    message = string_to_sign(method, path, timestamp, nonce, body)
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def signed_headers(
    merchant_id: str, key: bytes, method: str, path: str, body: bytes, now: float | None = None
) -> dict[str, str]:
    timestamp = str(int(time.time() if now is None else now))
    nonce = secrets.token_hex(8)
    return {
        HEADER_MERCHANT: merchant_id,
        HEADER_TIMESTAMP: timestamp,
        HEADER_NONCE: nonce,
        HEADER_SIGNATURE: sign(key, method, path, timestamp, nonce, body),
    }


def check_signature(
    headers: Mapping[str, str],
    key: bytes,
    method: str,
    path: str,
    body: bytes,
    *,
    merchant_id: str | None = None,
    now: float | None = None,
) -> str:
    """ "" when the headers sign this request, else the error code to answer with."""
    timestamp = headers.get(HEADER_TIMESTAMP, "")
    nonce = headers.get(HEADER_NONCE, "")
    signature = headers.get(HEADER_SIGNATURE, "")
    if merchant_id is not None and headers.get(HEADER_MERCHANT, "") != merchant_id:
        return "MERCHANT_UNKNOWN"
    if not (timestamp and nonce and signature):
        return "SIGNATURE_MISSING"
    # Checked before any arithmetic or comparison: int() and compare_digest raise on
    # non-ASCII text ("²".isdigit() is True) and int() on thousands of digits.
    if not (
        timestamp.isascii()
        and timestamp.isdigit()
        and len(timestamp) <= _MAX_TIMESTAMP_DIGITS
        and signature.isascii()
        and len(signature) <= _MAX_SIGNATURE_CHARS
        and nonce.isascii()
        and len(nonce) <= _MAX_SIGNATURE_CHARS
    ):
        return SIGNATURE_MALFORMED
    if abs((time.time() if now is None else now) - int(timestamp)) > MAX_CLOCK_SKEW_S:
        return "SIGNATURE_EXPIRED"
    expected = sign(key, method, path, timestamp, nonce, body)
    if not hmac.compare_digest(expected, signature.lower()):
        return "SIGNATURE_INVALID"
    return ""


# ---------------------------------------------------------------- bodies


def encode(obj: Mapping[str, Any]) -> bytes:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode()


def rfc3339(moment: dt.datetime) -> str:
    return moment.isoformat(timespec="seconds")


# ---------------------------------------------------------------- parsing


def decode_json(body: bytes) -> dict[str, Any]:
    """A JSON object from the body, or GatewayProtocolError."""
    try:
        obj = json.loads(body)
    except (ValueError, RecursionError) as exc:  # UnicodeDecodeError is a ValueError
        raise GatewayProtocolError(f"gateway answer is not JSON: {type(exc).__name__}") from exc
    if not isinstance(obj, dict):
        raise GatewayProtocolError(f"gateway answer is a JSON {type(obj).__name__}, not an object")
    return obj


def _str(obj: Mapping[str, Any], key: str, *, required: bool = False, limit: int = 512) -> str:
    value = obj.get(key)
    if value is None:
        if required:
            raise GatewayProtocolError(f"gateway answer lacks {key!r}")
        return ""
    if not isinstance(value, str):
        raise GatewayProtocolError(f"{key!r} is {type(value).__name__}, not a string")
    if len(value) > limit:
        raise GatewayProtocolError(f"{key!r} is longer than {limit} characters")
    return value


def _fen(obj: Mapping[str, Any], key: str, *, required: bool = True) -> int:
    value = obj.get(key)
    if value is None and not required:
        return 0
    # JSON numbers with a fraction (or bools) are not amounts in fen.
    if isinstance(value, bool) or not isinstance(value, int):
        raise GatewayProtocolError(f"{key!r} must be an integer number of fen")
    if not 0 <= value <= MAX_AMOUNT_FEN:
        raise GatewayProtocolError(f"{key!r} out of range")
    return value


def _time(obj: Mapping[str, Any], key: str) -> dt.datetime | None:
    text = _str(obj, key, limit=64)
    if not text:
        return None
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError as exc:
        raise GatewayProtocolError(f"{key!r} is not an RFC 3339 time") from exc
    if moment.tzinfo is None:
        raise GatewayProtocolError(f"{key!r} has no UTC offset")
    return moment


def _status(obj: Mapping[str, Any], known: Mapping[str, S], what: str) -> S:
    text = _str(obj, "status", required=True, limit=32)
    status = known.get(text)
    if status is None:
        raise GatewayProtocolError(f"unknown {what} status {text[:32]!r}")
    return status


def parse_payment(obj: Mapping[str, Any]) -> PaymentOutcome:
    """A payment object of the API as a PaymentOutcome (strict: wrong types are errors)."""
    status = _status(obj, _PAYMENT_STATUS, "payment")
    outcome = PaymentOutcome(
        order_no=_str(obj, "order_no", required=True, limit=64),
        status=status,
        amount_fen=_fen(obj, "amount_fen"),
        reason_code=_str(obj, "reason_code", limit=64),
        message=_str(obj, "message"),
        transaction_id=_str(obj, "transaction_id", limit=64),
        channel=_str(obj, "channel", limit=32),
        paid_at=_time(obj, "paid_at"),
        refunded_fen=_fen(obj, "refunded_fen", required=False),
        qr_text=_str(obj, "qr_text", limit=1024),
        expires_at=_time(obj, "expires_at"),
    )
    if outcome.status is PaymentStatus.DECLINED and not outcome.reason_code:
        raise GatewayProtocolError("a declined payment without reason_code")
    return outcome


def parse_refund(obj: Mapping[str, Any]) -> RefundOutcome:
    status = _status(obj, _REFUND_STATUS, "refund")
    return RefundOutcome(
        refund_no=_str(obj, "refund_no", required=True, limit=64),
        order_no=_str(obj, "order_no", required=True, limit=64),
        amount_fen=_fen(obj, "amount_fen"),
        status=status,
        reason_code=_str(obj, "reason_code", limit=64),
        message=_str(obj, "message"),
    )


def raise_for_error(status_code: int, body: bytes, retry_after: str | None = None) -> None:
    """Raise the typed error a non-2xx answer stands for; return for 2xx."""
    if 200 <= status_code < 300:
        return
    code, message = "", ""
    try:
        error = decode_json(body).get("error")
        if isinstance(error, dict):
            code = _str(error, "code", limit=64)
            message = _str(error, "message")
    except GatewayProtocolError:
        pass  # an error page without our JSON: the HTTP status says enough
    text = f"gateway answered {status_code}" + (f" {code}" if code else "")
    text += f": {message}" if message else ""
    if status_code in (429, 503):
        raise GatewayUnavailable(text, code="GATEWAY_BUSY", retry_after_s=_retry_after(retry_after))
    if status_code in (401, 403):
        raise GatewayAuthError(text, code="GATEWAY_AUTH_FAILED")
    if 400 <= status_code < 500:
        raise GatewayRejected(text, code=_code(code) or "GATEWAY_REJECTED", http_status=status_code)
    raise GatewayProtocolError(text, code="GATEWAY_ERROR")


def read_payment(status_code: int, body: bytes, retry_after: str | None = None) -> PaymentOutcome:
    """A payment answer (any status code, any bytes) as an outcome or a typed error."""
    raise_for_error(status_code, body, retry_after)
    return parse_payment(decode_json(body))


def read_refund(status_code: int, body: bytes, retry_after: str | None = None) -> RefundOutcome:
    raise_for_error(status_code, body, retry_after)
    return parse_refund(decode_json(body))


def _code(text: str) -> str:
    """Gateway error codes become our codes only when they look like one."""
    return text if _ERROR_CODE.match(text) else ""


def _retry_after(value: str | None) -> float | None:
    try:
        seconds = float(value) if value is not None else None
    except ValueError:
        return None
    if seconds is None or not math.isfinite(seconds) or seconds < 0:
        return None
    return min(seconds, 3600.0)
