"""One outbound HTTP exchange that a hostile peer cannot stretch or swell.

Every call gets a byte cap and a wall-clock deadline for the whole exchange
(connect, TLS, send, headers, body). The deadline lives on the calling thread
and clips the timeout of every socket operation, so a peer that trickles a byte
at a time, in the headers or the body, cannot hold a call past it. Replies are
read raw: ``Accept-Encoding: identity`` is sent and any other Content-Encoding is
refused, never inflated. TLS trusts the system store, a ``ca_file`` adds to it,
and optional SHA-256 public-key pins are checked after the handshake, before a
byte of the request is written.

No project imports: both ``drivers`` and ``offline_queue`` use this module.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import ssl
import threading
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpcore
import httpx
from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from hostio.endpoints import check_pin

__all__ = [
    "BoundedHTTPError",
    "BoundedTransport",
    "Bounds",
    "DeadlineExceeded",
    "PinMismatch",
    "Reply",
    "ReplyTooLarge",
    "UnrequestedEncoding",
    "bounded_request",
    "spki_sha256",
    "tls_context",
]


# ---------------------------------------------------------------- errors


class BoundedHTTPError(Exception):
    """A bound was hit. ``sent`` is False only when no request byte can have left."""

    def __init__(self, message: str, *, sent: bool) -> None:
        super().__init__(message)
        self.sent = sent


class ReplyTooLarge(BoundedHTTPError):
    """The reply (announced or read) is larger than the byte cap."""


class DeadlineExceeded(BoundedHTTPError):
    """The exchange did not finish before its wall-clock deadline."""


class UnrequestedEncoding(BoundedHTTPError):
    """The reply is compressed although only ``identity`` was accepted."""


class PinMismatch(BoundedHTTPError):
    """The server's public key matches none of the configured pins."""


# ---------------------------------------------------------------- bounds and replies


@dataclass(frozen=True, slots=True)
class Bounds:
    """Limits of one exchange."""

    max_bytes: int
    """Largest reply body accepted."""
    deadline_s: float
    """Wall clock for the whole exchange."""
    connect_timeout_s: float
    read_timeout_s: float | None = None
    """Longest silence on the socket (default: up to the deadline); clipped to the deadline."""


@dataclass(frozen=True, slots=True)
class Reply:
    """A reply read whole, within its bounds."""

    status_code: int
    headers: httpx.Headers
    content: bytes


# ---------------------------------------------------------------- the deadline of this thread

_local = threading.local()


@contextlib.contextmanager
def _deadline(at: float) -> Iterator[None]:
    previous = getattr(_local, "deadline", None)
    _local.deadline = at if previous is None else min(at, previous)
    try:
        yield
    finally:
        _local.deadline = previous


def _clip(timeout: float | None, *, sent: bool) -> float | None:
    """``timeout`` shortened to what is left of this thread's deadline."""
    at: float | None = getattr(_local, "deadline", None)
    if at is None:
        return timeout
    left = at - time.monotonic()
    if left <= 0:
        raise DeadlineExceeded("deadline passed", sent=sent)
    return left if timeout is None else min(timeout, left)


# ---------------------------------------------------------------- TLS


def tls_context(ca_file: str | Path | None = None) -> ssl.SSLContext:
    """Client context on the system trust store; ``ca_file`` adds its CAs to it."""
    ctx = ssl.create_default_context()
    if ca_file is not None:
        ctx.load_verify_locations(cafile=str(ca_file))
    return ctx


def spki_sha256(der_cert: bytes) -> str:
    """Base64 SHA-256 of a certificate's SubjectPublicKeyInfo (the HPKP pin form)."""
    cert = x509.load_der_x509_certificate(der_cert)
    spki = cert.public_key().public_bytes(Encoding.DER, PublicFormat.SubjectPublicKeyInfo)
    return base64.b64encode(hashlib.sha256(spki).digest()).decode("ascii")


# ---------------------------------------------------------------- transport


class _GuardedStream(httpcore.NetworkStream):
    """A socket stream whose every wait is clipped to the thread's deadline."""

    def __init__(self, inner: httpcore.NetworkStream, pins: frozenset[str]) -> None:
        self._inner = inner
        self._pins = pins
        self._wrote = False

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, _clip(timeout, sent=True))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        clipped = _clip(timeout, sent=self._wrote)
        self._wrote = True
        self._inner.write(buffer, clipped)

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        tls = self._inner.start_tls(ssl_context, server_hostname, _clip(timeout, sent=False))
        if self._pins:
            ssl_object = tls.get_extra_info("ssl_object")
            der = ssl_object.getpeercert(True) if ssl_object is not None else None
            if der is None or spki_sha256(der) not in self._pins:
                tls.close()
                raise PinMismatch(
                    f"the server's public key ({server_hostname}) matches no configured pin",
                    sent=False,
                )
        return _GuardedStream(tls, self._pins)

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


class _GuardedBackend(httpcore.NetworkBackend):
    def __init__(self, pins: frozenset[str]) -> None:
        self._inner = httpcore.SyncBackend()
        self._pins = pins

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        stream = self._inner.connect_tcp(
            host, port, _clip(timeout, sent=False), local_address, socket_options
        )
        return _GuardedStream(stream, self._pins)

    def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        stream = self._inner.connect_unix_socket(path, _clip(timeout, sent=False), socket_options)
        return _GuardedStream(stream, self._pins)

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


# Most specific first: httpcore's errors as the httpx errors callers already handle.
_MAPPED: tuple[tuple[type[Exception], type[httpx.HTTPError]], ...] = (
    (httpcore.ConnectTimeout, httpx.ConnectTimeout),
    (httpcore.ReadTimeout, httpx.ReadTimeout),
    (httpcore.WriteTimeout, httpx.WriteTimeout),
    (httpcore.PoolTimeout, httpx.PoolTimeout),
    (httpcore.TimeoutException, httpx.TimeoutException),
    (httpcore.ConnectError, httpx.ConnectError),
    (httpcore.ReadError, httpx.ReadError),
    (httpcore.WriteError, httpx.WriteError),
    (httpcore.NetworkError, httpx.NetworkError),
    (httpcore.UnsupportedProtocol, httpx.UnsupportedProtocol),
    (httpcore.LocalProtocolError, httpx.LocalProtocolError),
    (httpcore.RemoteProtocolError, httpx.RemoteProtocolError),
    (httpcore.ProtocolError, httpx.ProtocolError),
)


@contextlib.contextmanager
def _httpx_errors() -> Iterator[None]:
    try:
        yield
    except BoundedHTTPError:
        raise
    except Exception as exc:
        for source, target in _MAPPED:
            if isinstance(exc, source):
                raise target(str(exc)) from exc
        raise


class _ReplyStream(httpx.SyncByteStream):
    def __init__(self, inner: Iterable[bytes]) -> None:
        self._inner = inner

    def __iter__(self) -> Iterator[bytes]:
        with _httpx_errors():
            yield from self._inner

    def close(self) -> None:
        close = getattr(self._inner, "close", None)
        if close is not None:
            with _httpx_errors():
                close()


class BoundedTransport(httpx.BaseTransport):
    """httpx transport whose sockets obey the caller's deadline and the TLS pins.

    Proxies from the environment are not used: the kiosk talks to its endpoints directly.
    """

    def __init__(
        self,
        ssl_context: ssl.SSLContext | None = None,
        pins: Sequence[str] = (),
        *,
        max_connections: int = 4,
        keepalive_expiry_s: float = 30.0,
    ) -> None:
        self._pool = httpcore.ConnectionPool(
            ssl_context=ssl_context if ssl_context is not None else tls_context(),
            max_connections=max_connections,
            max_keepalive_connections=max_connections,
            keepalive_expiry=keepalive_expiry_s,
            network_backend=_GuardedBackend(frozenset(check_pin(p) for p in pins)),
        )

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        assert isinstance(request.stream, httpx.SyncByteStream)
        core_request = httpcore.Request(
            method=request.method,
            url=httpcore.URL(
                scheme=request.url.raw_scheme,
                host=request.url.raw_host,
                port=request.url.port,
                target=request.url.raw_path,
            ),
            headers=request.headers.raw,
            content=request.stream,
            extensions=request.extensions,
        )
        with _httpx_errors():
            core_response = self._pool.handle_request(core_request)
        assert isinstance(core_response.stream, Iterable)
        return httpx.Response(
            status_code=core_response.status,
            headers=core_response.headers,
            stream=_ReplyStream(core_response.stream),
            extensions=core_response.extensions,
        )

    def close(self) -> None:
        self._pool.close()


def pinned_transport(ca_file: str | Path | None, pins: Sequence[str]) -> BoundedTransport:
    """The transport a client builds from its settings: the trust store plus ``ca_file``,
    and the pins. A CA file that cannot be read raises OSError (ssl.SSLError is one).
    """
    return BoundedTransport(tls_context(ca_file), pins)


# ---------------------------------------------------------------- one exchange


def bounded_request(
    client: httpx.Client,
    method: str,
    url: str,
    *,
    bounds: Bounds,
    content: bytes | None = None,
    headers: Mapping[str, str] | None = None,
) -> Reply:
    """Send one request and read its reply whole, within ``bounds``.

    Raises :class:`BoundedHTTPError` subclasses for a bound hit and httpx's own
    errors for everything else the network does. With a :class:`BoundedTransport`
    every socket wait ends by the deadline; with any other transport the
    deadline is still checked at every chunk of the body.
    """
    sent_headers = {**(headers or {}), "Accept-Encoding": "identity"}
    read = bounds.read_timeout_s if bounds.read_timeout_s is not None else bounds.deadline_s
    read = min(read, bounds.deadline_s)
    connect = min(bounds.connect_timeout_s, bounds.deadline_s)
    timeout = httpx.Timeout(connect=connect, read=read, write=read, pool=connect)
    at = time.monotonic() + bounds.deadline_s
    with _deadline(at):
        try:
            with client.stream(
                method, url, content=content, headers=sent_headers, timeout=timeout
            ) as response:
                _check_head(response, bounds.max_bytes)
                body = bytearray()
                # A reply built in memory (a test transport) was read whole when it was made.
                raw = [response.content] if response.is_stream_consumed else response.iter_raw()
                for chunk in raw:
                    body += chunk
                    if len(body) > bounds.max_bytes:
                        raise ReplyTooLarge(
                            f"reply larger than {bounds.max_bytes} bytes", sent=True
                        )
                    if time.monotonic() > at:
                        raise DeadlineExceeded("deadline passed", sent=True)
        except httpx.TimeoutException as exc:
            if time.monotonic() < at:
                raise
            unsent = isinstance(exc, httpx.ConnectTimeout | httpx.PoolTimeout)
            raise DeadlineExceeded(
                f"no whole reply in {bounds.deadline_s} s", sent=not unsent
            ) from exc
        except DeadlineExceeded as exc:
            exc.args = (f"no whole reply in {bounds.deadline_s} s",)
            raise
    return Reply(response.status_code, response.headers, bytes(body))


def _check_head(response: httpx.Response, max_bytes: int) -> None:
    encoding = response.headers.get("Content-Encoding", "").strip().lower()
    if encoding not in ("", "identity"):
        raise UnrequestedEncoding(
            f"reply is {encoding[:32]!r}-encoded although only identity was accepted", sent=True
        )
    length = response.headers.get("Content-Length", "").strip()
    if length.isascii() and length.isdigit() and int(length) > max_bytes:
        raise ReplyTooLarge(f"reply announces {length[:20]} bytes, over {max_bytes}", sent=True)
