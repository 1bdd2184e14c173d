"""The simulator's certificates (POST /v1/certificates): a real A4 PDF, or 400/404/422."""

from __future__ import annotations

import base64
import io
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import httpx
import pytest
from pypdf import PdfReader

from offline_queue.sim import PlatformSimulator, SyntheticRegistry
from offline_queue.sim.certificates import KINDS, MAX_MONTHS, CertificateIssuer
from offline_queue.sim.cjk_font import ENV_VAR, NoCjkFont, find_cjk_font
from tests.offline_queue.helpers import ID_NUMBER, KIOSK, NAME, TOKEN

A4_POINTS = (595.28, 841.89)
OTHER_PERSON = "44010619501023003X"  # well formed, not a registry record name check


@pytest.fixture
def http(sim: PlatformSimulator) -> Iterator[httpx.Client]:
    headers = {"Authorization": f"Bearer {TOKEN}", "X-Kiosk-Id": KIOSK}
    with httpx.Client(base_url=sim.url, headers=headers, timeout=30) as c:
        yield c


def ask(
    http: httpx.Client, kind: str = "social_insurance_payment", **over: object
) -> httpx.Response:
    body = {"kind": kind, "id_number": ID_NUMBER, "name": NAME,
            "params": {"from": "2025-01", "to": "2025-12"}}  # fmt: skip
    body.update(over)
    return http.post("/v1/certificates", json=body)


def text_of(pdf: bytes) -> str:
    """The page's text without the spacing (and NULs) pypdf puts between these glyphs."""
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    return re.sub(r"[\s\x00]+", "", page.extract_text())


def test_a_certificate_is_a_real_a4_pdf_with_its_code_and_masked_details(
    http: httpx.Client,
) -> None:
    resp = ask(http)
    assert resp.status_code == 200
    doc = resp.json()
    pdf = base64.b64decode(doc["pdf"])
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width), 2), round(float(box.height), 2)) == A4_POINTS
    text = text_of(pdf)
    code = parse_qs(urlparse(doc["verify_url"]).query)["code"][0]
    assert re.fullmatch(r"[0-9A-F]{4}(-[0-9A-F]{4}){3}", code)
    assert code in text and doc["certificate_no"] in text
    assert "社会保险个人缴费证明" in text and "电子印章区域" in text
    assert "2025年01月至2025年12月" in text
    assert ID_NUMBER not in text and ID_NUMBER[:4] + "*" * 10 + ID_NUMBER[-4:] in text
    assert NAME not in text and NAME[0] + "*" in text
    assert doc["verify_url"].startswith("https://")
    assert datetime.fromisoformat(doc["issued_at"]).tzinfo is not None


def test_the_pdf_embeds_the_chinese_font_it_draws_with(http: httpx.Client) -> None:
    pdf = base64.b64decode(ask(http, "medical_insurance", params={}).json()["pdf"])
    fonts = PdfReader(io.BytesIO(pdf)).pages[0]["/Resources"]["/Font"]
    descriptors = [f.get_object()["/DescendantFonts"][0].get_object()["/FontDescriptor"]
                   for f in fonts.values()]  # fmt: skip
    assert any(any(k.startswith("/FontFile") for k in d) for d in descriptors)


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_kind_is_issued_with_its_own_title_and_number(http: httpx.Client, kind: str) -> None:
    resp = ask(http, kind)
    assert resp.status_code == 200, resp.text
    doc = resp.json()
    assert doc["certificate_no"].startswith(KINDS[kind].prefix)
    assert KINDS[kind].title in text_of(base64.b64decode(doc["pdf"]))


def test_certificate_numbers_are_unique(http: httpx.Client, sim: PlatformSimulator) -> None:
    numbers = {ask(http).json()["certificate_no"] for _ in range(3)}
    assert len(numbers) == 3 and set(sim.certificates.issued) == numbers


@pytest.mark.parametrize(
    "over",
    [
        {"id_number": "110105198001010010"},  # wrong check digit
        {"name": "李四"},  # a registry person asked for under another name
    ],
)
def test_no_record_is_404(http: httpx.Client, over: dict) -> None:
    assert ask(http, **over).status_code == 404


def test_a_person_without_records_is_404(http: httpx.Client, sim: PlatformSimulator) -> None:
    sim.certificates.no_record.add(ID_NUMBER)
    assert ask(http).status_code == 404


@pytest.mark.parametrize(
    "params",
    [
        {"from": "2025-12", "to": "2025-01"},  # reversed
        {"from": "2025-01", "to": "2999-12"},  # ends in the future
        {"from": "1999-01", "to": "1999-12"},  # before records
        {"from": "2020-01", "to": "2025-12"},  # longer than MAX_MONTHS
        {"from": "2025-1", "to": "2025-12"},  # not YYYY-MM
        {},  # a period kind without a period
    ],
)
def test_a_period_out_of_range_is_422(http: httpx.Client, params: dict) -> None:
    assert ask(http, params=params).status_code == 422


def test_the_longest_period_is_served() -> None:
    issuer = CertificateIssuer(
        SyntheticRegistry(), clock=lambda: datetime(2026, 12, 3, tzinfo=UTC).timestamp()
    )
    first = (2026 * 12 + 11 - MAX_MONTHS) // 12, (2026 * 12 + 11 - MAX_MONTHS) % 12 + 1
    params = {"from": f"{first[0]}-{first[1]:02d}", "to": "2026-11"}
    issued = issuer.issue(
        {"kind": "tax_payment", "id_number": ID_NUMBER, "name": NAME, "params": params}
    )
    assert f"共{MAX_MONTHS}个月" in text_of(issued.pdf)


@pytest.mark.parametrize("body", [{"kind": "birth_certificate"}, {"name": ""}, {"params": []}])
def test_a_malformed_request_is_400(http: httpx.Client, body: dict) -> None:
    assert ask(http, **body).status_code == 400


def test_certificates_need_the_token(sim: PlatformSimulator) -> None:
    resp = httpx.post(f"{sim.url}/v1/certificates", json={}, headers={"X-Kiosk-Id": KIOSK})
    assert resp.status_code == 401


def test_the_font_is_found_on_this_machine() -> None:
    face = find_cjk_font()
    assert face.path.is_file() and face.index >= 0


def test_a_named_font_that_is_missing_is_an_error(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    find_cjk_font.cache_clear()
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "none.ttc"))
    try:
        with pytest.raises(NoCjkFont, match="not a file"):
            find_cjk_font()
    finally:
        find_cjk_font.cache_clear()
