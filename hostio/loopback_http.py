"""The base of the small HTTP listeners: bounded threads, bounded requests, clean stops.

Simulators and the payment notification receiver serve on a thread of their
own; tests start and stop them many times, so a stop closes every connection
(also idle keep-alive ones) and joins every handler thread. Whoever can reach
the port can open connections, so each server runs at most ``max_connections``
handler threads (one more connection is answered 503 and closed at once),
every socket has a read timeout and bodies are read only up to a cap.
"""

from __future__ import annotations

import contextlib
import logging
import socket
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, ClassVar, Generic, TypeVar

log = logging.getLogger(__name__)

OwnerT = TypeVar("OwnerT")

#: Handler threads one server runs at most.
DEFAULT_MAX_CONNECTIONS = 32
_BUSY = (
    b"HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n"
    b"Retry-After: 1\r\nConnection: close\r\n\r\n"
)


class LoopbackServer(ThreadingHTTPServer, Generic[OwnerT]):
    """A threading HTTP server serving ``owner`` (the simulator or receiver behind it)."""

    daemon_threads = False  # joined by server_close(): a stop leaves no thread behind
    block_on_close = True

    def __init__(
        self,
        address: tuple[str, int],
        handler: type[BaseHTTPRequestHandler],
        owner: OwnerT,
        *,
        name: str,
        max_connections: int = DEFAULT_MAX_CONNECTIONS,
    ) -> None:
        self.owner = owner
        self.name = name
        #: Connections answered 503 because every handler thread was busy.
        self.turned_away = 0
        self._slots = threading.BoundedSemaphore(max_connections)
        self._conns: set[socket.socket] = set()
        self._conns_lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._stopped = False
        super().__init__(address, handler)

    @property
    def port(self) -> int:
        return int(self.server_address[1])

    # ------------------------------------------------------------ lifecycle

    def start(self) -> None:
        """Serve on a thread of its own."""
        self._thread = threading.Thread(
            target=self.serve_forever,
            kwargs={"poll_interval": 0.05},
            name=f"{self.name}:{self.port}",
        )
        self._thread.start()

    def stop(self) -> None:
        """Stop accepting, close every connection and join every thread; once is enough."""
        if self._stopped:
            return
        self._stopped = True
        if self._thread is not None:
            self.shutdown()  # waits for serve_forever, so only when it runs
        self.close_connections()
        self.server_close()  # joins the handler threads
        if self._thread is not None:
            self._thread.join()
            self._thread = None

    def close_connections(self) -> None:
        """Wake handlers blocked on idle keep-alive connections so they end."""
        with self._conns_lock:
            conns = list(self._conns)
        for conn in conns:
            with contextlib.suppress(OSError):
                conn.shutdown(socket.SHUT_RDWR)

    # ------------------------------------------------------------ socketserver hooks

    def process_request(self, request: Any, client_address: Any) -> None:
        if not self._slots.acquire(blocking=False):
            self.turned_away += 1
            log.warning("%s: every handler is busy; connection turned away", self.name)
            with contextlib.suppress(OSError):
                request.settimeout(1.0)
                request.sendall(_BUSY)
            self.shutdown_request(request)
            return
        with self._conns_lock:
            self._conns.add(request)
        try:
            super().process_request(request, client_address)
        except BaseException:
            self._slots.release()
            raise

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self._slots.release()

    def shutdown_request(self, request: Any) -> None:
        with self._conns_lock:
            self._conns.discard(request)
        super().shutdown_request(request)

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that timed out and left is ordinary; anything else is logged."""
        exc = sys.exc_info()[1]
        if isinstance(exc, ConnectionError | TimeoutError):
            log.debug("%s: client went away (%s)", self.name, type(exc).__name__)
        else:
            log.exception("%s: error handling a request", self.name)


class LoopbackHandler(BaseHTTPRequestHandler):
    """HTTP/1.1 keep-alive handler with a read timeout and a body cap."""

    protocol_version = "HTTP/1.1"
    timeout = 30.0  # socket timeout: a silent client frees its thread
    disable_nagle_algorithm = True  # headers and body go out in two writes: no 40 ms stall
    #: Largest request body read; a larger one is answered 413 and the connection closed.
    max_body: ClassVar[int] = 64 * 1024

    def log_message(self, format: str, *args: Any) -> None:
        log.debug("%s %s", getattr(self.server, "name", "http"), format % args)

    def body_length(self) -> int | None:
        """The request's Content-Length when usable (0 when absent), else None."""
        raw = self.headers.get("Content-Length") or "0"
        if not (raw.isascii() and raw.isdigit()) or len(raw) > 12:
            return None
        return int(raw)

    def read_body(self) -> bytes | None:
        """The request body, or None after answering 400/413 (then the connection closes)."""
        length = self.body_length()
        if length is None or length > self.max_body:
            self.close_connection = True  # the unread body would be taken for a request
            status = 400 if length is None else 413
            self.body_refused(status)
            self.send_bytes(status, b'{"error":"bad or too large body"}')
            return None
        return self.rfile.read(length) if length else b""

    def body_refused(self, status: int) -> None:
        """Called before a body is refused with ``status`` (to count it, say)."""

    def send_bytes(
        self,
        status: int,
        body: bytes,
        content_type: str = "application/json; charset=utf-8",
        headers: dict[str, str] | None = None,
    ) -> None:
        """Answer; a client that already left just closes the connection."""
        try:
            self.send_response(status)
            if status != 204:
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.end_headers()
            if status != 204:
                self.wfile.write(body)
        except OSError:
            self.close_connection = True
