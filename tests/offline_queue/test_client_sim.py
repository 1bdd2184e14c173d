"""The platform client against the simulator: the whole contract, over real loopback HTTP."""

from __future__ import annotations

import socket
import uuid
from pathlib import Path

import httpx
import pytest

from offline_queue import FailureKind, PlatformClient, PlatformError, PlatformSettings
from offline_queue.client import PlatformConfigError, parse_retry_after, resolve_token
from offline_queue.sim import (
    ApplicationSettings,
    FaultSettings,
    Person,
    PlatformSimulator,
    SyntheticRegistry,
    synthetic_id,
)
from tests.offline_queue.helpers import ID_NUMBER, KIOSK, NAME, TOKEN, make_client

JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 64 + b"\xff\xd9"


def tx(tx_type: str = "payment", **payload: object) -> dict:
    return {
        "id": str(uuid.uuid4()),
        "type": tx_type,
        "created_at": "2026-11-22T21:14:03+08:00",
        "payload": payload or {"amount_fen": 100},
    }


def test_deliver_deduplicates_by_id(client: PlatformClient, sim: PlatformSimulator) -> None:
    a, b = tx(), tx()
    first = client.deliver([a, b])
    assert sorted(first.accepted) == sorted([a["id"], b["id"]]) and not first.duplicates
    c = tx()
    second = client.deliver([a, c, c])
    assert second.accepted == [c["id"]] and second.duplicates == [a["id"]]
    assert sim.store.counts()["stored"] == 3
    assert sim.store.counts()["deliveries"] == 4  # a was received twice, stored once


def test_invalid_transactions_are_rejected_with_a_reason(client: PlatformClient) -> None:
    good = tx("id_card_reissue", application_no="A1", id_number=ID_NUMBER, name=NAME)
    bad_number = tx("id_card_reissue", application_no="A2", id_number="123456", name=NAME)
    bad_amount = tx("payment", amount_fen=-5)
    bad_time = {**tx(), "created_at": "2026-11-22 21:14"}
    bad_id = {**tx(), "id": "42"}
    result = client.deliver([good, bad_number, bad_amount, bad_time, bad_id])
    assert result.accepted == [good["id"]]
    reasons = {r.id: r.reason for r in result.rejected}
    assert reasons[bad_number["id"]] == "payload.id_number: invalid"
    assert "amount_fen" in reasons[bad_amount["id"]]
    assert "created_at" in reasons[bad_time["id"]]
    assert reasons["42"].startswith("id:")
    # Still rejected when sent again (it will never be accepted).
    again = client.deliver([bad_amount])
    assert [r.id for r in again.rejected] == [bad_amount["id"]]


def test_malformed_request_and_auth(sim: PlatformSimulator) -> None:
    with httpx.Client(base_url=sim.url) as http:
        auth = {"Authorization": f"Bearer {TOKEN}", "X-Kiosk-Id": KIOSK}
        path = f"/v1/kiosks/{KIOSK}/transactions"
        assert http.post(path, content=b"{nope", headers=auth).status_code == 400
        assert http.post(path, json={"tx": []}, headers=auth).status_code == 400
        too_many = {"transactions": [tx() for _ in range(101)]}
        assert http.post(path, json=too_many, headers=auth).status_code == 413
        assert http.post(path, json={"transactions": []}, headers=auth).status_code == 200
        wrong = {**auth, "Authorization": "Bearer nope"}
        assert http.post(path, json={"transactions": []}, headers=wrong).status_code == 401
        other = {**auth, "X-Kiosk-Id": "someone-else"}
        assert http.post(path, json={"transactions": []}, headers=other).status_code == 400
        assert http.get("/healthz").json() == {"status": "ok"}
    # A declared body above 8 MiB is refused before it is read.
    head = (
        f"POST /v1/kiosks/{KIOSK}/transactions HTTP/1.1\r\nHost: x\r\n"
        f"Authorization: Bearer {TOKEN}\r\nX-Kiosk-Id: {KIOSK}\r\n"
        f"Content-Length: {9 * 1024 * 1024}\r\n\r\n"
    )
    with socket.create_connection(("127.0.0.1", sim.port), timeout=5) as sock:
        sock.sendall(head.encode() + b"{")
        assert sock.recv(100).startswith(b"HTTP/1.1 413")


def test_bad_token_is_unauthorized(sim: PlatformSimulator) -> None:
    with PlatformClient(sim.url, KIOSK, "wrong") as c, pytest.raises(PlatformError) as e:
        c.deliver([tx()])
    assert e.value.kind is FailureKind.UNAUTHORIZED and e.value.status == 401


def test_heartbeat_is_stored(client: PlatformClient, sim: PlatformSimulator) -> None:
    client.heartbeat({"queue": {"pending": 3}, "uptime_s": 12})
    assert sim.store.last_heartbeat(KIOSK) == {"queue": {"pending": 3}, "uptime_s": 12}


def test_identity_verification_default_rule(client: PlatformClient) -> None:
    ok = client.verify_identity(ID_NUMBER, NAME, JPEG, {"method": "blink", "passed": True})
    assert ok.match and ok.score == pytest.approx(0.92)
    mismatch_person = synthetic_id("510107", "19900315", "004")  # 赵六: expect_match False
    assert not client.verify_identity(mismatch_person, "赵六", JPEG).match
    assert not client.verify_identity(
        ID_NUMBER, NAME, JPEG, {"method": "turn", "passed": False}
    ).match
    unlisted = synthetic_id("330106", "19661111", "123")
    assert client.verify_identity(unlisted, "某某", JPEG).score == pytest.approx(0.90)
    for number, name, face, kind in [
        (ID_NUMBER, "李四", JPEG, FailureKind.NOT_FOUND),  # name differs from the record
        ("110105198001010011", "某某", JPEG, FailureKind.NOT_FOUND),  # bad check digit
        (ID_NUMBER, NAME, b"GIF89a....", FailureKind.NO_USABLE_FACE),
    ]:
        with pytest.raises(PlatformError) as e:
            client.verify_identity(number, name, face)
        assert e.value.kind is kind


def test_injected_face_matcher_and_verifier(tmp_path: Path) -> None:
    reg = SyntheticRegistry([Person(ID_NUMBER, NAME, photo_jpeg=JPEG + b"record")])
    calls: list[tuple[bytes, bytes]] = []

    def matcher(live: bytes, record: bytes) -> float:
        calls.append((live, record))
        return 0.4

    sim = PlatformSimulator(tmp_path / "p.db", registry=reg, face_matcher=matcher)
    with sim as s, make_client(s.url) as c:
        result = c.verify_identity(ID_NUMBER, NAME, JPEG)
    assert (result.match, result.score) == (False, 0.4)
    assert calls == [(JPEG, JPEG + b"record")]

    from offline_queue.sim import NoUsableFace, VerifyOutcome

    def verifier(req: object) -> VerifyOutcome:
        if getattr(req, "name", "") == "nobody":
            raise NoUsableFace
        return VerifyOutcome(True, 0.77)

    with PlatformSimulator(tmp_path / "q.db", verifier=verifier) as s, make_client(s.url) as c:
        assert c.verify_identity("x", "y", b"anything").score == pytest.approx(0.77)
        with pytest.raises(PlatformError) as e:
            c.verify_identity("x", "nobody", b"anything")
        assert e.value.kind is FailureKind.NO_USABLE_FACE


def test_application_progress_advances_over_time(tmp_path: Path) -> None:
    clock = [1_800_000_000.0]
    timeline = ApplicationSettings(processing_after_s=60, ready_after_s=300)
    sim = PlatformSimulator(tmp_path / "p.db", applications=timeline, clock=lambda: clock[0])
    with sim as s, make_client(s.url) as c:
        assert c.application_status("SQ-1") is None
        app = tx("id_card_reissue", application_no="SQ-1", id_number=ID_NUMBER, name=NAME)
        assert c.deliver([app]).accepted == [app["id"]]
        assert c.application_status("SQ-1").status == "received"
        clock[0] += 61
        assert c.application_status("SQ-1").status == "processing"
        clock[0] += 240
        st = c.application_status("SQ-1")
        assert st.status == "ready"
        assert [h.status for h in st.history] == ["received", "processing", "ready"]
        assert st.history[0].note == "已受理"
        clock[0] += 10
        assert s.store.add_event("SQ-1", "collected")
        assert c.application_status("SQ-1").status == "collected"
        s.store.add_application("SQ/2 X")  # odd characters travel URL-encoded
        assert c.application_status("SQ/2 X").status == "received"


def test_throttle_carries_retry_after(client: PlatformClient, sim: PlatformSimulator) -> None:
    sim.set_faults(FaultSettings(script=["throttle_429", "throttle_503"], retry_after_s=7))
    for status in (429, 503):
        with pytest.raises(PlatformError) as e:
            client.deliver([tx()])
        assert e.value.kind is FailureKind.THROTTLED
        assert (e.value.status, e.value.retry_after_s) == (status, 7.0)
    assert sim.store.counts()["stored"] == 0


def test_faults_after_commit_store_the_batch(
    client: PlatformClient, sim: PlatformSimulator
) -> None:
    sim.set_faults(FaultSettings(script=["drop_after_commit", "malformed", "error"]))
    kinds = []
    for _ in range(3):
        with pytest.raises(PlatformError) as e:
            client.deliver([tx()])
        kinds.append(e.value.kind)
    assert kinds == [FailureKind.DROPPED, FailureKind.MALFORMED, FailureKind.SERVER_ERROR]
    assert sim.store.counts()["stored"] == 2  # the 500 stored nothing
    assert sim.plan.injected == {"drop_after_commit": 1, "malformed": 1, "error": 1}


def test_slow_answer_times_out(sim: PlatformSimulator) -> None:
    sim.set_faults(FaultSettings(script=["slow"], slow_s=5))
    with make_client(sim.url, read_timeout_s=0.2) as c, pytest.raises(PlatformError) as e:
        c.deliver([tx()])
    assert e.value.kind is FailureKind.TIMEOUT
    assert sim.store.counts()["stored"] == 1


def test_reject_rate_is_stable_per_id(client: PlatformClient, sim: PlatformSimulator) -> None:
    sim.set_faults(FaultSettings(reject_rate=0.5, seed=1))
    batch = [tx() for _ in range(60)]
    first = {r.id for r in client.deliver(batch).rejected}
    assert 10 < len(first) < 50
    second = {r.id for r in client.deliver(batch).rejected}
    assert first == second


def test_unreachable_and_link_listener(sim: PlatformSimulator) -> None:
    seen: list[bool] = []
    with make_client(sim.url, connect_timeout_s=1) as c:
        c.add_link_listener(seen.append)
        c.heartbeat({})
        sim.stop(keep_store=True)
        with pytest.raises(PlatformError) as e:
            c.heartbeat({})
        assert e.value.kind is FailureKind.UNREACHABLE
        sim.start()  # same port: the outage is over
        c.heartbeat({})
    assert seen == [True, False, True]
    assert sim.store.counts()["heartbeats"] == 2


def test_token_resolution(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    s = PlatformSettings(base_url="http://127.0.0.1:1")
    monkeypatch.delenv(s.token_env, raising=False)
    with pytest.raises(PlatformConfigError, match="KIOSK_PLATFORM_TOKEN"):
        resolve_token(s, tmp_path)
    (tmp_path / "keys").mkdir()
    token_file = tmp_path / "keys" / "platform.token"
    token_file.write_text("from-file\n")
    token_file.chmod(0o644)
    with pytest.raises(PlatformConfigError, match="chmod 600"):
        resolve_token(s, tmp_path)  # readable by others: refused, not used
    token_file.chmod(0o600)
    assert resolve_token(s, tmp_path) == "from-file"
    monkeypatch.setenv(s.token_env, "from-env")
    assert resolve_token(s, tmp_path) == "from-env"
    with PlatformClient.from_settings(s, KIOSK, tmp_path) as c:
        assert c.base_url == "http://127.0.0.1:1"
    with pytest.raises(PlatformConfigError):
        PlatformClient.from_settings(PlatformSettings(), KIOSK, tmp_path)


def test_retry_after_forms() -> None:
    assert parse_retry_after("120") == 120.0
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", now=1445412470.0) == 10.0
    assert parse_retry_after("soon") is None
    assert parse_retry_after(None) is None


def test_sim_stop_leaves_no_open_port(tmp_path: Path) -> None:
    s = PlatformSimulator(tmp_path / "p.db").start()
    port = s.port
    s.stop()
    with pytest.raises(OSError), socket.create_connection(("127.0.0.1", port), timeout=1):
        pass
