"""Shared fixtures of the face-engine tests: one detector and one matcher per session."""

from __future__ import annotations

import json

import pytest

from kiosk.face.detector import FaceDetector
from kiosk.face.matcher import DlibFaceMatcher
from kiosk.face.synthetic import Identity, random_identity
from tests.kiosk.face.face_helpers import ASSETS


@pytest.fixture(scope="session")
def detector() -> FaceDetector:
    det = FaceDetector()
    det.load()
    return det


@pytest.fixture(scope="session")
def matcher(detector: FaceDetector) -> DlibFaceMatcher:
    return DlibFaceMatcher(detector=detector)


@pytest.fixture(scope="session")
def person() -> Identity:
    return random_identity(7)


@pytest.fixture(scope="session")
def manifest() -> dict[str, dict]:
    return json.loads((ASSETS / "manifest.json").read_text(encoding="utf-8"))
