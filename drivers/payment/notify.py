"""Receiver of the gateway's payment notifications (callbacks), deduplicated.

Gateways deliver notifications at least once, so the same "order paid" may
arrive twice or more; :class:`NotificationReceiver` checks each one's signature
and hands every (order, status) pair on once.
"""

from __future__ import annotations

import contextlib
import logging
import socket
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from drivers.payment import protocol as proto
from drivers.payment.model import PaymentError, PaymentOutcome, PaymentStatus

log = logging.getLogger(__name__)

NOTIFY_PATH = "/kiosk/payment-notify"
_MAX_BODY = 64 * 1024
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
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None
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
        self._server = _Server(self._address, _Handler)
        self._server.receiver = self
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name="payment-notify",
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.close_connections()
            self._server.server_close()
            self._server = None
        if self._thread is not None:
            self._thread.join()
            self._thread = None

    def accept(self, path: str, body: bytes, headers: Any) -> int:
        """Check and deliver one notification; returns the HTTP status to answer."""
        problem = proto.check_signature(
            headers, self._key(), "POST", path, body, merchant_id=self.merchant_id
        )
        if problem or path != NOTIFY_PATH:
            self.refused += 1
            log.warning("payment notification refused", extra={"reason": problem or "path"})
            return 401 if problem else 404
        try:
            outcome = proto.parse_payment(proto.decode_json(body))
        except PaymentError as exc:
            self.refused += 1
            log.warning("payment notification unreadable", extra={"code": exc.code})
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


class _Server(ThreadingHTTPServer):
    daemon_threads = False
    block_on_close = True
    receiver: NotificationReceiver

    def __init__(self, address: tuple[str, int], handler: type[BaseHTTPRequestHandler]) -> None:
        self._conns: set[socket.socket] = set()
        self._conns_lock = threading.Lock()
        super().__init__(address, handler)

    def process_request(self, request: Any, client_address: Any) -> None:
        with self._conns_lock:
            self._conns.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request: Any) -> None:
        with self._conns_lock:
            self._conns.discard(request)
        super().shutdown_request(request)

    def close_connections(self) -> None:
        with self._conns_lock:
            conns = list(self._conns)
        for conn in conns:
            with contextlib.suppress(OSError):
                conn.shutdown(socket.SHUT_RDWR)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    timeout = 30
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:
        log.debug("payment-notify %s", format % args)

    def do_POST(self) -> None:
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            length = -1
        if not 0 <= length <= _MAX_BODY:
            status = 400
        else:
            body = self.rfile.read(length)
            status = self.server.receiver.accept(self.path, body, self.headers)
        data = b'{"status":"ok"}' if status == 200 else b'{"status":"refused"}'
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
        except OSError:
            self.close_connection = True
