"""Payment: the citizen's payment code scanned, or a payment QR shown, against a gateway.

Drivers: ``payment-http`` (:class:`~drivers.payment.http_gateway.HttpPaymentGateway`,
the gateway API below spoken with httpx) and ``payment-sim``
(:class:`~drivers.payment.on_simulator.SimulatedPaymentGateway`, the same driver against
:class:`~drivers.payment.simulator.PaymentGatewaySimulator` on loopback).

The interface the kiosk calls, and the rules it relies on (idempotent order
numbers, typed outcomes, UNKNOWN resolved by querying, typed errors, masked payment
codes, blocking calls), are :class:`~drivers.payment.interface.PaymentGateway`.

Gateway API v1 (JSON over HTTP, UTF-8)
--------------------------------------

Every request, and every notification the gateway sends, is signed::

    X-Merchant-Id: <merchant id>
    X-Timestamp:   <unix seconds>       (refused beyond ±300 s of the server clock)
    X-Nonce:       <random hex>
    X-Signature:   hex(HMAC-SHA256(key, METHOD "\\n" PATH "\\n" TIMESTAMP "\\n"
                                       NONCE "\\n" hex(SHA-256(body))))

PATH is the request path including any prefix of the base URL, without the
query. Endpoints::

    GET  /v1/ping                       → {"status": "ok", "time": RFC 3339}
    POST /v1/payments/code              {"order_no", "amount_fen", "auth_code",
                                         "description", "notify_url"?} → payment
    POST /v1/payments/qr                {"order_no", "amount_fen", "description",
                                         "expires_in_s", "notify_url"?} → payment
    GET  /v1/payments/{order_no}        → payment (404 ORDER_NOT_FOUND)
    POST /v1/payments/{order_no}/cancel {} → payment (CLOSED; a PAID order stays PAID;
                                        an unknown number is closed in advance, so a
                                        charge still in flight under it is not taken)
    POST /v1/refunds                    {"order_no", "refund_no", "amount_fen",
                                         "reason"} → refund
    GET  /v1/refunds/{refund_no}        → refund (404 REFUND_NOT_FOUND)

A payment is ``{"order_no", "amount_fen" (int), "status", "reason_code"?,
"message"?, "transaction_id"?, "channel"? (wechat|alipay|unionpay),
"paid_at"? (RFC 3339), "refunded_fen"? (int), "qr_text"?, "expires_at"?}`` with
status PAID | DECLINED | USER_PAYING | NOT_PAID | CLOSED | EXPIRED; DECLINED
carries reason_code (INSUFFICIENT_FUNDS, AUTH_CODE_INVALID, AUTH_CODE_EXPIRED,
RISK_REJECTED, USER_CANCELLED, LIMIT_EXCEEDED, ...). A refund is
``{"refund_no", "order_no", "amount_fen", "status": SUCCESS | PROCESSING |
FAILED, "reason_code"?}``.

Errors are ``{"error": {"code", "message"}}`` with 400 BAD_REQUEST, 401
SIGNATURE_* / MERCHANT_UNKNOWN, 404 *_NOT_FOUND, 409 ORDER_CONFLICT /
REFUND_CONFLICT, 422 ORDER_NOT_PAID / REFUND_EXCEEDS, 429/503 (+ Retry-After:
not processed, try later); other 5xx leave the outcome unknown.

When a request names a ``notify_url``, the gateway POSTs the payment object
there, signed as above, whenever the order becomes final; at least once, so
duplicates happen. The driver receives them when ``notify_listen`` is set,
checks the signature and reports each (order, status) once as ``PaymentNotified``.

Status codes (``DeviceStatus.code``):

    OK                      ONLINE: the gateway answers
    GATEWAY_UNREACHABLE     OFFLINE: no connection to the gateway; pinging until it returns
    GATEWAY_TIMEOUT         OFFLINE: the gateway stopped answering in time
    GATEWAY_ERROR           OFFLINE: the gateway answers 5xx or is busy (503)
    GATEWAY_AUTH_FAILED     ERROR: signature or merchant id refused (configuration)
    GATEWAY_PROTOCOL_ERROR  ERROR: the gateway's answers do not follow the API (technician)
    CONFIG_ERROR            ERROR: no base_url, merchant_id or key
    NOT_OPEN                CLOSED
"""
