"""hostio.outbound_http: caps, deadlines, no decoding, system trust store, key pins."""

from __future__ import annotations

import base64
import ssl
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from hostio.endpoints import check_pin, insecure_url_problem
from hostio.outbound_http import (
    BoundedTransport,
    Bounds,
    DeadlineExceeded,
    PinMismatch,
    ReplyTooLarge,
    UnrequestedEncoding,
    bounded_request,
    tls_context,
)
from tests.hostio import hostile_peer as hp

BOUNDS = Bounds(max_bytes=64 * 1024, deadline_s=1.0, connect_timeout_s=1.0, read_timeout_s=0.5)
OTHER_PIN = base64.b64encode(bytes(32)).decode()


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> hp.Pki:
    return hp.make_pki(tmp_path_factory.mktemp("pki"))


def _client(url: str, transport: httpx.BaseTransport | None = None) -> httpx.Client:
    return httpx.Client(base_url=url, transport=transport or BoundedTransport())


@pytest.fixture
def peer_client() -> Iterator[tuple[list[hp.HostilePeer], list[httpx.Client]]]:
    peers: list[hp.HostilePeer] = []
    clients: list[httpx.Client] = []
    yield peers, clients
    for c in clients:
        c.close()
    for p in peers:
        p.stop()


def test_ca_file_adds_to_the_system_store(pki: hp.Pki) -> None:
    system = tls_context().cert_store_stats()["x509_ca"]
    with_ca = tls_context(pki.ca_file)
    assert with_ca.cert_store_stats()["x509_ca"] == system + 1
    assert with_ca.verify_mode is ssl.CERT_REQUIRED and with_ca.check_hostname


def test_tls_with_ca_file_and_a_matching_pin(pki: hp.Pki) -> None:
    with hp.HostilePeer(hp.answer(200, b'{"ok":true}'), tls=pki.server) as peer:
        transport = BoundedTransport(tls_context(pki.ca_file), [pki.server_pin])
        with _client(peer.url, transport) as client:
            reply = bounded_request(client, "POST", "/x", bounds=BOUNDS, content=b"{}")
    assert (reply.status_code, reply.content) == (200, b'{"ok":true}')
    assert peer.requests and peer.requests[0].endswith(b"{}")


def test_a_pin_that_does_not_match_stops_before_the_request(pki: hp.Pki) -> None:
    with hp.HostilePeer(hp.answer(200, b"{}"), tls=pki.server) as peer:
        transport = BoundedTransport(tls_context(pki.ca_file), [OTHER_PIN])
        with _client(peer.url, transport) as client, pytest.raises(PinMismatch) as err:
            bounded_request(client, "POST", "/x", bounds=BOUNDS, content=b"secret body")
    assert err.value.sent is False
    assert peer.requests == []  # the handshake happened, not one byte of the request


def test_an_unknown_ca_is_refused(pki: hp.Pki) -> None:
    peer = hp.HostilePeer(hp.answer(200, b"{}"), tls=pki.server)
    with peer, _client(peer.url) as client, pytest.raises(httpx.ConnectError):
        bounded_request(client, "GET", "/x", bounds=BOUNDS)
    assert peer.requests == []


def test_identity_only_is_asked_and_a_compressed_reply_refused() -> None:
    hp.gzip_bomb()  # built before anything is measured
    with hp.HostilePeer(hp.gzip_bomb_reply) as peer, _client(peer.url) as client:
        error, peak, _ = hp.measured(lambda: bounded_request(client, "GET", "/x", bounds=BOUNDS))
    assert isinstance(error, UnrequestedEncoding), error
    assert b"accept-encoding: identity" in peer.requests[0].lower()
    assert peak < 1024 * 1024


@pytest.mark.parametrize("behaviour", [hp.endless_chunked, hp.huge_length])
def test_a_reply_over_the_cap_is_cut(behaviour: hp.Behaviour) -> None:
    with hp.HostilePeer(behaviour) as peer, _client(peer.url) as client:
        error, peak, _ = hp.measured(lambda: bounded_request(client, "GET", "/x", bounds=BOUNDS))
    assert isinstance(error, ReplyTooLarge), error
    assert peak < BOUNDS.max_bytes + 512 * 1024


@pytest.mark.parametrize("behaviour", [hp.trickle_head, hp.trickle_body])
def test_a_trickle_ends_at_the_deadline(behaviour: hp.Behaviour) -> None:
    with hp.HostilePeer(behaviour) as peer, _client(peer.url) as client:
        t0 = time.monotonic()
        with pytest.raises(DeadlineExceeded) as err:
            bounded_request(client, "GET", "/x", bounds=BOUNDS)
        elapsed = time.monotonic() - t0
    assert err.value.sent is True
    assert elapsed < BOUNDS.deadline_s + 2.0


def test_the_deadline_is_checked_per_chunk_on_any_transport() -> None:
    def slow_chunks() -> Iterator[bytes]:
        for _ in range(100):
            time.sleep(0.05)
            yield b"x"

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, stream=_Iter(slow_chunks()))

    client = httpx.Client(base_url="https://t.test", transport=httpx.MockTransport(handler))
    with client, pytest.raises(DeadlineExceeded):
        bounded_request(client, "GET", "/x", bounds=BOUNDS)


class _Iter(httpx.SyncByteStream):
    def __init__(self, chunks: Iterator[bytes]) -> None:
        self._chunks = chunks

    def __iter__(self) -> Iterator[bytes]:
        return self._chunks


@pytest.mark.parametrize(
    ("url", "ok"),
    [
        ("https://platform.example.gov.cn/api", True),
        ("http://127.0.0.1:8080", True),
        ("http://127.8.9.1", True),
        ("http://localhost:9", True),
        ("http://[::1]:80/x", True),
        ("http://platform.example.gov.cn", False),
        ("http://10.0.0.5", False),
        ("http://127.0.0.1.example.com", False),
        ("ftp://127.0.0.1", False),
        ("https://", False),
    ],
)
def test_plain_http_only_to_loopback(url: str, ok: bool) -> None:
    assert (insecure_url_problem(url) == "") is ok


def test_pins_are_base64_sha256() -> None:
    assert check_pin(OTHER_PIN) == OTHER_PIN
    for bad in ("", "not base64!", base64.b64encode(bytes(20)).decode()):
        with pytest.raises(ValueError):
            check_pin(bad)


def test_pki_files_stay_in_tmp(pki: hp.Pki) -> None:
    assert Path(pki.ca_file).is_file() and pki.server_pin
