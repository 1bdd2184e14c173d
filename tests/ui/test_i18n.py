"""Translations: every string has English, and the shipped .qm matches the .ts."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from ui.i18n.build import QM_FILE, TS_FILE, compile_qm, update_ts


def test_every_source_string_is_in_the_ts_file_and_translated(tmp_path: Path) -> None:
    fresh = tmp_path / "kiosk_en.ts"
    fresh.write_bytes(TS_FILE.read_bytes())
    update_ts(fresh)  # adds any tr() string the sources have and the file lacks
    messages = list(ET.parse(fresh).iter("message"))
    assert len(messages) >= 30
    untranslated = [
        m.findtext("source")
        for m in messages
        if m.find("translation").get("type") in ("unfinished", "vanished", "obsolete")
        or not (m.findtext("translation") or "").strip()
    ]
    assert untranslated == []


def test_shipped_qm_is_compiled_from_the_ts(tmp_path: Path) -> None:
    qm = tmp_path / "kiosk_en.qm"
    compile_qm(TS_FILE, qm)
    assert qm.read_bytes() == QM_FILE.read_bytes()


def test_every_step_kind_has_a_page() -> None:
    from kiosk.flow import STEP_KINDS
    from ui.steps import PAGES

    assert set(STEP_KINDS) - set(PAGES) == set()
