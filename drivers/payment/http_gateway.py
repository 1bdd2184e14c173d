"""``payment-http``: the gateway API (see :mod:`drivers.payment`) spoken with httpx."""

from __future__ import annotations

import logging
import os
import threading
import time
from typing import Any

import httpx

from drivers.base import DeviceError, DeviceIdentity, DeviceNotReady, DeviceState, DeviceStatus
from drivers.payment import protocol as proto
from drivers.payment.model import (
    GatewayAuthError,
    GatewayNoAnswer,
    GatewayProtocolError,
    GatewayUnavailable,
    PaymentError,
    PaymentNotified,
    PaymentOutcome,
    PaymentStatus,
    QrOrder,
    RefundOutcome,
    RefundStatus,
    auth_code_ok,
    check_amount,
    check_order_no,
)
from drivers.payment.notify import NotificationReceiver
from drivers.payment.settings import HttpPaymentGatewaySettings
from drivers.payment.status import PIN_MISMATCH, config_error, status_for_payment_error
from drivers.supervisor import SupervisedDevice
from hostio.endpoints import insecure_url_problem
from hostio.outbound_http import (
    BoundedHTTPError,
    Bounds,
    DeadlineExceeded,
    PinMismatch,
    Reply,
    bounded_request,
    pinned_transport,
)
from hostio.secret_files import SecretFileError, credential_path, read_secret_text

log = logging.getLogger(__name__)


_ONLINE = DeviceStatus.online("gateway answers")


class HttpPaymentGateway(SupervisedDevice):
    """Charges payment codes, shows payment QRs, queries, cancels and refunds.

    Every call is keyed by the kiosk's order (or refund) number, so repeating a
    call after an UNKNOWN outcome never moves money twice. Calls block the
    calling thread up to ``timeout_s``: never make them on the GUI thread.
    The supervisor's worker pings the gateway every ``ping_interval_s`` (every
    ``offline_ping_interval_s`` while it is unreachable).
    """

    kind = "payment"
    Settings = HttpPaymentGatewaySettings
    settings: HttpPaymentGatewaySettings

    def __init__(
        self,
        settings: HttpPaymentGatewaySettings | None = None,
        *,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        super().__init__(settings)
        self._transport = transport  # tests and embedders may bring their own
        self._client: httpx.Client | None = None
        self._key = b""
        self._path_prefix = ""
        self._receiver: NotificationReceiver | None = None
        # A request that went unanswered sets it: the worker pings at once.
        self._nudge = self._wake
        self._changed = threading.Condition()

    # ---------------------------------------------------------------- lifecycle
    def _open(self) -> None:
        if self._client is not None:
            return
        s = self.settings
        problem = self._configure()
        if problem:
            self._set_status(config_error(problem))
            return
        transport = self._transport
        if transport is None:
            try:
                transport = pinned_transport(s.ca_file, s.tls_pin_sha256)
            except (OSError, ValueError) as exc:  # ssl.SSLError is an OSError
                detail = f"payment gateway ca_file {s.ca_file}: {exc}"
                self._set_status(config_error(detail))
                return
        self._client = httpx.Client(base_url=s.base_url, transport=transport)
        self._identity = DeviceIdentity(
            model="HTTP payment gateway", serial=s.merchant_id, vendor=httpx.URL(s.base_url).host
        )
        if s.notify_listen:
            host, _, port = s.notify_listen.rpartition(":")
            receiver = NotificationReceiver(
                host or "127.0.0.1",
                int(port),
                merchant_id=s.merchant_id,
                key=lambda: self._key,
                on_outcome=self._notified,
            )
            try:
                self._receiver = receiver.start()
            except OSError as exc:  # port taken or address not ours: poll only, and say so
                log.error("payment notification receiver failed", extra={"error": str(exc)})
                self._client.close()
                self._client = None
                detail = f"cannot listen for notifications on {s.notify_listen}: {exc}"
                self._set_status(config_error(detail))
                return
        super()._open()

    def _configure(self) -> str:
        """Empty when the settings can work, else what is wrong."""
        s = self.settings
        if not s.base_url:
            return "payment gateway base_url is empty"
        problem = insecure_url_problem(s.base_url)
        if problem:
            return f"payment gateway base_url {problem}"
        if not s.merchant_id:
            return "payment gateway merchant_id is empty"
        key = s.api_key.get_secret_value() or os.environ.get(s.api_key_env, "")
        if not key and s.api_key_file is not None:
            try:  # a systemd credential, read in the service (config check cannot see it)
                key = read_secret_text(credential_path(s.api_key_file))
            except FileNotFoundError:
                return f"payment gateway api_key_file {s.api_key_file} does not exist"
            except SecretFileError as exc:
                return f"payment gateway key: {exc}"
        if not key:
            return f"no payment gateway key (api_key, or the {s.api_key_env} variable)"
        if s.notify_listen and not s.notify_listen.rpartition(":")[2].isdigit():
            return "notify_listen must be host:port"
        self._key = key.encode()
        self._path_prefix = httpx.URL(s.base_url).path.rstrip("/")
        return ""

    def _close(self) -> None:
        super()._close()
        if self._receiver is not None:
            self._receiver.stop()
            self._receiver = None
        client, self._client = self._client, None
        if client is not None:
            client.close()

    @property
    def notify_url(self) -> str:
        if self.settings.notify_url:
            return self.settings.notify_url
        return self._receiver.url if self._receiver is not None else ""

    # ---------------------------------------------------------------- the API
    def charge(self, order_no: str, amount_fen: int, auth_code: str) -> PaymentOutcome:
        """Charge the citizen's scanned payment code; UNKNOWN when no answer came."""
        check_order_no(order_no)
        check_amount(amount_fen)
        if not isinstance(auth_code, str):
            raise TypeError("auth_code must be a string")
        code = auth_code.strip()
        if not auth_code_ok(code):
            log.info("payment code refused locally", extra={"order_no": order_no})
            return PaymentOutcome(
                order_no,
                PaymentStatus.DECLINED,
                amount_fen,
                "AUTH_CODE_INVALID",
                "the scanned code is not a wallet payment code",
            )
        body = {
            "order_no": order_no,
            "amount_fen": amount_fen,
            "auth_code": code,
            "description": self.settings.description,
        }
        return self._money_call("/v1/payments/code", body, order_no, amount_fen)

    def create_qr(self, order_no: str, amount_fen: int) -> QrOrder:
        """Ask for a payment QR to show; then ``query``/``wait_for_outcome`` until final."""
        check_order_no(order_no)
        check_amount(amount_fen)
        body: dict[str, Any] = {
            "order_no": order_no,
            "amount_fen": amount_fen,
            "description": self.settings.description,
            "expires_in_s": self.settings.qr_expires_in_s,
        }
        if self.notify_url:
            body["notify_url"] = self.notify_url
        outcome = self._read_payment(self._post("/v1/payments/qr", body))
        self._same_order(outcome, order_no, amount_fen)
        if not outcome.qr_text or outcome.expires_at is None:
            raise GatewayProtocolError("QR order without qr_text or expires_at")
        log.info("payment QR created", extra={"order_no": order_no, "amount_fen": amount_fen})
        return QrOrder(order_no, amount_fen, outcome.qr_text, outcome.expires_at)

    def query(self, order_no: str) -> PaymentOutcome:
        """The gateway's current view of an order (resolves UNKNOWN and USER_PAYING)."""
        check_order_no(order_no)
        response = self._call("GET", f"/v1/payments/{order_no}", None)
        outcome = self._read_payment(response)
        self._same_order(outcome, order_no, None)
        return outcome

    def wait_for_outcome(
        self, order_no: str, timeout_s: float, *, stop: threading.Event | None = None
    ) -> PaymentOutcome:
        """Query until the order is final, ``timeout_s`` passes or ``stop`` is set.

        Transient faults (no answer, gateway busy, garbled answer) are ridden
        out; the last outcome seen is returned (UNKNOWN if none).
        """
        deadline = time.monotonic() + timeout_s
        last: PaymentOutcome | None = None
        while True:
            try:
                last = self.query(order_no)
            except (GatewayUnavailable, GatewayNoAnswer, GatewayProtocolError) as exc:
                log.info("payment query failed", extra={"order_no": order_no, "code": exc.code})
            if last is not None and last.final:
                return last
            remaining = deadline - time.monotonic()
            if remaining <= 0 or (stop is not None and stop.is_set()):
                break
            self._pause(min(self.settings.poll_interval_s, remaining), stop)
        if last is None:
            return PaymentOutcome.unknown(order_no, 0, "GATEWAY_TIMEOUT", "no answer from gateway")
        return last

    def _pause(self, seconds: float, stop: threading.Event | None) -> None:
        """Wait between queries; a notification or ``stop`` ends the wait early."""
        until = time.monotonic() + seconds
        with self._changed:
            while stop is None or not stop.is_set():
                left = until - time.monotonic()
                # Short slices: a stop event cannot wake a condition by itself.
                if left <= 0 or self._changed.wait(min(left, 0.1)):
                    return

    def cancel(self, order_no: str) -> PaymentOutcome:
        """Close an unpaid order (CLOSED); an order already PAID stays PAID: refund it.

        An order number the gateway has not seen is closed in advance, so a
        charge still in flight under it is not taken: the way out of an
        UNKNOWN charge that queries cannot resolve.
        """
        check_order_no(order_no)
        outcome = self._read_payment(self._post(f"/v1/payments/{order_no}/cancel", {}))
        self._same_order(outcome, order_no, None)
        log.info("payment cancel", extra={"order_no": order_no, "status": str(outcome.status)})
        return outcome

    def refund(
        self, order_no: str, amount_fen: int, refund_no: str, reason: str = ""
    ) -> RefundOutcome:
        """Refund (part of) a paid order; the same ``refund_no`` never refunds twice."""
        check_order_no(order_no)
        check_order_no(refund_no, "refund number")
        check_amount(amount_fen)
        body = {
            "order_no": order_no,
            "refund_no": refund_no,
            "amount_fen": amount_fen,
            "reason": reason[:64],
        }
        extra = {"order_no": order_no, "refund_no": refund_no, "amount_fen": amount_fen}
        try:
            response = self._post("/v1/refunds", body)
            outcome = proto.read_refund(*_parts(response))
        except (GatewayNoAnswer, GatewayProtocolError) as exc:
            log.warning("refund outcome unknown", extra={**extra, "code": exc.code})
            return RefundOutcome(
                refund_no, order_no, amount_fen, RefundStatus.UNKNOWN, exc.code, str(exc)
            )
        if (outcome.refund_no, outcome.order_no, outcome.amount_fen) != (
            refund_no,
            order_no,
            amount_fen,
        ):
            log.warning("refund answer names another refund", extra=extra)
            return RefundOutcome(
                refund_no,
                order_no,
                amount_fen,
                RefundStatus.UNKNOWN,
                "GATEWAY_PROTOCOL_ERROR",
                "the answer names another refund",
            )
        log.info("refund", extra={**extra, "status": str(outcome.status)})
        return outcome

    def query_refund(self, refund_no: str) -> RefundOutcome:
        check_order_no(refund_no, "refund number")
        return proto.read_refund(*_parts(self._call("GET", f"/v1/refunds/{refund_no}", None)))

    def ping(self) -> float:
        """Seconds the gateway took to answer its ping; a typed error if it did not."""
        t0 = time.monotonic()
        response = self._call("GET", "/v1/ping", None, timeout=min(5.0, self.settings.timeout_s))
        proto.raise_for_error(*_parts(response))
        if proto.decode_json(response.content).get("status") != "ok":
            raise GatewayProtocolError("gateway ping answer is not ok")
        return time.monotonic() - t0

    # ---------------------------------------------------------------- internals
    def _money_call(
        self, path: str, body: dict[str, Any], order_no: str, amount_fen: int
    ) -> PaymentOutcome:
        extra = {"order_no": order_no, "amount_fen": amount_fen}
        if self.notify_url:
            body["notify_url"] = self.notify_url
        try:
            outcome = self._read_payment(self._post(path, body))
            self._same_order(outcome, order_no, amount_fen)
        except (GatewayNoAnswer, GatewayProtocolError) as exc:
            # The gateway may have charged: resolve by query, never by charging again.
            log.warning("payment outcome unknown", extra={**extra, "code": exc.code})
            return PaymentOutcome.unknown(order_no, amount_fen, exc.code, str(exc))
        log.info(
            "payment",
            extra={**extra, "status": str(outcome.status), "reason": outcome.reason_code},
        )
        return outcome

    def _read_payment(self, response: Reply) -> PaymentOutcome:
        return proto.read_payment(*_parts(response))

    @staticmethod
    def _same_order(outcome: PaymentOutcome, order_no: str, amount_fen: int | None) -> None:
        if outcome.order_no != order_no or (
            amount_fen is not None and outcome.amount_fen != amount_fen
        ):
            raise GatewayProtocolError("the gateway's answer names another order or amount")

    def _post(self, path: str, body: dict[str, Any]) -> Reply:
        return self._call("POST", path, body)

    def _call(
        self, method: str, path: str, body: dict[str, Any] | None, *, timeout: float | None = None
    ) -> Reply:
        """Send one signed request: GatewayUnavailable if unsent, GatewayNoAnswer if unanswered.

        The whole exchange ends within ``timeout`` (default ``timeout_s``) and reads at
        most ``max_reply_bytes``; an answer past either bound is no answer (UNKNOWN).
        """
        client = self._client
        if client is None:
            raise DeviceNotReady("payment gateway not opened", code=self.status.code)
        content = proto.encode(body) if body is not None else b""
        headers = proto.signed_headers(
            self.settings.merchant_id, self._key, method, self._path_prefix + path, content
        )
        if body is not None:
            headers["Content-Type"] = "application/json"
        bounds = Bounds(
            max_bytes=self.settings.max_reply_bytes,
            deadline_s=timeout if timeout is not None else self.settings.timeout_s,
            connect_timeout_s=self.settings.connect_timeout_s,
        )
        try:
            response = bounded_request(
                client, method, path, bounds=bounds, content=content, headers=headers
            )
        except PinMismatch as exc:
            error = GatewayUnavailable(str(exc), code=PIN_MISMATCH)
            self._set_status(self._status_for(error))
            raise error from exc
        except DeadlineExceeded as exc:
            if not exc.sent:  # not even connected in time: nothing reached the gateway
                error = GatewayUnavailable(f"payment gateway unreachable: {exc}")
                self._set_status(self._status_for(error))
                raise error from exc
            self._nudge.set()
            raise GatewayNoAnswer(f"no answer within the deadline ({exc})") from exc
        except BoundedHTTPError as exc:  # too large, or compressed unasked: not our API
            self._nudge.set()
            raise GatewayProtocolError(
                f"gateway answer refused: {exc}", code="GATEWAY_ANSWER_REFUSED"
            ) from exc
        except (httpx.ConnectError, httpx.ConnectTimeout) as exc:
            error = GatewayUnavailable(f"payment gateway unreachable: {type(exc).__name__}")
            self._set_status(self._status_for(error))
            raise error from exc
        except httpx.TimeoutException as exc:
            self._nudge.set()  # let the monitor find out whether the gateway is still there
            raise GatewayNoAnswer(f"no answer within the deadline ({type(exc).__name__})") from exc
        except (httpx.TransportError, httpx.DecodingError) as exc:
            self._nudge.set()
            raise GatewayNoAnswer(f"connection failed mid-request ({type(exc).__name__})") from exc
        except (httpx.HTTPError, httpx.InvalidURL, httpx.StreamError, OSError) as exc:
            # anything else on the way: still only our own errors escape
            raise GatewayNoAnswer(f"request failed ({type(exc).__name__})") from exc
        if response.status_code in (401, 403):
            self._set_status(self._status_for(GatewayAuthError("gateway refused our signature")))
        elif response.status_code < 500 and self.status.state is not DeviceState.CLOSED:
            self._set_status(_ONLINE)
        return response

    def _status_for(self, error: DeviceError) -> DeviceStatus:
        if not isinstance(error, PaymentError):
            return super()._status_for(error)
        return status_for_payment_error(error)

    def _check_gateway(self) -> tuple[bool, str, str]:
        try:
            latency = self.ping()
        except PaymentError as exc:
            status = self._status_for(exc)
            self._set_status(status)
            return False, str(exc), status.code
        self._set_status(_ONLINE)
        return True, f"gateway answered its ping in {latency * 1000:.0f} ms", "OK"

    # ---------------------------------------------------------------- supervision hooks
    @property
    def reconnect_interval_s(self) -> float:
        return self.settings.offline_ping_interval_s

    def _poll_interval_s(self) -> float:
        return self.settings.ping_interval_s

    def _connect(self) -> None:
        self._poll()

    def _poll(self) -> None:
        """Ping; a gateway that does not answer (or refuses us) raises for the supervisor."""
        self.ping()
        self._set_status(_ONLINE)

    def _disconnect(self) -> None:
        """Nothing to drop: each request opens its own connection when it needs one."""

    def _notified(self, outcome: PaymentOutcome) -> None:
        log.info(
            "payment notification",
            extra={"order_no": outcome.order_no, "status": str(outcome.status)},
        )
        self._emit(PaymentNotified(outcome))
        with self._changed:
            self._changed.notify_all()

    def _check_external(self) -> tuple[bool, str, str]:
        if self._client is None:
            status = self.status
            return False, status.detail or "payment gateway not opened", status.code
        return self._check_gateway()


def _parts(response: Reply) -> tuple[int, bytes, str | None]:
    return response.status_code, response.content, response.headers.get("Retry-After")
