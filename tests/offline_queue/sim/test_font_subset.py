"""Certificates draw with a face cut to their characters, not the whole CJK font each time."""

from __future__ import annotations

import io
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from fontTools.ttLib import TTFont
from pypdf import PdfReader

from offline_queue.sim import SyntheticRegistry
from offline_queue.sim.certificates import CertificateIssuer
from offline_queue.sim.cjk_font import find_cjk_font
from offline_queue.sim.font_subset import CACHED_SETS, subset_face
from tests.offline_queue.helpers import ID_NUMBER, NAME

RARE_NAME = "陈䶮"  # 䶮 is outside GB2312 (CJK Ext-A): the small face must still have it


def issue(name: str = NAME) -> bytes:
    # An empty registry: any well-formed number may carry any name.
    issuer = CertificateIssuer(
        SyntheticRegistry(persons=()), clock=lambda: datetime(2026, 12, 3, tzinfo=UTC).timestamp()
    )
    doc = {"kind": "medical_insurance", "id_number": ID_NUMBER, "name": name, "params": {}}
    return issuer.issue(doc).pdf


def text_of(pdf: bytes) -> str:
    return re.sub(r"[\s\x00]+", "", PdfReader(io.BytesIO(pdf)).pages[0].extract_text())


@pytest.fixture
def collection_opens(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Paths of the machine's CJK font file as fontTools opens them, from now on."""
    subset_face.cache_clear()
    face = find_cjk_font()
    opened: list[str] = []
    real_init = TTFont.__init__

    def counting_init(self: TTFont, file: Any = None, *args: Any, **kwargs: Any) -> None:
        if isinstance(file, str | Path) and Path(file) == face.path:
            opened.append(str(file))
        real_init(self, file, *args, **kwargs)

    monkeypatch.setattr(TTFont, "__init__", counting_init)
    return opened


def test_repeated_certificates_parse_the_collection_once(collection_opens: list[str]) -> None:
    for _ in range(5):
        pdf = issue()
    assert len(collection_opens) == 1
    assert NAME[0] + "*" in text_of(pdf) and "医疗保障参保凭证" in text_of(pdf)


def test_a_rare_surname_gets_its_glyph(collection_opens: list[str]) -> None:
    text = text_of(issue(RARE_NAME))
    assert RARE_NAME[0] + "*" in text
    issue(RARE_NAME)
    assert len(collection_opens) == 1


def test_the_kept_faces_are_bounded(collection_opens: list[str]) -> None:
    surnames = "赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张"
    assert len(surnames) > CACHED_SETS
    for surname in surnames:
        issue(surname + "某")
    info = subset_face.cache_info()
    assert info.currsize == CACHED_SETS and len(collection_opens) == len(surnames)
