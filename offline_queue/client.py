"""HTTP client of the central platform (contract v1, ``platform-api.md``), on httpx.

Every call raises :class:`PlatformError` with a :class:`FailureKind` when it does
not get the answer the contract promises, so callers switch on the kind and never
on exception text. Bodies are never logged: they carry personal data.
"""

from __future__ import annotations

import base64
import binascii
import email.utils
import enum
import json
import logging
import os
import re
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal, TypeVar
from urllib.parse import quote

import httpx
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from hostio import outbound_http
from hostio.endpoints import insecure_url_problem
from hostio.secret_files import SecretFileError, read_secret_text
from offline_queue.settings import PlatformSettings

log = logging.getLogger(__name__)

USER_AGENT = "kiosk-offline-queue/1"
#: A Retry-After beyond this is a bogus header, not a plan: wait this long at most.
RETRY_AFTER_CAP_S = 3600.0
_DELTA_SECONDS = re.compile(r"[0-9]{1,64}")  # longer than any date; huge values are clamped


class FailureKind(enum.StrEnum):
    """Why a platform call failed; the names are stable status codes."""

    UNREACHABLE = "PLATFORM_UNREACHABLE"  # no connection could be made: the link is down
    TIMEOUT = "PLATFORM_TIMEOUT"  # no answer in time after sending: outcome unknown
    DROPPED = "PLATFORM_DROPPED"  # connection closed without an answer: outcome unknown
    THROTTLED = "PLATFORM_THROTTLED"  # 429 / 503, maybe with Retry-After
    SERVER_ERROR = "PLATFORM_SERVER_ERROR"  # any other unexpected status
    MALFORMED = "PLATFORM_MALFORMED"  # the body is not what the contract says
    BAD_REQUEST = "PLATFORM_BAD_REQUEST"  # 400: our request is malformed
    TOO_LARGE = "PLATFORM_TOO_LARGE"  # 413
    UNAUTHORIZED = "PLATFORM_UNAUTHORIZED"  # 401 / 403: token wrong or revoked
    NOT_FOUND = "PLATFORM_NOT_FOUND"  # 404 (identity: no such person)
    NO_USABLE_FACE = "PLATFORM_NO_USABLE_FACE"  # 422 from identity verification
    OUT_OF_RANGE = "PLATFORM_OUT_OF_RANGE"  # 422 from certificates: the period cannot be served
    REPLY_TOO_LARGE = "PLATFORM_REPLY_TOO_LARGE"  # answer over max_reply_bytes: outcome unknown
    TLS_PIN_MISMATCH = "PLATFORM_TLS_PIN_MISMATCH"  # server key not pinned: nothing was sent
    UNEXPECTED = "PLATFORM_UNEXPECTED"  # the call broke in a way nobody mapped: outcome unknown


#: Kinds after which the request may or may not have been applied.
UNKNOWN_OUTCOME = frozenset(
    {
        FailureKind.TIMEOUT,
        FailureKind.DROPPED,
        FailureKind.MALFORMED,
        FailureKind.REPLY_TOO_LARGE,
        FailureKind.UNEXPECTED,
    }
)


class PlatformError(Exception):
    """A platform call failed; ``kind`` says how, ``retry_after_s`` echoes Retry-After."""

    def __init__(
        self,
        kind: FailureKind,
        detail: str = "",
        *,
        status: int | None = None,
        retry_after_s: float | None = None,
    ) -> None:
        self.kind = kind
        self.status = status
        self.retry_after_s = retry_after_s
        self.detail = detail
        text = f"{kind.value}" + (f" (HTTP {status})" if status else "")
        super().__init__(f"{text}: {detail}" if detail else text)


class PlatformConfigError(Exception):
    """The platform cannot be reached as configured (no token, bad URL)."""


class _Model(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)


M = TypeVar("M", bound=_Model)


class Rejection(_Model):
    id: str
    reason: str


class DeliveryResult(_Model):
    """Per-id outcome of one delivery request."""

    accepted: list[str]
    duplicates: list[str]
    rejected: list[Rejection]


class IdentityResult(_Model):
    match: bool
    score: float = Field(ge=0.0, le=1.0)


class HistoryEntry(_Model):
    status: str
    at: datetime
    note: str = ""


class Collection(_Model):
    """What the platform says about handing out an application's result (v1.1)."""

    kind: str  # "id_card": a card waiting in this hall's dispenser
    ready: bool
    holder: str = ""  # masked by the platform ("陈*"): for display only
    collected_at: datetime | None = None


class ApplicationStatus(_Model):
    application_no: str
    status: Literal["received", "processing", "ready", "collected", "rejected"]
    updated_at: datetime
    history: list[HistoryEntry] = Field(default_factory=list)
    collection: Collection | None = None


class ApplicationSummary(_Model):
    """One application of a person, from ``POST /v1/applications/search``."""

    application_no: str
    service: str  # the service's id where the platform knows the kiosk's catalogue
    status: str
    updated_at: datetime


class ApplicationList(_Model):
    applications: list[ApplicationSummary] = Field(max_length=500)


class Certificate(_Model):
    """A certificate as issued (v1.1): ``pdf`` is personal data, held in memory only."""

    certificate_no: str = Field(min_length=1, max_length=64)
    issued_at: datetime
    verify_url: str = Field(max_length=2048)
    pdf: bytes = Field(repr=False)

    def __repr__(self) -> str:  # never the document
        return f"Certificate({self.certificate_no!r}, {len(self.pdf)} bytes)"


def resolve_token(settings: PlatformSettings, data_dir: Path) -> str:
    """The kiosk token: ``$<token_env>`` first, then the token file; never from the repository."""
    value = os.environ.get(settings.token_env, "").strip()
    if value:
        return value
    path = (
        settings.token_file if settings.token_file.is_absolute() else data_dir / settings.token_file
    )
    try:
        value = read_secret_text(path)
    except FileNotFoundError:
        value = ""
    except SecretFileError as exc:  # readable by others, or not a token at all
        raise PlatformConfigError(str(exc)) from None
    if not value:
        raise PlatformConfigError(
            f"no platform token: set ${settings.token_env} or write it to {path} (mode 0600)"
        )
    return value


def parse_retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (ASCII delta-seconds or HTTP-date).

    Anything else is ignored (None); the result is clamped to ``RETRY_AFTER_CAP_S``.
    ``str.isdigit`` is not enough: it is true for "²" and other non-ASCII digits.
    """
    if not value:
        return None
    value = value.strip()
    if _DELTA_SECONDS.fullmatch(value):
        return min(float(value), RETRY_AFTER_CAP_S)
    if len(value) > 64 or not value.isascii():
        return None
    try:
        when = email.utils.parsedate_to_datetime(value)
        if when.tzinfo is None:  # "-0000": the date is UTC without saying which zone
            when = when.replace(tzinfo=UTC)
        seconds = when.timestamp() - (time.time() if now is None else now)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    return min(max(0.0, seconds), RETRY_AFTER_CAP_S)


class PlatformClient:
    """Thread-safe client; one per kiosk, shared by the sync worker and the citizen flows."""

    def __init__(
        self,
        base_url: str,
        kiosk_id: str,
        token: str,
        settings: PlatformSettings | None = None,
        *,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.settings = settings or PlatformSettings()
        self.kiosk_id = kiosk_id
        self.base_url = base_url.rstrip("/")
        problem = insecure_url_problem(self.base_url)
        if problem:
            raise PlatformConfigError(f"platform base_url {problem}")
        s = self.settings
        self._bounds = outbound_http.Bounds(
            max_bytes=s.max_reply_bytes,
            deadline_s=s.deadline_s,
            connect_timeout_s=s.connect_timeout_s,
            read_timeout_s=s.read_timeout_s,
        )
        self._verify_bounds = outbound_http.Bounds(
            max_bytes=s.max_reply_bytes,
            deadline_s=s.verify_timeout_s,
            connect_timeout_s=s.connect_timeout_s,
            read_timeout_s=s.verify_timeout_s,
        )
        if transport is None:
            try:
                transport = outbound_http.pinned_transport(s.ca_file, s.tls_pin_sha256)
            except (OSError, ValueError) as exc:  # ssl.SSLError is an OSError
                raise PlatformConfigError(f"platform ca_file {s.ca_file}: {exc}") from None
        self._http = httpx.Client(
            base_url=self.base_url,
            headers={
                "Authorization": f"Bearer {token}",
                "X-Kiosk-Id": kiosk_id,
                "User-Agent": USER_AGENT,
            },
            transport=transport,
        )
        self._lock = threading.Lock()
        self._reachable: bool | None = None
        self._link_listeners: list[Callable[[bool], None]] = []

    @classmethod
    def from_settings(
        cls, settings: PlatformSettings, kiosk_id: str, data_dir: Path, **kwargs: Any
    ) -> PlatformClient:
        """Build a client for ``settings.base_url`` with the token from env or file."""
        if not settings.base_url:
            raise PlatformConfigError("platform base_url is empty (the simulator is in use)")
        return cls(
            settings.base_url, kiosk_id, resolve_token(settings, data_dir), settings, **kwargs
        )

    # ------------------------------------------------------------ calls

    def deliver(self, transactions: Sequence[Mapping[str, Any]]) -> DeliveryResult:
        """POST a batch; return per-id outcomes or raise :class:`PlatformError`."""
        body = json.dumps({"transactions": list(transactions)}, ensure_ascii=False).encode()
        resp = self._request(
            "POST", f"/v1/kiosks/{quote(self.kiosk_id, safe='')}/transactions", content=body
        )
        return self._answer(resp, DeliveryResult, "delivery")

    def heartbeat(self, snapshot: Mapping[str, Any]) -> None:
        """POST the health snapshot; the platform answers 204."""
        body = json.dumps(snapshot, ensure_ascii=False, default=str).encode()
        resp = self._request(
            "POST", f"/v1/kiosks/{quote(self.kiosk_id, safe='')}/heartbeat", content=body
        )
        if resp.status_code not in (200, 204):
            raise self._status_error(resp)

    def verify_identity(
        self,
        id_number: str,
        name: str,
        face_jpeg: bytes,
        liveness: Mapping[str, Any] | None = None,
    ) -> IdentityResult:
        """Ask the platform to compare a live face with the record photo of a person."""
        doc: dict[str, Any] = {
            "id_number": id_number,
            "name": name,
            "face_jpeg": base64.b64encode(face_jpeg).decode("ascii"),
        }
        if liveness is not None:
            doc["liveness"] = {"method": liveness["method"], "passed": bool(liveness["passed"])}
        resp = self._request(
            "POST",
            "/v1/identity/verify",
            content=json.dumps(doc).encode(),
            bounds=self._verify_bounds,
        )
        if resp.status_code == 404:
            raise PlatformError(FailureKind.NOT_FOUND, "no such person", status=404)
        if resp.status_code == 422:
            raise PlatformError(FailureKind.NO_USABLE_FACE, "no usable face", status=422)
        return self._answer(resp, IdentityResult, "identity")

    def application_status(self, application_no: str) -> ApplicationStatus | None:
        """Progress of an application, or None when the platform does not know it."""
        resp = self._request("GET", f"/v1/applications/{quote(application_no, safe='')}")
        if resp.status_code == 404:
            return None
        return self._answer(resp, ApplicationStatus, "application")

    def search_applications(self, id_number: str, name: str) -> list[ApplicationSummary]:
        """Every application of a person, newest first (a POST: the number stays out of URLs)."""
        body = json.dumps({"id_number": id_number, "name": name}, ensure_ascii=False).encode()
        resp = self._request("POST", "/v1/applications/search", content=body)
        found = self._answer(resp, ApplicationList, "search").applications
        return sorted(found, key=lambda a: a.updated_at, reverse=True)

    def certificate(
        self, kind: str, id_number: str, name: str, params: Mapping[str, Any] | None = None
    ) -> Certificate:
        """Have the platform issue a certificate (v1.1) and return it with its PDF.

        The answer may be up to a third larger than ``max_certificate_bytes`` (base64);
        a PDF over the cap, or bytes that are not a PDF, are MALFORMED. 404 is NOT_FOUND
        (no record for this person), 422 OUT_OF_RANGE (the period cannot be served).
        """
        doc = {"kind": kind, "id_number": id_number, "name": name, "params": dict(params or {})}
        cap = self.settings.max_certificate_bytes
        bounds = outbound_http.Bounds(
            max_bytes=cap * 4 // 3 + 64 * 1024,  # base64 plus the JSON around it
            deadline_s=self._bounds.deadline_s,
            connect_timeout_s=self._bounds.connect_timeout_s,
            read_timeout_s=self._bounds.read_timeout_s,
        )
        resp = self._request(
            "POST", "/v1/certificates", content=json.dumps(doc).encode(), bounds=bounds
        )
        if resp.status_code == 404:
            raise PlatformError(FailureKind.NOT_FOUND, "no record", status=404)
        if resp.status_code == 422:
            raise PlatformError(FailureKind.OUT_OF_RANGE, "parameters out of range", status=422)
        if resp.status_code != 200:
            raise self._status_error(resp)
        try:
            raw = json.loads(resp.content)
            pdf = base64.b64decode(raw["pdf"], validate=True)
            cert = Certificate.model_validate({**raw, "pdf": pdf})
        except (ValueError, TypeError, KeyError, binascii.Error, ValidationError):
            raise PlatformError(FailureKind.MALFORMED, "certificate response", status=200) from None
        if len(cert.pdf) > cap or not cert.pdf.startswith(b"%PDF-"):
            raise PlatformError(FailureKind.MALFORMED, "certificate is not a PDF within the cap")
        return cert

    # ------------------------------------------------------------ link state

    @property
    def reachable(self) -> bool | None:
        """Whether the last call reached the platform (None before the first call)."""
        return self._reachable

    def add_link_listener(self, callback: Callable[[bool], None]) -> None:
        """Call ``callback(reachable)`` whenever reachability changes (on the calling thread)."""
        self._link_listeners.append(callback)

    def _set_reachable(self, value: bool) -> None:
        with self._lock:
            changed = self._reachable is not value
            self._reachable = value
        if changed:
            for cb in list(self._link_listeners):
                cb(value)

    # ------------------------------------------------------------ plumbing

    def _request(
        self,
        method: str,
        path: str,
        *,
        content: bytes | None = None,
        bounds: outbound_http.Bounds | None = None,
    ) -> outbound_http.Reply:
        """One bounded exchange; every failure is a :class:`PlatformError`, nothing else."""
        headers = {"Content-Type": "application/json"} if content is not None else None
        try:
            resp = outbound_http.bounded_request(
                self._http,
                method,
                path,
                bounds=bounds or self._bounds,
                content=content,
                headers=headers,
            )
        except outbound_http.BoundedHTTPError as exc:
            raise self._bound_error(exc) from None
        except (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout) as exc:
            self._set_reachable(False)
            raise PlatformError(FailureKind.UNREACHABLE, type(exc).__name__) from None
        except httpx.TimeoutException as exc:
            raise PlatformError(FailureKind.TIMEOUT, type(exc).__name__) from None
        except (httpx.RemoteProtocolError, httpx.ReadError, httpx.WriteError) as exc:
            raise PlatformError(FailureKind.DROPPED, type(exc).__name__) from None
        except httpx.TransportError as exc:
            self._set_reachable(False)
            raise PlatformError(FailureKind.UNREACHABLE, type(exc).__name__) from None
        except (httpx.HTTPError, httpx.InvalidURL, httpx.StreamError, OSError) as exc:
            # Anything else on the way (a decoder, the socket): the answer may be lost.
            raise PlatformError(FailureKind.DROPPED, type(exc).__name__) from None
        self._set_reachable(True)
        log.debug("platform %s -> HTTP %s", method, resp.status_code)
        return resp

    def _bound_error(self, exc: outbound_http.BoundedHTTPError) -> PlatformError:
        if isinstance(exc, outbound_http.PinMismatch):
            return PlatformError(FailureKind.TLS_PIN_MISMATCH, str(exc))
        if isinstance(exc, outbound_http.ReplyTooLarge):
            self._set_reachable(True)
            return PlatformError(FailureKind.REPLY_TOO_LARGE, str(exc))
        if isinstance(exc, outbound_http.UnrequestedEncoding):
            self._set_reachable(True)
            return PlatformError(FailureKind.MALFORMED, str(exc))
        if isinstance(exc, outbound_http.DeadlineExceeded) and not exc.sent:
            self._set_reachable(False)
            return PlatformError(FailureKind.UNREACHABLE, str(exc))
        return PlatformError(FailureKind.TIMEOUT, str(exc))

    def _answer(self, resp: outbound_http.Reply, model: type[M], what: str) -> M:
        """The 200 answer read as ``model``; any other status, or a body that does not fit
        the contract, is a :class:`PlatformError`."""
        if resp.status_code != 200:
            raise self._status_error(resp)
        try:
            return model.model_validate_json(resp.content)
        except ValidationError:
            raise PlatformError(FailureKind.MALFORMED, f"{what} response", status=200) from None

    @staticmethod
    def _status_error(resp: outbound_http.Reply) -> PlatformError:
        code = resp.status_code
        retry_after = parse_retry_after(resp.headers.get("Retry-After"))
        kind = {
            400: FailureKind.BAD_REQUEST,
            401: FailureKind.UNAUTHORIZED,
            403: FailureKind.UNAUTHORIZED,
            413: FailureKind.TOO_LARGE,
            429: FailureKind.THROTTLED,
            503: FailureKind.THROTTLED,
        }.get(code, FailureKind.SERVER_ERROR)
        return PlatformError(kind, status=code, retry_after_s=retry_after)

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> PlatformClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
