"""The loopback server base: bounded handler threads and bodies, clean stops."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator

import httpx
import pytest

from hostio.loopback_http import LoopbackHandler, LoopbackServer


class _Echo:
    """The owner: counts the bodies it was given; can hold handlers until released."""

    def __init__(self) -> None:
        self.bodies: list[bytes] = []
        self.release = threading.Event()
        self.release.set()
        self.entered = threading.Semaphore(0)


class _Handler(LoopbackHandler):
    max_body = 1024
    timeout = 5.0
    server: LoopbackServer[_Echo]

    def do_POST(self) -> None:
        body = self.read_body()
        if body is None:
            return
        owner = self.server.owner
        owner.entered.release()
        owner.release.wait(10)
        owner.bodies.append(body)
        self.send_bytes(200, body, "application/octet-stream")


@pytest.fixture
def server() -> Iterator[LoopbackServer[_Echo]]:
    srv = LoopbackServer(("127.0.0.1", 0), _Handler, _Echo(), name="test-http", max_connections=2)
    srv.start()
    yield srv
    srv.owner.release.set()
    srv.stop()


def _url(srv: LoopbackServer[_Echo]) -> str:
    return f"http://127.0.0.1:{srv.port}/"


def test_echoes_and_stops_without_leaving_threads(server: LoopbackServer[_Echo]) -> None:
    before = threading.active_count()
    with httpx.Client() as client:
        assert client.post(_url(server), content=b"abc").content == b"abc"
    assert server.owner.bodies == [b"abc"]
    server.stop()
    assert threading.active_count() < before


@pytest.mark.parametrize(
    ("length", "status"), [("2048", 413), ("-1", 400), ("²", 400), ("9" * 40, 400)]
)
def test_bad_or_oversized_body_is_refused_unread(
    server: LoopbackServer[_Echo], length: str, status: int
) -> None:
    with socket.create_connection(("127.0.0.1", server.port), timeout=5) as sock:
        head = f"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: {length}\r\n\r\n"
        sock.sendall(head.encode())
        answer = sock.makefile("rb").readline()
    assert answer.split()[1] == str(status).encode()
    assert server.owner.bodies == []


def test_connections_past_the_cap_are_turned_away_not_given_threads(
    server: LoopbackServer[_Echo],
) -> None:
    owner = server.owner
    owner.release.clear()  # the first two requests hold both handler threads
    results: list[int] = []

    def post() -> None:
        results.append(httpx.post(_url(server), content=b"x", timeout=10).status_code)

    holders = [threading.Thread(target=post) for _ in range(2)]
    for t in holders:
        t.start()
    for _ in holders:
        assert owner.entered.acquire(timeout=10)
    handler_threads = threading.active_count()
    busy = httpx.post(_url(server), content=b"y", timeout=10)
    assert busy.status_code == 503 and busy.headers["Retry-After"] == "1"
    assert server.turned_away == 1
    assert threading.active_count() == handler_threads
    owner.release.set()
    for t in holders:
        t.join()
    assert results == [200, 200]
    assert httpx.post(_url(server), content=b"z", timeout=10).status_code == 200


def test_silent_client_times_out_and_frees_its_thread() -> None:
    class Quick(_Handler):
        timeout = 0.2

    srv = LoopbackServer(("127.0.0.1", 0), Quick, _Echo(), name="test-http", max_connections=1)
    srv.start()
    try:
        with socket.create_connection(("127.0.0.1", srv.port), timeout=5) as sock:
            sock.sendall(b"POST / HTTP/1.1\r\n")  # and nothing more
            assert sock.recv(1) == b""  # closed by the server's read timeout
        answer = httpx.post(f"http://127.0.0.1:{srv.port}/", content=b"ok", timeout=5)
        assert answer.content == b"ok"
    finally:
        srv.stop()
