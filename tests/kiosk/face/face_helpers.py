"""Constants and helpers shared by the face-engine tests."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np

from kiosk.face.synthetic import Pose

ASSETS = Path(__file__).resolve().parents[3] / "drivers" / "camera" / "assets" / "faces"
# A frontal, centred, well-lit head as in the compliant camera asset.
CENTRED = Pose(cx=320.0, cy=205.0, scale=118.0, light=(0.1, -0.3, 1.0))


def load_asset(name: str) -> np.ndarray:
    img = cv2.imread(str(ASSETS / name), cv2.IMREAD_COLOR)
    assert img is not None, name
    return img
