"""The synthetic camera / ID-card assets exist, are small, and say what the manifest says."""

from __future__ import annotations

import json
from pathlib import Path

import cv2
import numpy as np
import pytest

from kiosk.face.assets import write_assets
from kiosk.face.compliance import ComplianceChecker
from kiosk.face.guidance import Reason
from tests.kiosk.face.face_helpers import ASSETS, load_asset

MANIFEST = json.loads((ASSETS / "manifest.json").read_text(encoding="utf-8"))
FRAMES = sorted(n for n, m in MANIFEST.items() if m["kind"] == "camera_frame")


def test_files_listed_exist_and_stay_small() -> None:
    files = {p.name for p in ASSETS.iterdir() if p.suffix in (".jpg", ".png")}
    assert files == set(MANIFEST)
    total = sum((ASSETS / n).stat().st_size for n in MANIFEST)
    assert total < 400_000
    assert {"person_a_compliant.jpg", "person_a_off_centre.jpg", "person_a_idcard.png"} <= files


@pytest.mark.parametrize("name", FRAMES)
def test_camera_frame_meets_its_manifest(detector, name: str) -> None:
    meta = MANIFEST[name]
    img = load_asset(name)
    assert img.shape == (480, 640, 3)
    report = ComplianceChecker(detector).check(img)
    assert report.ok is meta["compliant"], report.reasons
    assert {Reason(r) for r in meta["reasons_include"]} <= set(report.reasons)


def test_id_card_photos_have_the_chip_size() -> None:
    for name, meta in MANIFEST.items():
        if meta["kind"] == "id_card_photo":
            assert load_asset(name).shape == (126, 102, 3)


def test_generator_reproduces_the_committed_files(tmp_path: Path) -> None:
    manifest = write_assets(tmp_path)
    assert manifest == MANIFEST
    for name in ("person_a_compliant.jpg", "person_a_idcard.png"):
        fresh = cv2.imread(str(tmp_path / name)).astype(np.int16)
        committed = load_asset(name).astype(np.int16)
        assert np.abs(fresh - committed).mean() < 2.0
