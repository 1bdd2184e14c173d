"""A hostile HTTP peer on loopback, and a throwaway CA for TLS tests.

:class:`HostilePeer` answers every request with one misbehaviour (endless body,
huge Content-Length, gzip bomb, trickle, garbage). Everything it sends is bounded
in bytes and time (``SEND_LIMIT``, ``TIME_LIMIT_S``) so a client without bounds
fails its test instead of taking the machine down, and ``stop()`` joins every
thread it started.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import socket
import ssl
import threading
import time
import tracemalloc
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

#: Most a peer sends on one connection (a client that reads it all fails its memory bound).
SEND_LIMIT = 48 * 1024 * 1024
#: Longest a peer keeps a connection going.
TIME_LIMIT_S = 20.0
BLOCK = b"x" * 65536
#: One chunk of an endless chunked body, built once: the peer allocates nothing per send
#: (tracemalloc counts every thread, the peer's too).
CHUNK = b"10000\r\n" + BLOCK + b"\r\n"

Behaviour = Callable[["Conn"], None]


def measured(
    call: Callable[[], object], expected: type[BaseException] = BaseException
) -> tuple[Any, int, float]:
    """What ``call`` returned, or the ``expected`` exception it raised; the peak of traced
    memory meanwhile (every thread's, the peer's too) and the seconds it took.
    """
    tracemalloc.start()
    t0 = time.monotonic()
    try:
        result: Any = call()
    except expected as exc:
        result = exc
    finally:
        elapsed = time.monotonic() - t0
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return result, peak, elapsed


@dataclass
class Conn:
    """One accepted connection, as a behaviour sees it."""

    sock: socket.socket
    stop: threading.Event
    request: bytes = b""
    sent: int = 0
    started: float = 0.0

    def alive(self) -> bool:
        return (
            not self.stop.is_set()
            and self.sent < SEND_LIMIT
            and time.monotonic() - self.started < TIME_LIMIT_S
        )

    def send(self, data: bytes) -> bool:
        """False once the client has gone (or a limit is reached)."""
        if not self.alive():
            return False
        try:
            self.sock.sendall(data)
        except OSError:
            return False
        self.sent += len(data)
        return True


class HostilePeer:
    """Serves ``behaviour`` to every connection; ``requests`` holds each request read."""

    def __init__(self, behaviour: Behaviour, *, tls: ssl.SSLContext | None = None) -> None:
        self.behaviour = behaviour
        self.tls = tls
        self.requests: list[bytes] = []
        self.handshakes = 0
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []
        self._lock = threading.Lock()
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(0.05)
        self.port = self._listener.getsockname()[1]
        scheme = "https" if tls else "http"
        self.url = f"{scheme}://127.0.0.1:{self.port}"

    def __enter__(self) -> HostilePeer:
        thread = threading.Thread(target=self._accept, name="hostile-peer", daemon=True)
        self._threads.append(thread)
        thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def stop(self) -> None:
        self._stop.set()
        for thread in list(self._threads):
            thread.join(10)
            assert not thread.is_alive(), f"{thread.name} did not stop"
        self._listener.close()

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                sock, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            thread = threading.Thread(target=self._serve, args=(sock,), name="hostile-conn")
            with self._lock:
                self._threads.append(thread)
            thread.start()

    def _serve(self, sock: socket.socket) -> None:
        try:
            sock.settimeout(2.0)
            if self.tls is not None:
                try:
                    sock = self.tls.wrap_socket(sock, server_side=True)
                except (OSError, ssl.SSLError):
                    return
                self.handshakes += 1
            request = _read_request(sock)
            if request is None:
                return
            with self._lock:
                self.requests.append(request)
            self.behaviour(Conn(sock, self._stop, request, 0, time.monotonic()))
        finally:
            sock.close()


def _read_request(sock: socket.socket) -> bytes | None:
    data = b""
    while b"\r\n\r\n" not in data:
        try:
            chunk = sock.recv(65536)
        except OSError:
            return None
        if not chunk or len(data) > 1 << 20:
            return None
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
    while len(body) < length:
        try:
            chunk = sock.recv(65536)
        except OSError:
            return None
        if not chunk:
            return None
        body += chunk
    return head + b"\r\n\r\n" + body


# ---------------------------------------------------------------- behaviours


def endless_chunked(conn: Conn) -> None:
    """A chunked body that never ends."""
    if not conn.send(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                     b"Transfer-Encoding: chunked\r\n\r\n"):  # fmt: skip
        return
    while conn.send(CHUNK):
        pass


def huge_length(conn: Conn) -> None:
    """Announces 10 GiB, then sends as much as the client reads."""
    head = b"HTTP/1.1 200 OK\r\nContent-Length: 10737418240\r\n\r\n"
    if not conn.send(head):
        return
    while conn.send(BLOCK):
        pass


@cache
def gzip_bomb() -> bytes:
    """32 MiB of zeros, gzip-compressed to a few tens of KiB."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    zeros = bytes(1 << 20)
    out = b"".join(packer.compress(zeros) for _ in range(32))
    return out + packer.flush()


def gzip_bomb_reply(conn: Conn) -> None:
    body = gzip_bomb()
    head = (
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Encoding: gzip\r\n"
        f"Content-Length: {len(body)}\r\n\r\n"
    ).encode()
    conn.send(head + body)


def bad_gzip(conn: Conn) -> None:
    """Claims gzip, sends something else (httpx's decoder raises on it)."""
    conn.send(b"HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: 8\r\n\r\nnot gzip")


def trickle_body(conn: Conn) -> None:
    """A valid head, then the body one byte every 50 ms."""
    if not conn.send(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                     b"Content-Length: 1000\r\n\r\n"):  # fmt: skip
        return
    while conn.send(b" "):
        time.sleep(0.05)


def trickle_head(conn: Conn) -> None:
    """The status line, then a header one byte every 50 ms (never finished)."""
    if not conn.send(b"HTTP/1.1 200 OK\r\nX-Slow: "):
        return
    while conn.send(b"a"):
        time.sleep(0.05)


def retry_after(value: bytes) -> Behaviour:
    """429 with the given raw Retry-After value."""

    def send(conn: Conn) -> None:
        conn.send(b"HTTP/1.1 429 Too Many Requests\r\nRetry-After: " + value
                  + b"\r\nContent-Length: 0\r\n\r\n")  # fmt: skip

    return send


def raw(data: bytes) -> Behaviour:
    """Exactly ``data``, then close."""

    def send(conn: Conn) -> None:
        conn.send(data)

    return send


def answer(status: int, body: bytes) -> Behaviour:
    """A well-formed reply (for TLS tests)."""

    def send(conn: Conn) -> None:
        head = (
            f"HTTP/1.1 {status} OK\r\nContent-Type: application/json\r\n"
            f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n"
        ).encode()
        conn.send(head + body)

    return send


def unless_ping(behaviour: Behaviour) -> Behaviour:
    """``behaviour``, except that the payment gateway's ping is answered properly."""
    pong = answer(200, b'{"status":"ok"}')

    def send(conn: Conn) -> None:
        if conn.request.split(b" ", 2)[1:2] == [b"/v1/ping"]:
            pong(conn)
        else:
            behaviour(conn)

    return send


GARBAGE = {
    "binary": b"\x16\x03\x01\x00\xff\xfe garbage \x00\r\n\r\n",
    "negative_length": b"HTTP/1.1 200 OK\r\nContent-Length: -5\r\n\r\n",
    "two_lengths": b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 7\r\n\r\nabcde",
    "huge_header": b"HTTP/1.1 200 OK\r\nX-Big: " + b"a" * 200_000 + b"\r\n\r\n",
    "bad_status": b"HTTP/1.1 2x0 OK\r\nContent-Length: 0\r\n\r\n",
    "bad_chunk": b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n",
}


# ---------------------------------------------------------------- a throwaway CA


@dataclass(frozen=True)
class Pki:
    ca_file: Path
    server: ssl.SSLContext
    server_pin: str


def make_pki(directory: Path) -> Pki:
    """A CA and a server certificate for 127.0.0.1, generated now, never trusted elsewhere."""
    from hostio.outbound_http import spki_sha256

    now = dt.datetime.now(dt.UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "kiosk test CA")])
    ca = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(False, False, False, False, False, True, True, False, False),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), False)
        .sign(ca_key, hashes.SHA256())
    )
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")]))
        .issuer_name(ca_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), False
        )
        .add_extension(x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.SERVER_AUTH]), False)
        .sign(ca_key, hashes.SHA256())
    )
    ca_file = directory / "ca.pem"
    ca_file.write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    cert_file = directory / "server.pem"
    cert_file.write_bytes(
        cert.public_bytes(serialization.Encoding.PEM)
        + key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    server = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server.load_cert_chain(cert_file)
    pin = spki_sha256(cert.public_bytes(serialization.Encoding.DER))
    return Pki(ca_file, server, pin)
