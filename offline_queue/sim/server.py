"""The platform simulator: a real HTTP server (stdlib ThreadingHTTPServer) on loopback.

Implements ``platform-api.md`` v1.1: transactions (deduplicated by id),
heartbeat, identity verification, application progress (with the card to
collect), the applications of a person and certificates
(:mod:`offline_queue.sim.certificates`); plus ``GET /healthz``. The demo
applications of :mod:`offline_queue.sim.demo_data` are always there.
Requests need ``Authorization: Bearer <token>`` (any non-empty token when the
simulator was given none) and ``X-Kiosk-Id`` (equal to the path's kiosk id
where there is one). Faults: :mod:`offline_queue.sim.faults`.
"""

from __future__ import annotations

import base64
import binascii
import json
import logging
import re
import socket
import threading
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from hostio.loopback_http import LoopbackHandler, LoopbackServer
from offline_queue.sim import demo_data
from offline_queue.sim.certificates import CertificateIssuer, CertificateRefused
from offline_queue.sim.faults import FaultPlan, FaultSettings, Scope
from offline_queue.sim.identity import (
    FaceMatcher,
    IdentityRequest,
    NoUsableFace,
    PersonNotFound,
    RegistryVerifier,
    SyntheticRegistry,
    Verifier,
)
from offline_queue.sim.rules import (
    MAX_BODY_BYTES,
    BadRequest,
    BatchTooLarge,
    check_transaction,
    parse_batch,
)
from offline_queue.sim.store import ApplicationSettings, SimStore

log = logging.getLogger(__name__)

_TX_PATH = re.compile(r"^/v1/kiosks/([^/]+)/(transactions|heartbeat)$")
_APP_PATH = re.compile(r"^/v1/applications/([^/]+)$")
_SEARCH_PATH = "/v1/applications/search"
CERTIFICATES_PATH = "/v1/certificates"


class PlatformSimulator:
    """Start with :meth:`start` (serves on a thread), read :attr:`url`, end with :meth:`stop`.

    It can be stopped and started again on the same port to simulate an outage.
    """

    def __init__(
        self,
        db_path: Path | str,
        host: str = "127.0.0.1",
        port: int = 0,
        *,
        faults: FaultSettings | None = None,
        token: str | None = None,
        applications: ApplicationSettings | None = None,
        registry: SyntheticRegistry | None = None,
        face_matcher: FaceMatcher | None = None,
        verifier: Verifier | None = None,
        certificates: CertificateIssuer | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.db_path = Path(db_path)
        self.host = host
        self.port = port
        self.token = token
        self.plan = FaultPlan(faults)
        self.timeline = applications or ApplicationSettings()
        self.registry = registry or SyntheticRegistry()
        self.verifier: Verifier = verifier or RegistryVerifier(self.registry, face_matcher)
        self.clock = clock
        self.certificates = certificates or CertificateIssuer(self.registry, clock)
        self.requests: Counter[str] = Counter()
        self._store: SimStore | None = None
        self._server: LoopbackServer[PlatformSimulator] | None = None
        self._stopping = threading.Event()

    # ------------------------------------------------------------ lifecycle

    def start(self) -> PlatformSimulator:
        """Bind and serve on a background thread; returns self."""
        if self._server is not None:
            return self
        if self._store is None:
            self._store = SimStore(self.db_path, self.clock)
        demo_data.seed(self._store)
        self._stopping.clear()
        self._server = LoopbackServer((self.host, self.port), _Handler, self, name="platform-sim")
        self.port = self._server.port
        self._server.start()
        log.info("platform simulator listening on %s", self.url)
        return self

    def stop(self, *, keep_store: bool = False) -> None:
        """Stop serving and close every connection (``keep_store`` for a restart)."""
        self._stopping.set()  # cuts injected delays short
        if self._server is not None:
            self._server.stop()
            self._server = None
        if self._store is not None and not keep_store:
            self._store.close()
            self._store = None

    def __enter__(self) -> PlatformSimulator:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    @property
    def store(self) -> SimStore:
        if self._store is None:
            self._store = SimStore(self.db_path, self.clock)
        return self._store

    def set_faults(self, faults: FaultSettings) -> None:
        """Replace the fault settings (script and random state start afresh)."""
        self.plan.configure(faults)

    # ------------------------------------------------------------ used by the handler

    def sleep(self, seconds: float) -> None:
        if seconds > 0:
            self._stopping.wait(seconds)

    def authorised(self, header: str | None) -> bool:
        if not header or not header.startswith("Bearer "):
            return False
        given = header[7:].strip()
        return bool(given) and (self.token is None or given == self.token)


class _Handler(LoopbackHandler):
    server_version = "PlatformSimulator/1"
    timeout = 60.0  # idle keep-alive connections end after this
    max_body = MAX_BODY_BYTES
    server: LoopbackServer[PlatformSimulator]

    # ------------------------------------------------------------ routing

    def do_GET(self) -> None:
        sim = self.server.owner
        if self.path == "/healthz":
            self._send(200, {"status": "ok"})
            return
        if not self._check_auth(None):
            return
        m = _APP_PATH.match(self.path)
        if not m:
            self._send(404, {"error": "not found"})
            return
        sim.requests["applications"] += 1
        if self._fault_before("applications"):
            return
        doc = sim.store.application(unquote(m.group(1)), sim.timeline)
        if doc is None:
            self._send(404, {"error": "no such application"})
        else:
            self._send(200, doc)

    def do_POST(self) -> None:
        m = _TX_PATH.match(self.path)
        kiosk_id = unquote(m.group(1)) if m else None
        if not m and self.path not in ("/v1/identity/verify", _SEARCH_PATH, CERTIFICATES_PATH):
            self._discard_body()
            self._send(404, {"error": "not found"})
            return
        if not self._check_auth(kiosk_id):
            return
        raw = self.read_body()
        if raw is None:
            return
        try:
            doc = json.loads(raw)
        except ValueError:
            self._send(400, {"error": "body is not JSON"})
            return
        if m and m.group(2) == "transactions":
            self._transactions(kiosk_id or "", doc)
        elif m:
            self._heartbeat(kiosk_id or "", doc)
        elif self.path == _SEARCH_PATH:
            self._search(doc)
        elif self.path == CERTIFICATES_PATH:
            self._certificate(doc)
        else:
            self._verify(doc)

    # ------------------------------------------------------------ endpoints

    def _transactions(self, kiosk_id: str, doc: Any) -> None:
        sim = self.server.owner
        sim.requests["transactions"] += 1
        if self._fault_before("transactions"):
            return
        fault = self._pending_fault
        try:
            txs = parse_batch(doc)
        except BatchTooLarge as exc:
            self._send(413, {"error": str(exc)})
            return
        except BadRequest as exc:
            self._send(400, {"error": str(exc)})
            return
        reasons: dict[str, str] = {}
        for tx in txs:
            reason = check_transaction(tx) if sim.plan.settings.validate_payloads else None
            if reason is None and sim.plan.rejects(tx["id"]):
                reason = "rejected by fault injection"
            if reason is not None:
                reasons[tx["id"]] = reason
        out = sim.store.store_batch(kiosk_id, txs, reasons)
        # Faults that strike after the batch is stored: the kiosk cannot know it was.
        if fault == "drop_after_commit":
            self.close_connection = True
            self.connection.shutdown(socket.SHUT_RDWR)
            return
        body: dict[str, list[Any]] = {
            "accepted": out.accepted,
            "duplicates": out.duplicates,
            "rejected": [{"id": i, "reason": r} for i, r in out.rejected],
        }
        if fault == "malformed":
            self._send_raw(200, sim.plan.malformed_body(body))
            return
        if fault == "slow":
            sim.sleep(sim.plan.settings.slow_s)
        self._send(200, body)

    def _heartbeat(self, kiosk_id: str, doc: Any) -> None:
        sim = self.server.owner
        sim.requests["heartbeat"] += 1
        if self._fault_before("heartbeat"):
            return
        if not isinstance(doc, dict):
            self._send(400, {"error": "heartbeat must be an object"})
            return
        sim.store.add_heartbeat(kiosk_id, doc)
        self._send(204, None)

    def _search(self, doc: Any) -> None:
        sim = self.server.owner
        sim.requests["search"] += 1
        if self._fault_before("applications"):
            return
        number = doc.get("id_number") if isinstance(doc, dict) else None
        name = doc.get("name") if isinstance(doc, dict) else None
        if not (isinstance(number, str) and number and isinstance(name, str) and name):
            self._send(400, {"error": "id_number and name are required"})
            return
        self._send(200, {"applications": sim.store.search(number, name, sim.timeline)})

    def _verify(self, doc: Any) -> None:
        sim = self.server.owner
        sim.requests["identity"] += 1
        if self._fault_before("identity"):
            return
        try:
            req = IdentityRequest(
                id_number=str(doc["id_number"]),
                name=str(doc["name"]),
                face_jpeg=base64.b64decode(doc["face_jpeg"], validate=True),
                liveness=doc.get("liveness") if isinstance(doc.get("liveness"), dict) else None,
            )
        except (KeyError, TypeError, ValueError, binascii.Error):
            self._send(400, {"error": "id_number, name and base64 face_jpeg are required"})
            return
        try:
            outcome = sim.verifier(req)
        except PersonNotFound:
            self._send(404, {"error": "no such person"})
            return
        except NoUsableFace:
            self._send(422, {"error": "no usable face"})
            return
        self._send(200, {"match": bool(outcome.match), "score": round(float(outcome.score), 4)})

    def _certificate(self, doc: Any) -> None:
        sim = self.server.owner
        sim.requests["certificates"] += 1
        if self._fault_before("certificates"):
            return
        try:
            issued = sim.certificates.issue(doc)
        except CertificateRefused as exc:
            self._send(exc.status, {"error": exc.reason})
            return
        self._send(
            200,
            {
                "certificate_no": issued.certificate_no,
                "issued_at": issued.issued_at.isoformat(timespec="seconds"),
                "verify_url": issued.verify_url,
                "pdf": base64.b64encode(issued.pdf).decode("ascii"),
            },
        )

    # ------------------------------------------------------------ helpers

    _pending_fault: str = "none"

    def _fault_before(self, scope: Scope) -> bool:
        """Apply delay and the faults that answer before storing; True when answered."""
        sim = self.server.owner
        sim.sleep(sim.plan.delay(scope))
        fault = sim.plan.draw(scope)
        self._pending_fault = fault
        if fault == "error":
            self._send(500, {"error": "injected server error"})
            return True
        if fault in ("throttle_429", "throttle_503"):
            after = sim.plan.settings.retry_after_s
            headers = {"Retry-After": str(after)} if after is not None else {}
            self._send(429 if fault == "throttle_429" else 503, {"error": "busy"}, headers)
            return True
        if scope != "transactions" and fault in ("drop_after_commit", "malformed", "slow"):
            # Nothing to store: these act as they would on a read.
            if fault == "drop_after_commit":
                self.close_connection = True
                self.connection.shutdown(socket.SHUT_RDWR)
                return True
            if fault == "malformed":
                self._send_raw(200, b"{")
                return True
            sim.sleep(sim.plan.settings.slow_s)
        return False

    def _check_auth(self, kiosk_id: str | None) -> bool:
        sim = self.server.owner
        if not sim.authorised(self.headers.get("Authorization")):
            self._discard_body()
            self._send(401, {"error": "bad token"})
            return False
        header_id = self.headers.get("X-Kiosk-Id")
        if not header_id or (kiosk_id is not None and header_id != kiosk_id):
            self._discard_body()
            self._send(400, {"error": "X-Kiosk-Id missing or not the path's kiosk"})
            return False
        return True

    def _discard_body(self) -> None:
        length = self.body_length()
        if length is not None and 0 < length <= MAX_BODY_BYTES:
            self.rfile.read(length)
        elif length != 0:
            self.close_connection = True

    def _send(self, status: int, doc: Any, headers: dict[str, str] | None = None) -> None:
        body = b"" if doc is None else json.dumps(doc, ensure_ascii=False).encode()
        self._send_raw(status, body, headers)

    def _send_raw(self, status: int, body: bytes, headers: dict[str, str] | None = None) -> None:
        self.send_bytes(status, body, headers=headers)
