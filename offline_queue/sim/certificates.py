"""Certificates of the simulated platform (``POST /v1/certificates``, contract v1.1).

A request names the kind, the person and, for kinds that cover a period, the months
``{"from": "2025-01", "to": "2025-12"}``. The rule, explicit so tests can rely on it:

- an unknown kind or a body without the fields is a bad request (400);
- a malformed ID number, a registry person asked for under another name, or a
  person listed in ``no_record`` has no record (404);
- a period that is malformed, ends in the future, starts after it ends, starts
  before :data:`EARLIEST_MONTH` or spans more than :data:`MAX_MONTHS` is out of
  range (422);
- otherwise a real A4 PDF is made (:mod:`offline_queue.sim.certificate_pdf`) with a
  new certificate number and verification code.

Everything in it is synthetic: amounts derive from the ID number, nobody is real.
"""

from __future__ import annotations

import re
import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from offline_queue.sim.identity import SyntheticRegistry
from offline_queue.sim.rules import valid_id_number

#: Months a period may span at most, and the first month a record can cover.
MAX_MONTHS = 36
EARLIEST_MONTH = (2000, 1)
VERIFY_BASE = "https://verify.platform.example/certificates"
_MONTH = re.compile(r"^([0-9]{4})-(0[1-9]|1[0-2])$")


@dataclass(frozen=True)
class CertificateKind:
    code: str
    title: str  # the document's heading, in Chinese as issued
    issuer: str  # who seals it (a made-up office of the simulated city)
    prefix: str  # of the certificate number
    period: bool  # the request names the months it covers


KINDS: dict[str, CertificateKind] = {
    k.code: k
    for k in (
        CertificateKind(
            "social_insurance_payment",
            "社会保险个人缴费证明",
            "模拟市社会保险事业管理中心",
            "SB",
            True,
        ),
        CertificateKind("medical_insurance", "医疗保障参保凭证", "模拟市医疗保障局", "YB", False),
        CertificateKind(
            "tax_payment", "中华人民共和国税收完税证明", "国家税务总局模拟市税务局", "WS", True
        ),
        CertificateKind(
            "housing_fund_deposit", "住房公积金缴存证明", "模拟市住房公积金管理中心", "GJ", True
        ),
        CertificateKind(
            "real_estate_record", "不动产登记信息查询结果", "模拟市不动产登记中心", "BDC", False
        ),
    )
}


class CertificateRefused(Exception):
    """The request cannot be served; ``status`` is the HTTP answer (400, 404, 422)."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason


@dataclass(frozen=True)
class CertificateRequest:
    kind: CertificateKind
    id_number: str
    name: str
    period: tuple[tuple[int, int], tuple[int, int]] | None  # ((y, m), (y, m)) inclusive


@dataclass(frozen=True)
class Issued:
    certificate_no: str
    verification_code: str
    issued_at: datetime
    verify_url: str
    pdf: bytes


def _month(value: Any) -> tuple[int, int]:
    m = _MONTH.match(value) if isinstance(value, str) else None
    if m is None:
        raise CertificateRefused(422, "period months must be YYYY-MM")
    return int(m.group(1)), int(m.group(2))


def months_between(first: tuple[int, int], last: tuple[int, int]) -> int:
    """Months from ``first`` to ``last``, both included."""
    return (last[0] - first[0]) * 12 + last[1] - first[1] + 1


def parse_request(doc: Any, now: datetime) -> CertificateRequest:
    """The request read and checked against the rule in the module docstring."""
    if not isinstance(doc, dict):
        raise CertificateRefused(400, "body must be an object")
    kind = KINDS.get(str(doc.get("kind")))
    id_number, name = doc.get("id_number"), doc.get("name")
    params = doc.get("params", {})
    if kind is None:
        raise CertificateRefused(400, f"kind must be one of {sorted(KINDS)}")
    if not isinstance(id_number, str) or not isinstance(name, str) or not name.strip():
        raise CertificateRefused(400, "id_number and name are required")
    if not isinstance(params, dict):
        raise CertificateRefused(400, "params must be an object")
    period = None
    if kind.period:
        first, last = _month(params.get("from")), _month(params.get("to"))
        if last > (now.year, now.month):
            raise CertificateRefused(422, "the period ends in the future")
        if first > last or first < EARLIEST_MONTH:
            raise CertificateRefused(422, "the period starts after it ends or before records")
        if months_between(first, last) > MAX_MONTHS:
            raise CertificateRefused(422, f"the period spans more than {MAX_MONTHS} months")
        period = (first, last)
    return CertificateRequest(kind, id_number, name.strip(), period)


@dataclass
class CertificateIssuer:
    """Issues the simulated certificates; thread-safe (the server serves on threads)."""

    registry: SyntheticRegistry
    clock: Callable[[], float] = time.time
    no_record: set[str] = field(default_factory=set)  # ID numbers the platform has nothing for
    verify_base: str = VERIFY_BASE
    issued: list[str] = field(default_factory=list)  # certificate numbers, in order
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def issue(self, doc: Any) -> Issued:
        from offline_queue.sim.certificate_pdf import render_certificate  # fpdf2: on first use

        now = datetime.fromtimestamp(self.clock(), UTC).astimezone()
        req = parse_request(doc, now)
        self._check_record(req)
        number = f"{req.kind.prefix}{now:%Y%m%d}{secrets.randbelow(10**8):08d}"
        code = "-".join(secrets.token_hex(2).upper() for _ in range(4))
        url = f"{self.verify_base}/{number}?code={code}"
        pdf = render_certificate(req, number, code, url, now)
        with self._lock:
            self.issued.append(number)
        return Issued(number, code, now, url, pdf)

    def _check_record(self, req: CertificateRequest) -> None:
        if not valid_id_number(req.id_number) or req.id_number in self.no_record:
            raise CertificateRefused(404, "no record for this person")
        person = self.registry.get(req.id_number)
        if person is not None and person.name != req.name:
            raise CertificateRefused(404, "no record for this person")
