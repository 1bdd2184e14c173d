"""The platform client and the sync worker against a hostile peer on loopback.

Every call ends by its deadline (plus a generous tolerance), reads no more than
its byte cap (plus a margin, measured with tracemalloc), and fails only with
:class:`PlatformError`; the worker keeps the rows for a later try and says so.
"""

from __future__ import annotations

import base64
import email.utils
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from offline_queue.client import (
    RETRY_AFTER_CAP_S,
    UNKNOWN_OUTCOME,
    FailureKind,
    PlatformClient,
    PlatformConfigError,
    PlatformError,
    parse_retry_after,
)
from offline_queue.db import State
from offline_queue.outbox import Outbox
from offline_queue.settings import PlatformSettings
from offline_queue.worker import SyncWorker
from tests.hostio import hostile_peer as hp
from tests.offline_queue.helpers import KIOSK, TOKEN, reissue

CAP = 1024 * 1024
DEADLINE_S = 1.0
FAST = {"deadline_s": DEADLINE_S, "verify_timeout_s": DEADLINE_S, "read_timeout_s": 0.5,
        "connect_timeout_s": 1.0}  # fmt: skip


def _settings(**values: Any) -> PlatformSettings:
    return PlatformSettings.model_validate(values)


@pytest.fixture
def hostile() -> Iterator[Callable[..., tuple[hp.HostilePeer, PlatformClient]]]:
    made: list[tuple[hp.HostilePeer, PlatformClient]] = []

    def make(behaviour: hp.Behaviour, **settings: Any) -> tuple[hp.HostilePeer, PlatformClient]:
        peer = hp.HostilePeer(behaviour).__enter__()
        client = PlatformClient(peer.url, KIOSK, TOKEN, _settings(**{**FAST, **settings}))
        made.append((peer, client))
        return peer, client

    yield make
    for peer, client in made:
        client.close()
        peer.stop()


CALLS: dict[str, Callable[[PlatformClient], object]] = {
    "deliver": lambda c: c.deliver([{"id": "x", "type": "t", "payload": {}}]),
    "progress": lambda c: c.application_status("A00001"),
    "verify": lambda c: c.verify_identity("110105198001010019", "张三", b"\xff\xd8jpeg"),
    "search": lambda c: c.search_applications("110105198001010019", "张三"),
}


@pytest.mark.parametrize("call", CALLS)
@pytest.mark.parametrize(
    ("behaviour", "kind"),
    [
        (hp.endless_chunked, FailureKind.REPLY_TOO_LARGE),
        (hp.huge_length, FailureKind.REPLY_TOO_LARGE),
        (hp.gzip_bomb_reply, FailureKind.MALFORMED),
        (hp.bad_gzip, FailureKind.MALFORMED),
        (hp.trickle_body, FailureKind.TIMEOUT),
        (hp.trickle_head, FailureKind.TIMEOUT),
    ],
    ids=["endless", "huge_length", "gzip_bomb", "bad_gzip", "trickle_body", "trickle_head"],
)
def test_a_hostile_answer_is_bounded_and_mapped(
    hostile: Callable[..., tuple[hp.HostilePeer, PlatformClient]],
    behaviour: hp.Behaviour,
    kind: FailureKind,
    call: str,
) -> None:
    hp.gzip_bomb()  # built before anything is measured
    _peer, client = hostile(behaviour)
    error, peak, elapsed = hp.measured(lambda: CALLS[call](client))
    assert isinstance(error, PlatformError), repr(error)
    assert error.kind is kind and error.kind in UNKNOWN_OUTCOME
    assert peak < 2 * CAP + 512 * 1024
    assert elapsed < DEADLINE_S + 2.0


@pytest.mark.parametrize("garbage", hp.GARBAGE)
def test_garbage_is_a_platform_error(
    hostile: Callable[..., tuple[hp.HostilePeer, PlatformClient]], garbage: str
) -> None:
    _peer, client = hostile(hp.raw(hp.GARBAGE[garbage]))
    error, _peak, elapsed = hp.measured(lambda: client.application_status("A00001"))
    assert isinstance(error, PlatformError), repr(error)
    assert error.kind in UNKNOWN_OUTCOME
    assert elapsed < DEADLINE_S + 2.0


def test_the_cap_is_configurable(
    hostile: Callable[..., tuple[hp.HostilePeer, PlatformClient]],
) -> None:
    body = b'{"application_no":"A1","status":"ready","updated_at":"2026-01-01T00:00:00Z",' \
           b'"history":[],"note":"' + b"n" * 8000 + b'"}'  # fmt: skip
    _peer, small = hostile(hp.answer(200, body), max_reply_bytes=4096)
    with pytest.raises(PlatformError) as err:
        small.application_status("A1")
    assert err.value.kind is FailureKind.REPLY_TOO_LARGE
    _peer, default = hostile(hp.answer(200, body))
    status = default.application_status("A1")
    assert status is not None and status.status == "ready"
    with pytest.raises(ValidationError):
        _settings(max_reply_bytes=1 << 30)


# ---------------------------------------------------------------- Retry-After


@pytest.mark.parametrize(
    ("raw", "seconds"),
    [
        (b"\xc2\xb2", None),  # "²": str.isdigit() says yes, float() says no
        (b"\xd9\xa3", None),  # Arabic-Indic three
        (b"12", 12.0),
        (b"  7 ", 7.0),
        (b"99999999999999999999", RETRY_AFTER_CAP_S),  # absurd: clamped like 86400
        (b"86400", RETRY_AFTER_CAP_S),
        (b"-5", None),
        (b"1e3", None),
        (b"soon", None),
    ],
)
def test_retry_after_is_parsed_strictly_and_clamped(
    hostile: Callable[..., tuple[hp.HostilePeer, PlatformClient]], raw: bytes, seconds: float | None
) -> None:
    _peer, client = hostile(hp.retry_after(raw))
    with pytest.raises(PlatformError) as err:
        client.application_status("A00001")
    assert err.value.kind is FailureKind.THROTTLED
    assert err.value.retry_after_s == seconds


def test_retry_after_dates() -> None:
    now = 1_800_000_000.0
    assert parse_retry_after(email.utils.formatdate(now + 30, usegmt=True), now) == 30.0
    assert parse_retry_after(email.utils.formatdate(now - 30, usegmt=True), now) == 0.0
    far = email.utils.formatdate(now + 10 * 86400, usegmt=True)
    assert parse_retry_after(far, now) == RETRY_AFTER_CAP_S
    assert parse_retry_after("Sun, 99 Foo 99999 99:99:99 GMT", now) is None


# ---------------------------------------------------------------- the worker


def test_the_worker_keeps_rows_a_hostile_platform_answers_and_says_why(
    outbox: Outbox, hostile: Callable[..., tuple[hp.HostilePeer, PlatformClient]]
) -> None:
    tickets = reissue(outbox, 3)
    _peer, client = hostile(hp.retry_after(b"\xc2\xb2"))
    worker = SyncWorker(outbox, client)
    try:
        report = worker.sync_once()
    finally:
        assert worker.stop(10)
    assert report.error == FailureKind.THROTTLED.value and report.retried == 3
    for t in tickets:
        row = outbox.find(t.id)
        assert row is not None and row.state is State.PENDING  # not left to the lease
    stats = outbox.stats()
    assert (stats.last_sync_error, stats.sync_failures) == (FailureKind.THROTTLED.value, 1)


class _BrokenClient(PlatformClient):
    def deliver(self, transactions: Any) -> Any:
        raise RuntimeError("a bug, not the network")


def test_an_unexpected_failure_puts_the_rows_back_and_shows_in_status(outbox: Outbox) -> None:
    tickets = reissue(outbox, 2)
    client = _BrokenClient("https://platform.test", KIOSK, TOKEN)
    worker = SyncWorker(outbox, client)
    try:
        for _ in range(3):
            report = worker.sync_once()
            assert report.error == FailureKind.UNEXPECTED.value
            outbox.reschedule_pending(0)
    finally:
        assert worker.stop(10)
        client.close()
    rows = [outbox.find(t.id) for t in tickets]
    assert all(row is not None and row.state is State.PENDING for row in rows)
    stats = outbox.stats()
    assert stats.sync_failures == 3 and "SYNC_FAILING" in stats.warnings
    assert worker.status.last_error == FailureKind.UNEXPECTED.value


def test_a_pass_that_breaks_is_counted_and_recorded(
    outbox: Outbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    reissue(outbox, 1)

    def broken_claim(limit: int | None = None) -> list[Any]:
        raise RuntimeError("a bug in the pass")

    monkeypatch.setattr(outbox, "claim", broken_claim)
    client = PlatformClient("https://platform.test", KIOSK, TOKEN)
    worker = SyncWorker(outbox, client)
    worker.start()
    try:
        until = time.monotonic() + 10
        while worker.status.consecutive_failures < 1 and time.monotonic() < until:
            time.sleep(0.01)
    finally:
        assert worker.stop(10)
        client.close()
    assert worker.status.last_error == "SYNC_PASS_FAILED"
    assert outbox.stats().last_sync_error == "SYNC_PASS_FAILED"


# ---------------------------------------------------------------- https and TLS


@pytest.mark.parametrize("url", ["http://platform.example.gov.cn", "http://10.1.2.3:8080"])
def test_plain_http_is_refused_off_loopback(url: str) -> None:
    with pytest.raises(ValidationError) as err:
        _settings(base_url=url)
    assert err.value.errors()[0]["loc"] == ("base_url",)
    with pytest.raises(PlatformConfigError):
        PlatformClient(url, KIOSK, TOKEN)


def test_plain_http_to_loopback_is_allowed() -> None:
    assert _settings(base_url="http://127.0.0.1:8080/").base_url == "http://127.0.0.1:8080"
    PlatformClient("http://localhost:8080", KIOSK, TOKEN).close()


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> hp.Pki:
    return hp.make_pki(tmp_path_factory.mktemp("pki"))


READY = (b'{"application_no":"A1","status":"ready","updated_at":"2026-01-01T00:00:00Z",'
         b'"history":[]}')  # fmt: skip


def test_tls_trusts_ca_file_and_checks_the_pin(pki: hp.Pki) -> None:
    with hp.HostilePeer(hp.answer(200, READY), tls=pki.server) as peer:
        good = _settings(**FAST, ca_file=pki.ca_file, tls_pin_sha256=[pki.server_pin])
        with PlatformClient(peer.url, KIOSK, TOKEN, good) as client:
            status = client.application_status("A1")
        assert status is not None and status.status == "ready"
        other = base64.b64encode(bytes(32)).decode()
        bad = _settings(**FAST, ca_file=pki.ca_file, tls_pin_sha256=[other])
        client = PlatformClient(peer.url, KIOSK, TOKEN, bad)
        with client, pytest.raises(PlatformError) as err:
            client.deliver([{"id": "x", "type": "t", "payload": {"name": "张三"}}])
        assert err.value.kind is FailureKind.TLS_PIN_MISMATCH
    assert len(peer.requests) == 1  # the pinned-out delivery never sent a byte


def test_without_ca_file_a_private_ca_is_not_trusted(pki: hp.Pki) -> None:
    with hp.HostilePeer(hp.answer(200, READY), tls=pki.server) as peer:
        client = PlatformClient(peer.url, KIOSK, TOKEN, _settings(**FAST))
        with client, pytest.raises(PlatformError) as err:
            client.application_status("A1")
    assert err.value.kind is FailureKind.UNREACHABLE
    assert peer.requests == []


def test_a_bad_ca_file_is_a_configuration_error(tmp_path: Path) -> None:
    junk = tmp_path / "ca.pem"
    junk.write_text("not a certificate")
    with pytest.raises(PlatformConfigError):
        PlatformClient("https://platform.test", KIOSK, TOKEN, _settings(ca_file=junk))
