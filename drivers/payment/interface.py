"""The payment gateway as the kiosk uses it (flows and the recovery of open fees).

Drivers: ``payment-http`` (:class:`~drivers.payment.http_gateway.HttpPaymentGateway`)
and ``payment-sim`` (the same driver against the gateway simulator on loopback); the
wire API they speak is described in :mod:`drivers.payment`.

Rules the kiosk relies on:

* Amounts are ``int`` fen; a float or bool is a ``TypeError``.
* Every call carries the kiosk's order number (refunds: the refund number),
  6-32 of ``A-Z a-z 0-9 _ -``: the idempotency key. Repeating a call with the
  same number returns the first outcome and never moves money twice; reusing a
  number for a different payment is refused (ORDER_CONFLICT). A declined order
  stays declined: pay again under a new order number.
* Outcomes are typed (``PaymentStatus``): PAID, DECLINED (``reason_code``),
  USER_PAYING (the citizen confirms on the phone: query again), PENDING (QR not
  paid yet), CLOSED, EXPIRED, and UNKNOWN when no readable answer came after the
  request may have reached the gateway (timeout, dropped connection, garbled or
  5xx answer). UNKNOWN is resolved by ``query``/``wait_for_outcome``, never by
  charging again. ``charge`` and ``refund`` return UNKNOWN instead of raising.
* Typed errors (all ``PaymentError``, a ``DeviceError``): GatewayUnavailable
  (GATEWAY_UNREACHABLE: not sent; GATEWAY_BUSY: 429/503, not processed),
  GatewayNoAnswer (GATEWAY_TIMEOUT), GatewayAuthError (GATEWAY_AUTH_FAILED),
  GatewayRejected (the gateway's code: ORDER_CONFLICT, ORDER_NOT_FOUND,
  REFUND_EXCEEDS, ...), GatewayProtocolError (GATEWAY_PROTOCOL_ERROR, GATEWAY_ERROR).
* A payment code is a bearer token: it is never logged or kept; wherever one
  is shown, ``mask_code`` leaves only its first four characters.
* Calls block up to the driver's ``timeout_s``: never make them on the GUI thread.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, runtime_checkable

from drivers.device_interface import ReportsStatus

if TYPE_CHECKING:
    import threading

    from drivers.payment.model import PaymentOutcome, QrOrder, RefundOutcome


@runtime_checkable
class PaymentGateway(ReportsStatus, Protocol):
    def charge(self, order_no: str, amount_fen: int, auth_code: str) -> PaymentOutcome:
        """Charge the citizen's scanned payment code; UNKNOWN when no answer came."""
        ...

    def create_qr(self, order_no: str, amount_fen: int) -> QrOrder:
        """A payment QR to show (unpacks as ``qr_text, expires_at``); then query until final."""
        ...

    def query(self, order_no: str) -> PaymentOutcome:
        """The gateway's current view of an order (resolves UNKNOWN and USER_PAYING)."""
        ...

    def wait_for_outcome(
        self, order_no: str, timeout_s: float, *, stop: threading.Event | None = None
    ) -> PaymentOutcome:
        """Query until the order is final, ``timeout_s`` passes or ``stop`` is set."""
        ...

    def cancel(self, order_no: str) -> PaymentOutcome:
        """Close an unpaid order (CLOSED), or one not seen yet; a PAID order stays PAID."""
        ...

    def refund(
        self, order_no: str, amount_fen: int, refund_no: str, reason: str = ""
    ) -> RefundOutcome:
        """Refund (part of) a paid order; the same ``refund_no`` never refunds twice."""
        ...

    def query_refund(self, refund_no: str) -> RefundOutcome:
        """The gateway's current view of a refund."""
        ...

    def ping(self) -> float:
        """Seconds the gateway took to answer; a typed error if it did not."""
        ...
