"""The simulated sensor's template format (``sim-v2``) and its similarity score.

A template is ``b"SFP2"`` + 64 feature bytes + a quality byte. The features of a
finger are fixed (a keyed digest of its name, so only the simulator that made
them reproduces them); every touch adds small noise to them, as a real sensor
never reads a finger twice the same. Two touches of one finger therefore give
different bytes but a high similarity; two fingers score near zero.
"""

from __future__ import annotations

import random

FORMAT = "sim-v2"
MAGIC = b"SFP2"
FEATURES = 64
LENGTH = len(MAGIC) + FEATURES + 1
#: Largest change one touch makes to a feature byte.
TOUCH_NOISE = 6
#: Mean byte distance of two unrelated feature sets (uniform bytes: 255 / 3).
_UNRELATED_DISTANCE = 85.0
#: Similarity from which two templates are the same finger (two touches of one
#: finger score about 0.95, two fingers about 0).
SAME_FINGER = 0.6


def encode(features: bytes, quality: float, noise: random.Random) -> bytes:
    """A template of one touch: ``features`` moved by touch noise, and the touch's quality."""
    if len(features) != FEATURES:
        raise ValueError(f"a finger has {FEATURES} feature bytes")
    touched = bytes(
        min(255, max(0, b + noise.randint(-TOUCH_NOISE, TOUCH_NOISE))) for b in features
    )
    return MAGIC + touched + bytes([round(quality * 255)])


def similarity(a: bytes | bytearray, b: bytes | bytearray) -> float:
    """0..1: 1 for identical features, about 0 for two different fingers or a malformed one."""
    if not (is_template(a) and is_template(b)):
        return 0.0
    fa, fb = a[len(MAGIC) : -1], b[len(MAGIC) : -1]
    distance = sum(abs(x - y) for x, y in zip(fa, fb, strict=True)) / FEATURES
    return max(0.0, 1.0 - distance / _UNRELATED_DISTANCE)


def is_template(data: bytes | bytearray) -> bool:
    return len(data) == LENGTH and data[: len(MAGIC)] == MAGIC


def quality(data: bytes | bytearray) -> float:
    """The quality byte of a template as 0..1."""
    return data[-1] / 255 if is_template(data) else 0.0
