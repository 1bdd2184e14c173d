"""A small bounded HTTP/1.1 listener for ``GET /metrics`` and ``GET /health``.

No shared loopback server base existed when this was written, so it is its own
(stdlib sockets only). Bounded in every direction a peer could push:

* threads: one accepting thread and ``workers`` handler threads, fixed; a
  connection that finds ``pending`` others waiting is closed at once;
* time: the request line and headers must arrive within ``read_deadline_s``
  in total (a slowloris client loses its worker after that, not per byte), and
  an answer that cannot be written within ``write_timeout_s`` is dropped;
* size: request line and headers together at most ``max_header_bytes``
  (else 431); bodies are never read; one request per connection.

Only GET on a known path is served: 404 for any other path, 405 for any other
method on a known one.
"""

from __future__ import annotations

import contextlib
import logging
import queue
import socket
import threading
import time
from collections.abc import Callable, Mapping
from http import HTTPStatus

log = logging.getLogger(__name__)

#: (status, content type, body) of one answer.
Response = tuple[int, str, bytes]
Route = Callable[[], Response]

_ACCEPT_POLL_S = 0.2


class BoundedHttpServer:
    def __init__(
        self,
        host: str,
        port: int,
        routes: Mapping[str, Route],
        *,
        workers: int = 4,
        pending: int = 16,
        max_header_bytes: int = 8192,
        read_deadline_s: float = 5.0,
        write_timeout_s: float = 5.0,
        name: str = "health-http",
    ) -> None:
        self.routes = dict(routes)
        self.max_header_bytes = max_header_bytes
        self.read_deadline_s = read_deadline_s
        self.write_timeout_s = write_timeout_s
        self._name = name
        self._queue: queue.Queue[socket.socket | None] = queue.Queue(maxsize=pending)
        self._stopping = threading.Event()
        self._threads: list[threading.Thread] = []
        self._workers = workers
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        self._sock = socket.socket(family, socket.SOCK_STREAM)
        try:
            self._sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            self._sock.bind((host, port))
            self._sock.listen(64)  # the kernel holds these, not threads
            self._sock.settimeout(_ACCEPT_POLL_S)
        except BaseException:
            self._sock.close()
            raise
        self.address: tuple[str, int] = self._sock.getsockname()[:2]

    def start(self) -> BoundedHttpServer:
        self._threads = [
            threading.Thread(target=self._accept_loop, name=f"{self._name}-accept", daemon=True)
        ] + [
            threading.Thread(target=self._work, name=f"{self._name}-{i}", daemon=True)
            for i in range(self._workers)
        ]
        for t in self._threads:
            t.start()
        return self

    def stop(self) -> None:
        """Stop accepting, end the workers (each finishes its connection) and join them."""
        self._stopping.set()
        for t in self._threads[:1]:
            t.join()
        self._sock.close()
        while True:  # connections still waiting are dropped
            try:
                conn = self._queue.get_nowait()
            except queue.Empty:
                break
            if conn is not None:
                conn.close()
        for _ in self._threads[1:]:
            self._queue.put(None)
        for t in self._threads[1:]:
            t.join()
        self._threads = []

    # ------------------------------------------------------------ threads

    def _accept_loop(self) -> None:
        while not self._stopping.is_set():
            try:
                conn, _ = self._sock.accept()
            except TimeoutError:
                continue
            except OSError:
                if self._stopping.is_set():
                    return
                time.sleep(_ACCEPT_POLL_S)  # e.g. out of file descriptors: do not spin
                continue
            try:
                self._queue.put_nowait(conn)
            except queue.Full:
                conn.close()  # every worker is busy and enough wait: shed this one

    def _work(self) -> None:
        while True:
            conn = self._queue.get()
            if conn is None:
                return
            try:
                self._serve(conn)
            except OSError:
                pass  # the peer went away or timed out: its problem
            except Exception:
                log.exception("health listener failed on a request")
            finally:
                with contextlib.suppress(OSError):
                    conn.shutdown(socket.SHUT_RDWR)
                conn.close()

    # ------------------------------------------------------------ one request

    def _serve(self, conn: socket.socket) -> None:
        head = self._read_head(conn)
        if head is None:
            return
        if isinstance(head, int):
            self._send(conn, head, "text/plain; charset=utf-8", b"")
            return
        parts = head.split(b"\r\n", 1)[0].split(b" ")
        if len(parts) != 3 or not parts[2].startswith(b"HTTP/1."):
            self._send(conn, 400, "text/plain; charset=utf-8", b"bad request\n")
            return
        method, target = parts[0], parts[1].split(b"?", 1)[0]
        route = self.routes.get(target.decode("ascii", errors="replace"))
        if route is None:
            self._send(conn, 404, "text/plain; charset=utf-8", b"not found\n")
            return
        if method != b"GET":
            self._send(conn, 405, "text/plain; charset=utf-8", b"only GET\n", allow="GET")
            return
        status, content_type, body = route()
        self._send(conn, status, content_type, body)

    def _read_head(self, conn: socket.socket) -> bytes | int | None:
        """The request line and headers; an error status; or None when the peer gave up."""
        deadline = time.monotonic() + self.read_deadline_s
        buf = bytearray()
        while b"\r\n\r\n" not in buf:
            if len(buf) > self.max_header_bytes:
                return 431
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return None  # too slow: the worker is needed elsewhere
            conn.settimeout(remaining)
            try:
                chunk = conn.recv(4096)
            except TimeoutError:
                return None
            if not chunk:
                return None
            buf += chunk
        head = bytes(buf).split(b"\r\n\r\n", 1)[0]
        return 431 if len(head) > self.max_header_bytes else head

    def _send(
        self, conn: socket.socket, status: int, content_type: str, body: bytes, allow: str = ""
    ) -> None:
        reason = HTTPStatus(status).phrase
        lines = [
            f"HTTP/1.1 {status} {reason}",
            f"Content-Type: {content_type}",
            f"Content-Length: {len(body)}",
            "Cache-Control: no-store",
            "Connection: close",
        ]
        if allow:
            lines.append(f"Allow: {allow}")
        conn.settimeout(self.write_timeout_s)
        conn.sendall(("\r\n".join(lines) + "\r\n\r\n").encode("ascii") + body)
