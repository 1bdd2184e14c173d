"""The /metrics + /health listener: only two GETs, and bounded against hostile peers."""

from __future__ import annotations

import contextlib
import json
import socket
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.app import KioskCore
from kiosk.config.schema import load_config
from kiosk.health.counters import department_label
from kiosk.health.http_server import BoundedHttpServer
from tests.kiosk.health.conftest import config_with
from tests.kiosk.health.contract import check_exposition

WORKERS = 2


@pytest.fixture
def server() -> Iterator[BoundedHttpServer]:
    srv = BoundedHttpServer(
        "127.0.0.1", 0, {"/metrics": lambda: (200, "text/plain", b"ok\n")},
        workers=WORKERS, pending=4, max_header_bytes=1024, read_deadline_s=0.5,
    ).start()  # fmt: skip
    yield srv
    srv.stop()


def raw(address: tuple[str, int], data: bytes, timeout: float = 10.0) -> bytes:
    with socket.create_connection(address, timeout=timeout) as s:
        s.sendall(data)
        chunks = []
        while chunk := s.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)


def status_of(answer: bytes) -> int:
    return int(answer.split(b" ", 2)[1]) if answer else 0


def scrape(address: tuple[str, int]) -> int:
    return status_of(raw(address, b"GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n"))


def test_only_get_on_the_two_paths(server: BoundedHttpServer) -> None:
    a = server.address
    assert raw(a, b"GET /metrics HTTP/1.1\r\n\r\n").endswith(b"\r\n\r\nok\n")
    assert status_of(raw(a, b"GET /metrics?x=1 HTTP/1.0\r\n\r\n")) == 200
    assert status_of(raw(a, b"GET /admin HTTP/1.1\r\n\r\n")) == 404
    answer = raw(a, b"POST /metrics HTTP/1.1\r\nContent-Length: 3\r\n\r\nabc")
    assert status_of(answer) == 405 and b"Allow: GET" in answer
    assert status_of(raw(a, b"DELETE /metrics HTTP/1.1\r\n\r\n")) == 405


def test_garbage_and_huge_requests_are_refused(server: BoundedHttpServer) -> None:
    a = server.address
    assert status_of(raw(a, b"\x16\x03\x01\x00\xa5\x01\x00\x00\xa1\x03\x03\r\n\r\n")) == 400
    assert status_of(raw(a, b"GET\r\n\r\n")) == 400
    huge = b"GET /metrics HTTP/1.1\r\nX-Pad: " + b"a" * 100_000 + b"\r\n\r\n"
    with contextlib.suppress(ConnectionResetError):  # it may close before reading it all
        assert status_of(raw(a, huge)) == 431
    assert status_of(raw(a, b"GET /" + b"m" * 5000 + b" HTTP/1.1\r\n\r\n")) == 431
    assert raw(a, b"GET /metrics HTTP/1.1\r\n") == b""  # never finished: dropped, no answer
    assert scrape(a) == 200


def test_slow_and_many_clients_leave_threads_bounded_and_a_scrape_works_after(
    server: BoundedHttpServer,
) -> None:
    baseline = threading.active_count()
    slow = []
    for _ in range(10):  # slowloris: a byte now and then, never the end of the headers
        s = socket.create_connection(server.address)
        s.sendall(b"GET /metrics HTTP/1.1\r\nX-")
        slow.append(s)
    crowd = []
    for _ in range(200):
        try:
            crowd.append(socket.create_connection(server.address, timeout=2))
        except OSError:
            break  # the backlog is full: connections are refused, the process is fine
    peak = threading.active_count()
    for s in slow:
        with contextlib.suppress(OSError):  # already dropped
            s.sendall(b"a")
    for s in slow + crowd:
        s.close()
    assert peak == baseline  # no thread per connection: the pool was there before
    deadline = time.monotonic() + 30
    while scrape_or_zero(server.address) != 200:
        assert time.monotonic() < deadline, "the listener never recovered"
        time.sleep(0.1)
    assert threading.active_count() == baseline


def scrape_or_zero(address: tuple[str, int]) -> int:
    try:
        return scrape(address)
    except OSError:
        return 0


def test_stop_joins_every_thread() -> None:
    before = threading.active_count()
    srv = BoundedHttpServer("127.0.0.1", 0, {}, workers=3).start()
    assert threading.active_count() == before + 4
    srv.stop()
    assert threading.active_count() == before


# ---------------------------------------------------------------- the kiosk's listener


def get(url: str) -> tuple[int, str, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as r:
            return r.status, r.headers["Content-Type"], r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers["Content-Type"], e.read()


@contextlib.contextmanager
def serving(core: KioskCore) -> Iterator[str]:
    """``core`` started and serving health on loopback: its base URL; stopped after."""
    core.start()
    core.health.serve()
    try:
        assert core.health.http is not None
        host, port = core.health.http.address
        yield f"http://{host}:{port}"
    finally:
        core.stop()


def test_the_kiosk_serves_metrics_and_health_json(tmp_path: Path) -> None:
    core = KioskCore(config_with(tmp_path, 'listen = "127.0.0.1:0"'))
    with serving(core) as url:
        status, ctype, body = get(f"{url}/metrics")
        assert status == 200 and ctype.startswith("text/plain; version=")
        names = {department_label(s.department.en) for s in core.config.services}
        check_exposition(body.decode(), set(core.config.devices), names)
        status, ctype, body = get(f"{url}/health")
        assert status == 200 and ctype == "application/health+json"
        doc = json.loads(body)
        assert doc["status"] == "pass" and doc["serviceId"] == core.config.kiosk.id
        assert {"version", "description", "checks"} <= set(doc)
        check = doc["checks"]["printer:status"][0]
        assert set(check) >= {"componentType", "observedValue", "status", "time", "output"}
        assert doc["checks"]["queue:rows"][0]["status"] == "pass"
    assert core.health.http is None


def test_health_answers_503_when_the_kiosk_fails(tmp_path: Path) -> None:
    core = KioskCore(config_with(tmp_path, 'listen = "127.0.0.1:0"'), start_queue=False)
    with serving(core) as url:
        status, ctype, body = get(f"{url}/health")
        doc = json.loads(body)
        assert status == 503 and ctype == "application/health+json"
        assert doc["status"] == "fail" and "QUEUE_UNAVAILABLE" in doc["notes"]
        assert doc["checks"]["queue:rows"][0]["status"] == "fail"


def test_a_port_in_use_leaves_the_kiosk_running(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        core = KioskCore(config_with(tmp_path, f'listen = "127.0.0.1:{port}"'))
        core.health.serve()
        try:
            assert core.health.http is None and core.health.control is not None
        finally:
            core.stop()


def test_no_listener_when_listen_is_empty(tmp_path: Path) -> None:
    core = KioskCore(config_with(tmp_path, 'listen = ""'))
    core.health.serve()
    try:
        assert core.health.http is None
    finally:
        core.stop()
    assert load_config().health.listen == "127.0.0.1:9464"


def test_a_trickling_client_loses_its_worker_at_the_deadline_not_per_byte(
    server: BoundedHttpServer,
) -> None:
    s = socket.create_connection(server.address, timeout=10)
    try:
        s.sendall(b"GET /metrics HTTP/1.1\r\n")
        dropped = False
        for _ in range(100):  # a byte every 50 ms: each recv alone would be in time
            try:
                s.sendall(b"X")
            except OSError:
                dropped = True
                break
            time.sleep(0.05)
            s.setblocking(False)
            try:
                if s.recv(1) == b"":
                    dropped = True
                    break
            except BlockingIOError:
                pass
            finally:
                s.setblocking(True)
        assert dropped, "the listener kept serving a client that never finished its headers"
    finally:
        s.close()
    assert scrape(server.address) == 200
