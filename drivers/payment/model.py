"""Payment outcomes, refunds, QR orders, events, typed errors and input checks.

Amounts are integer fen (分) everywhere; a float is refused. A payment code
(付款码) is a bearer token: only :func:`mask_code` of it is ever shown.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from drivers.base import DeviceError, DeviceEvent, ProtocolError

#: Upper bound of one payment (10 million yuan): larger is a bug, not a fee.
MAX_AMOUNT_FEN = 1_000_000_000
_ORDER_NO = re.compile(r"^[A-Za-z0-9_-]{6,32}$")
#: Wallet payment codes: digits only, 16 to 24 of them (WeChat 18, Alipay 16-24, UnionPay 19).
_AUTH_CODE = re.compile(r"^[0-9]{16,24}$")


def mask_code(code: str) -> str:
    """All but the first four characters hidden: ``1345**************``."""
    return code[:4] + "*" * max(0, len(code) - 4)


def check_amount(amount_fen: object) -> int:
    """An amount in fen: a positive ``int`` (not bool, not float) up to MAX_AMOUNT_FEN."""
    if isinstance(amount_fen, bool) or not isinstance(amount_fen, int):
        raise TypeError(f"amount must be an int number of fen, not {type(amount_fen).__name__}")
    if not 0 < amount_fen <= MAX_AMOUNT_FEN:
        raise ValueError(f"amount must be between 1 and {MAX_AMOUNT_FEN} fen")
    return amount_fen


def check_order_no(order_no: object, what: str = "order number") -> str:
    """Kiosk-side order or refund numbers: 6-32 of ``A-Z a-z 0-9 _ -``."""
    if not isinstance(order_no, str) or not _ORDER_NO.match(order_no):
        raise ValueError(f"{what} must be 6-32 characters of A-Z, a-z, 0-9, '_' or '-'")
    return order_no


def auth_code_ok(auth_code: str) -> bool:
    return bool(_AUTH_CODE.match(auth_code))


class PaymentStatus(enum.StrEnum):
    """Where one order stands, as far as the kiosk knows."""

    PAID = "paid"  # money taken: final
    DECLINED = "declined"  # refused (reason_code says why): final for this order number
    USER_PAYING = "user_paying"  # the citizen must confirm on the phone: query again
    PENDING = "pending"  # QR shown, not paid yet: query again
    UNKNOWN = "unknown"  # no answer (timeout, lost connection): resolve by query, never re-charge
    CLOSED = "closed"  # cancelled before it was paid: final
    EXPIRED = "expired"  # the QR code expired unpaid: final

    @property
    def final(self) -> bool:
        return self in _FINAL


_FINAL = frozenset(
    {PaymentStatus.PAID, PaymentStatus.DECLINED, PaymentStatus.CLOSED, PaymentStatus.EXPIRED}
)


@dataclass(frozen=True, slots=True)
class PaymentOutcome:
    """The gateway's answer about one order (or UNKNOWN when it did not answer)."""

    order_no: str
    status: PaymentStatus
    amount_fen: int
    reason_code: str = ""
    message: str = ""
    transaction_id: str = ""
    channel: str = ""
    paid_at: dt.datetime | None = None
    refunded_fen: int = 0
    #: QR orders only: the text to show as a QR code, and when it expires.
    qr_text: str = ""
    expires_at: dt.datetime | None = None

    @property
    def final(self) -> bool:
        return self.status.final

    @property
    def paid(self) -> bool:
        return self.status is PaymentStatus.PAID

    @classmethod
    def unknown(
        cls, order_no: str, amount_fen: int, reason_code: str, message: str
    ) -> PaymentOutcome:
        return cls(order_no, PaymentStatus.UNKNOWN, amount_fen, reason_code, message)


@dataclass(frozen=True, slots=True)
class QrOrder:
    """A payment QR to show: its text and when it stops being payable.

    Unpacks as ``qr_text, expires_at = gateway.create_qr(...)``.
    """

    order_no: str
    amount_fen: int
    qr_text: str
    expires_at: dt.datetime

    def __iter__(self) -> Iterator[Any]:
        return iter((self.qr_text, self.expires_at))


class RefundStatus(enum.StrEnum):
    SUCCESS = "success"  # money returned: final
    PROCESSING = "processing"  # accepted, not done yet: query again
    FAILED = "failed"  # refused (reason_code): final for this refund number
    UNKNOWN = "unknown"  # no answer: resolve by query_refund, or retry with the same number

    @property
    def final(self) -> bool:
        return self in (RefundStatus.SUCCESS, RefundStatus.FAILED)


@dataclass(frozen=True, slots=True)
class RefundOutcome:
    refund_no: str
    order_no: str
    amount_fen: int
    status: RefundStatus
    reason_code: str = ""
    message: str = ""

    @property
    def final(self) -> bool:
        return self.status.final


# ---------------------------------------------------------------- events


@dataclass(frozen=True, slots=True)
class PaymentNotified(DeviceEvent):
    """The gateway called back about an order; each (order, status) is reported once."""

    outcome: PaymentOutcome


# ---------------------------------------------------------------- errors


class PaymentError(DeviceError):
    """Base of the payment driver's typed errors."""

    code = "PAYMENT_ERROR"


class GatewayUnavailable(PaymentError):
    """The request did not reach the gateway, or it refused to process it now (429/503)."""

    code = "GATEWAY_UNREACHABLE"

    def __init__(
        self, message: str, *, code: str | None = None, retry_after_s: float | None = None
    ):
        super().__init__(message, code=code)
        self.retry_after_s = retry_after_s


class GatewayAuthError(PaymentError):
    """The gateway refused our signature or merchant id (configuration)."""

    code = "GATEWAY_AUTH_FAILED"


class GatewayRejected(PaymentError):
    """The gateway refused the request itself (bad fields, order number conflict, not found)."""

    code = "GATEWAY_REJECTED"

    def __init__(self, message: str, *, code: str | None = None, http_status: int = 0) -> None:
        super().__init__(message, code=code)
        self.http_status = http_status


class GatewayProtocolError(ProtocolError, PaymentError):
    """The gateway's answer does not follow the API (bad JSON, wrong types, missing fields)."""

    code = "GATEWAY_PROTOCOL_ERROR"


class GatewayNoAnswer(PaymentError):
    """The request was sent but no answer came (timeout, dropped connection): outcome unknown."""

    code = "GATEWAY_TIMEOUT"
