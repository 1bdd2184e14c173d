"""A payment gateway simulator: the gateway API on a loopback HTTP server, with faults.

It keeps a :attr:`~PaymentGatewaySimulator.ledger` of every money movement, so
tests can prove that no retry charged or refunded twice. Faults and pacing
live in :class:`Behaviour`, changeable at any time. Payment codes are not
kept: orders remember only a digest of theirs (to refuse a reused order
number with another code).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import queue
import re
import secrets
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import httpx

from drivers.payment import protocol as proto
from drivers.payment.model import MAX_AMOUNT_FEN, GatewayProtocolError, auth_code_ok
from drivers.payment.settings import DEFAULT_MERCHANT
from hostio.loopback_http import LoopbackHandler, LoopbackServer

log = logging.getLogger(__name__)

_PAYMENT_PATH = re.compile(r"^/v1/payments/([A-Za-z0-9_-]{1,64})$")
_CANCEL_PATH = re.compile(r"^/v1/payments/([A-Za-z0-9_-]{1,64})/cancel$")
_REFUND_PATH = re.compile(r"^/v1/refunds/([A-Za-z0-9_-]{1,64})$")
_ORDER_NO = re.compile(r"^[A-Za-z0-9_-]{6,32}$")
_MAX_BODY = 64 * 1024


@dataclass
class Behaviour:
    """How the simulated gateway behaves; tests change fields while it runs."""

    #: Every payment-code charge is declined with this reason ("" = paid).
    decline_reason: str = ""
    #: Every answer waits this long (after the request was processed).
    response_delay_s: float = 0.0
    #: The first answer to each new charge or refund is lost: booked, then the connection drops.
    drop_first_response: bool = False
    #: Payment-code charges wait for the citizen's confirmation for this many queries.
    user_paying_polls: int = 0
    #: QR orders are paid on this query (None: never by themselves; see pay_qr()).
    qr_paid_after_polls: int | None = 2
    #: QR orders expire on this query instead of being paid.
    qr_expire_after_polls: int | None = None
    #: Notifications sent per event (2: every callback is duplicated).
    notify_copies: int = 1
    #: Answer 503 with Retry-After to every request.
    unavailable: bool = False


@dataclass(frozen=True, slots=True)
class LedgerEntry:
    """One movement of money: a charge or a refund."""

    kind: str  # "charge" | "refund"
    order_no: str
    amount_fen: int
    refund_no: str = ""
    channel: str = ""
    at: float = field(default_factory=time.time)


@dataclass
class _Order:
    kind: str  # "code" | "qr" | "cancelled" (closed before any request named it)
    order_no: str
    amount_fen: int
    code_digest: str = ""
    channel: str = ""
    status: str = "NOT_PAID"
    reason_code: str = ""
    message: str = ""
    transaction_id: str = ""
    paid_at: str = ""
    polls: int = 0
    qr_text: str = ""
    expires_at: float = 0.0
    notify_url: str = ""
    refunded_fen: int = 0

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "order_no": self.order_no,
            "amount_fen": self.amount_fen,
            "status": self.status,
            "channel": self.channel,
            "refunded_fen": self.refunded_fen,
        }
        for key in ("reason_code", "message", "transaction_id", "paid_at", "qr_text"):
            if getattr(self, key):
                out[key] = getattr(self, key)
        if self.kind == "qr":
            out["expires_at"] = proto.rfc3339(_utc(self.expires_at))
        return out


@dataclass
class _Refund:
    refund_no: str
    order_no: str
    amount_fen: int
    status: str = "SUCCESS"
    reason_code: str = ""

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "refund_no": self.refund_no,
            "order_no": self.order_no,
            "amount_fen": self.amount_fen,
            "status": self.status,
        }
        if self.reason_code:
            out["reason_code"] = self.reason_code
        return out


class _Reply(Exception):
    """An answer decided while handling: status code and body."""

    def __init__(self, status: int, body: dict[str, Any], headers: dict[str, str] | None = None):
        super().__init__(status)
        self.status, self.body, self.headers = status, body, headers or {}


def _error(status: int, code: str, message: str) -> _Reply:
    return _Reply(status, {"error": {"code": code, "message": message}})


def _utc(ts: float) -> dt.datetime:
    return dt.datetime.fromtimestamp(ts, dt.UTC)


def channel_of(auth_code: str) -> str:
    """Which wallet issued a payment code, from its prefix ("" = none)."""
    if not auth_code_ok(auth_code):
        return ""
    head = int(auth_code[:2])
    if 10 <= head <= 15 and len(auth_code) == 18:
        return "wechat"
    if 25 <= head <= 30:
        return "alipay"
    if head == 62 and len(auth_code) == 19:
        return "unionpay"
    return ""


class PaymentGatewaySimulator:
    """Start with :meth:`start`, read :attr:`url`, end with :meth:`stop`.

    Stopping with ``keep_state=True`` and starting again serves the same
    orders on the same port: an outage the kiosk must ride out.
    """

    def __init__(
        self,
        *,
        merchant_id: str = DEFAULT_MERCHANT,
        key: bytes | None = None,
        host: str = "127.0.0.1",
        port: int = 0,
        behaviour: Behaviour | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.merchant_id = merchant_id
        self.key = key if key is not None else secrets.token_hex(32).encode()
        self.host, self.port = host, port
        self.behaviour = behaviour or Behaviour()
        self.clock = clock
        self.ledger: list[LedgerEntry] = []
        self.requests: Counter[str] = Counter()
        #: Requests that repeated an order or refund number already known.
        self.duplicate_requests = 0
        self.notifications_sent = 0
        self._orders: dict[str, _Order] = {}
        self._refunds: dict[str, _Refund] = {}
        self._answered: set[str] = set()
        self._lock = threading.RLock()
        self._sent = threading.Condition()
        self._server: LoopbackServer[PaymentGatewaySimulator] | None = None
        self._stopping = threading.Event()
        self._notify_q: queue.Queue[tuple[str, bytes] | None] = queue.Queue()
        self._notifier: threading.Thread | None = None

    # ------------------------------------------------------------ lifecycle
    def start(self) -> PaymentGatewaySimulator:
        if self._server is not None:
            return self
        self._stopping.clear()
        self._server = LoopbackServer((self.host, self.port), _Handler, self, name="payment-sim")
        self.port = self._server.port
        self._server.start()
        self._notifier = threading.Thread(target=self._notify_loop, name="payment-sim-notify")
        self._notifier.start()
        return self

    def stop(self, *, keep_state: bool = True) -> None:
        """Stop serving and close every connection; ``keep_state=False`` forgets the orders."""
        self._stopping.set()  # cuts injected delays short
        if self._server is not None:
            self._server.stop()
            self._server = None
        if self._notifier is not None:
            self._notify_q.put(None)
            self._notifier.join()
            self._notifier = None
        if not keep_state:
            with self._lock:
                self._orders.clear()
                self._refunds.clear()
                self._answered.clear()
                self.ledger.clear()

    def __enter__(self) -> PaymentGatewaySimulator:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def running(self) -> bool:
        return self._server is not None

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    # ------------------------------------------------------------ for tests
    def charges(self, order_no: str) -> list[LedgerEntry]:
        with self._lock:
            return [e for e in self.ledger if e.kind == "charge" and e.order_no == order_no]

    def refunds(self, order_no: str) -> list[LedgerEntry]:
        with self._lock:
            return [e for e in self.ledger if e.kind == "refund" and e.order_no == order_no]

    def wait_notifications(self, count: int, timeout_s: float = 5.0) -> bool:
        """Block until ``count`` notifications were delivered (lets tests avoid sleeps)."""
        with self._sent:
            return self._sent.wait_for(lambda: self.notifications_sent >= count, timeout_s)

    def order_status(self, order_no: str) -> str:
        with self._lock:
            order = self._orders.get(order_no)
            return order.status if order else ""

    def pay_qr(self, order_no: str, auth_channel: str = "wechat") -> None:
        """The citizen scans the shown QR and pays."""
        with self._lock:
            order = self._orders[order_no]
            if order.status == "NOT_PAID":
                order.channel = auth_channel
                self._book_paid(order)

    def sleep(self, seconds: float) -> None:
        if seconds > 0:
            self._stopping.wait(seconds)

    # ------------------------------------------------------------ the API
    def handle(self, method: str, path: str, body: bytes, headers: Any) -> dict[str, Any]:
        """Process one signed request; raises _Reply for anything but a 200 payment answer."""
        self.requests[f"{method} {path.split('/')[2] if path.count('/') > 1 else path}"] += 1
        problem = proto.check_signature(
            headers, self.key, method, path, body, merchant_id=self.merchant_id, now=self.clock()
        )
        if problem:
            raise _error(401, problem, "request signature refused")
        if self.behaviour.unavailable:
            raise _Reply(
                503,
                {"error": {"code": "UNAVAILABLE", "message": "maintenance"}},
                {"Retry-After": "1"},
            )
        if method == "GET" and path == "/v1/ping":
            return {"status": "ok", "time": proto.rfc3339(_utc(self.clock()))}
        if method == "POST" and path in ("/v1/payments/code", "/v1/payments/qr", "/v1/refunds"):
            req = self._json(body)
            if path == "/v1/refunds":
                return self._refund(req)
            return self._create(req, "code" if path.endswith("code") else "qr")
        if method == "GET" and (m := _PAYMENT_PATH.match(path)):
            return self._query(m.group(1))
        if method == "POST" and (m := _CANCEL_PATH.match(path)):
            return self._cancel(m.group(1))
        if method == "GET" and (m := _REFUND_PATH.match(path)):
            with self._lock:
                refund = self._refunds.get(m.group(1))
            if refund is None:
                raise _error(404, "REFUND_NOT_FOUND", "no such refund")
            return refund.to_json()
        raise _error(404, "NOT_FOUND", f"no endpoint {method} {path}")

    def first_answer_lost(self, key: str) -> bool:
        """Whether this answer is the one drop_first_response loses."""
        with self._lock:
            if not self.behaviour.drop_first_response or key in self._answered:
                self._answered.add(key)
                return False
            self._answered.add(key)
            return True

    @staticmethod
    def _json(body: bytes) -> dict[str, Any]:
        try:
            return proto.decode_json(body)
        except GatewayProtocolError as exc:
            raise _error(400, "BAD_REQUEST", str(exc)) from exc

    @staticmethod
    def _field(req: dict[str, Any], key: str, kind: type) -> Any:
        value = req.get(key)
        if kind is int and (isinstance(value, bool) or not isinstance(value, int)):
            raise _error(400, "BAD_REQUEST", f"{key} must be an integer")
        if kind is str and not isinstance(value, str):
            raise _error(400, "BAD_REQUEST", f"{key} must be a string")
        return value

    def _create(self, req: dict[str, Any], kind: str) -> dict[str, Any]:
        order_no = self._field(req, "order_no", str)
        amount = self._field(req, "amount_fen", int)
        if not _ORDER_NO.match(order_no):
            raise _error(400, "BAD_REQUEST", "order_no must be 6-32 of A-Z a-z 0-9 _ -")
        if not 0 < amount <= MAX_AMOUNT_FEN:
            raise _error(400, "BAD_REQUEST", "amount_fen out of range")
        code = self._field(req, "auth_code", str) if kind == "code" else ""
        digest = hashlib.sha256(code.encode()).hexdigest() if code else ""
        notify_url = req.get("notify_url")
        notify_url = notify_url if isinstance(notify_url, str) else ""
        with self._lock:
            order = self._orders.get(order_no)
            if order is not None and order.kind == "cancelled":
                self.duplicate_requests += 1  # closed before it arrived: never charged
                return {**order.to_json(), "amount_fen": amount}
            if order is not None:
                if (order.kind, order.amount_fen, order.code_digest) != (kind, amount, digest):
                    raise _error(409, "ORDER_CONFLICT", "order number used for another payment")
                self.duplicate_requests += 1
                return order.to_json()
            order = _Order(kind, order_no, amount, digest, notify_url=notify_url)
            self._orders[order_no] = order
            if kind == "qr":
                ttl = req.get("expires_in_s", 300)
                ttl = ttl if isinstance(ttl, int) and 30 <= ttl <= 7200 else 300
                order.expires_at = self.clock() + ttl
                order.qr_text = f"https://pay.example.invalid/qr/{secrets.token_urlsafe(12)}"
                return order.to_json()
            order.channel = channel_of(code)
            b = self.behaviour
            if not order.channel:
                self._decline(order, "AUTH_CODE_INVALID", "not a payment code")
            elif b.decline_reason:
                self._decline(order, b.decline_reason, "declined by the wallet")
            elif b.user_paying_polls > 0:
                order.status = "USER_PAYING"
                order.message = "waiting for the citizen to confirm on the phone"
            else:
                self._book_paid(order)
            return order.to_json()

    def _decline(self, order: _Order, reason: str, message: str) -> None:
        order.status, order.reason_code, order.message = "DECLINED", reason, message
        self._notify(order)

    def _book_paid(self, order: _Order) -> None:
        order.status = "PAID"
        order.message = ""
        order.transaction_id = f"SIMTX{secrets.token_hex(8).upper()}"
        order.paid_at = proto.rfc3339(_utc(self.clock()))
        self.ledger.append(
            LedgerEntry("charge", order.order_no, order.amount_fen, "", order.channel)
        )
        self._notify(order)

    def _query(self, order_no: str) -> dict[str, Any]:
        b = self.behaviour
        with self._lock:
            order = self._orders.get(order_no)
            if order is None:
                raise _error(404, "ORDER_NOT_FOUND", "no such order")
            order.polls += 1
            if order.status == "USER_PAYING" and order.polls >= b.user_paying_polls:
                self._book_paid(order)
            elif order.status == "NOT_PAID":
                if (
                    b.qr_expire_after_polls is not None and order.polls >= b.qr_expire_after_polls
                ) or self.clock() >= order.expires_at:
                    order.status = "EXPIRED"
                elif b.qr_paid_after_polls is not None and order.polls >= b.qr_paid_after_polls:
                    order.channel = "wechat"
                    self._book_paid(order)
            return order.to_json()

    def _cancel(self, order_no: str) -> dict[str, Any]:
        with self._lock:
            order = self._orders.get(order_no)
            if order is None:
                # Closed in advance: a charge still in flight under this number is not taken.
                order = _Order("cancelled", order_no, 0, status="CLOSED", reason_code="CANCELLED")
                self._orders[order_no] = order
                return order.to_json()
            if order.status in ("NOT_PAID", "USER_PAYING"):
                order.status, order.reason_code = "CLOSED", "CANCELLED"
                self._notify(order)
            return order.to_json()

    def _refund(self, req: dict[str, Any]) -> dict[str, Any]:
        refund_no = self._field(req, "refund_no", str)
        order_no = self._field(req, "order_no", str)
        amount = self._field(req, "amount_fen", int)
        if not (_ORDER_NO.match(refund_no) and _ORDER_NO.match(order_no)):
            raise _error(400, "BAD_REQUEST", "bad refund_no or order_no")
        with self._lock:
            refund = self._refunds.get(refund_no)
            if refund is not None:
                if (refund.order_no, refund.amount_fen) != (order_no, amount):
                    raise _error(409, "REFUND_CONFLICT", "refund number used for another refund")
                self.duplicate_requests += 1
                return refund.to_json()
            order = self._orders.get(order_no)
            if order is None:
                raise _error(404, "ORDER_NOT_FOUND", "no such order")
            if order.status != "PAID":
                raise _error(422, "ORDER_NOT_PAID", "only a paid order can be refunded")
            if not 0 < amount <= order.amount_fen - order.refunded_fen:
                raise _error(422, "REFUND_EXCEEDS", "refund larger than what is left")
            order.refunded_fen += amount
            refund = _Refund(refund_no, order_no, amount)
            self._refunds[refund_no] = refund
            self.ledger.append(LedgerEntry("refund", order_no, amount, refund_no, order.channel))
            return refund.to_json()

    # ------------------------------------------------------------ notifications
    def _notify(self, order: _Order) -> None:
        if not order.notify_url:
            return
        body = proto.encode(order.to_json())
        for _ in range(max(1, self.behaviour.notify_copies)):
            self._notify_q.put((order.notify_url, body))

    def _notify_loop(self) -> None:
        with httpx.Client(timeout=2.0) as client:
            while (item := self._notify_q.get()) is not None:
                url, body = item
                path = httpx.URL(url).raw_path.decode()
                headers = proto.signed_headers(self.merchant_id, self.key, "POST", path, body)
                headers["Content-Type"] = "application/json"
                try:
                    client.post(url, content=body, headers=headers)
                except httpx.HTTPError as exc:
                    log.info("payment-sim: notification failed (%s)", type(exc).__name__)
                    continue
                with self._sent:
                    self.notifications_sent += 1
                    self._sent.notify_all()


class _Handler(LoopbackHandler):
    server_version = "PaymentGatewaySimulator/1"
    max_body = _MAX_BODY
    server: LoopbackServer[PaymentGatewaySimulator]

    def do_GET(self) -> None:
        self._serve("GET")

    def do_POST(self) -> None:
        self._serve("POST")

    def _serve(self, method: str) -> None:
        sim = self.server.owner
        body = self.read_body()
        if body is None:
            return
        path = self.path.split("?", 1)[0]
        try:
            reply = _Reply(200, sim.handle(method, path, body, self.headers))
        except _Reply as decided:
            reply = decided
        if reply.status == 200 and path in ("/v1/payments/code", "/v1/refunds"):
            key = f"{path}:{reply.body.get('refund_no') or reply.body.get('order_no')}"
            if sim.first_answer_lost(key):
                self.close_connection = True  # booked, but the answer never arrives
                return
        sim.sleep(sim.behaviour.response_delay_s)
        self._send(reply)

    def _send(self, reply: _Reply) -> None:
        self.send_bytes(reply.status, proto.encode(reply.body), headers=reply.headers)
