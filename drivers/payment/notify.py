"""Receiver of the gateway's payment notifications (callbacks), deduplicated.

Gateways deliver notifications at least once, so the same "order paid" may
arrive twice or more; :class:`NotificationReceiver` checks each one's signature
and hands every (order, status) pair on once.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from drivers.payment import protocol as proto
from drivers.payment.model import PaymentError, PaymentOutcome, PaymentStatus
from hostio.loopback_http import LoopbackHandler, LoopbackServer

log = logging.getLogger(__name__)

NOTIFY_PATH = "/kiosk/payment-notify"
_MAX_BODY = 64 * 1024
#: A gateway sends a few notifications at a time; more connections than this wait their turn.
_MAX_CONNECTIONS = 8
#: Remembered (order, status) pairs; old ones are forgotten first.
_SEEN_LIMIT = 4096


class NotificationReceiver:
    """A small HTTP server taking signed ``POST {NOTIFY_PATH}`` notifications."""

    def __init__(
        self,
        host: str,
        port: int,
        *,
        merchant_id: str,
        key: Callable[[], bytes],
        on_outcome: Callable[[PaymentOutcome], None],
    ) -> None:
        self._address = (host, port)
        self.merchant_id = merchant_id
        self._key = key
        self._on_outcome = on_outcome
        self._seen: dict[tuple[str, PaymentStatus], None] = {}
        self._lock = threading.Lock()
        self._server: LoopbackServer[NotificationReceiver] | None = None
        #: Notifications refused (bad signature or body) and duplicates dropped.
        self.refused = 0
        self.duplicates = 0

    @property
    def url(self) -> str:
        assert self._server is not None
        host, port = self._server.server_address[:2]
        assert isinstance(host, str)  # an AF_INET server's address, never bytes
        return f"http://{host}:{port}{NOTIFY_PATH}"

    def start(self) -> NotificationReceiver:
        self._server = LoopbackServer(
            self._address, _Handler, self, name="payment-notify", max_connections=_MAX_CONNECTIONS
        )
        self._server.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.stop()
            self._server = None

    @property
    def turned_away(self) -> int:
        """Connections refused because every handler thread was busy."""
        return self._server.turned_away if self._server is not None else 0

    def count_refused(self, reason: str) -> None:
        with self._lock:
            self.refused += 1
        log.warning("payment notification refused", extra={"reason": reason})

    def accept(self, path: str, body: bytes, headers: Any) -> int:
        """Check and deliver one notification; returns the HTTP status to answer."""
        problem = proto.check_signature(
            headers, self._key(), "POST", path, body, merchant_id=self.merchant_id
        )
        if problem == proto.SIGNATURE_MALFORMED:
            self.count_refused(problem)
            return 400
        if problem or path != NOTIFY_PATH:
            self.count_refused(problem or "path")
            return 401 if problem else 404
        try:
            outcome = proto.parse_payment(proto.decode_json(body))
        except PaymentError as exc:
            self.count_refused(exc.code)
            return 400
        pair = (outcome.order_no, outcome.status)
        with self._lock:
            if pair in self._seen:
                self.duplicates += 1
                return 200  # already handled: acknowledge so the gateway stops resending
            self._seen[pair] = None
            if len(self._seen) > _SEEN_LIMIT:
                del self._seen[next(iter(self._seen))]
        self._on_outcome(outcome)
        return 200


class _Handler(LoopbackHandler):
    max_body = _MAX_BODY
    server: LoopbackServer[NotificationReceiver]

    def body_refused(self, status: int) -> None:
        self.server.owner.count_refused(f"body {status}")

    def do_POST(self) -> None:
        receiver = self.server.owner
        body = self.read_body()
        if body is None:
            return
        status = receiver.accept(self.path, body, self.headers)
        data = b'{"status":"ok"}' if status == 200 else b'{"status":"refused"}'
        self.send_bytes(status, data, "application/json")
