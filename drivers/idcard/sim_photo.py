"""Synthetic photo blocks for the simulator and the decoder that understands them.

A real card carries a 1024-byte WLT photo only the vendor's licensed library
can decode. The simulator sends a block that names a synthetic face instead;
:class:`SimWltDecoder` maps it back to that face (from the camera assets, or a
drawn one), so later flows can compare the "card photo" with the camera image.
"""

from __future__ import annotations

import hashlib

import cv2
import numpy as np

from drivers.camera.synthetic import face_image
from drivers.idcard.protocol import PHOTO_SIZE
from drivers.idcard.wlt import PHOTO_SIZE_PX, PhotoDecodeError

MAGIC = b"SIMWLT01"


def make_sim_wlt(photo_key: str) -> bytes:
    """A 1024-byte block naming ``photo_key``, padded with deterministic filler."""
    key = photo_key.encode("utf-8")
    if len(key) > 64:
        raise ValueError("photo key too long")
    head = MAGIC + bytes([len(key)]) + key
    filler = bytearray()
    seed = hashlib.sha256(key).digest()
    while len(head) + len(filler) < PHOTO_SIZE:
        seed = hashlib.sha256(seed).digest()
        filler += seed
    return (head + bytes(filler))[:PHOTO_SIZE]


def sim_photo_key(wlt: bytes) -> str:
    if not wlt.startswith(MAGIC) or len(wlt) < len(MAGIC) + 1:
        raise PhotoDecodeError("not a simulator photo block")
    n = wlt[len(MAGIC)]
    raw = wlt[len(MAGIC) + 1 : len(MAGIC) + 1 + n]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise PhotoDecodeError("corrupt simulator photo block") from exc


def card_photo(photo_key: str) -> np.ndarray:
    """The face for ``photo_key`` cropped and scaled to the card photo size (102×126)."""
    face = face_image(photo_key)
    w, h = PHOTO_SIZE_PX
    fh, fw = face.shape[:2]
    # Crop to the card's aspect ratio around the centre, then scale.
    if fw / fh > w / h:
        new_w = int(fh * w / h)
        x0 = (fw - new_w) // 2
        face = face[:, x0 : x0 + new_w]
    else:
        new_h = int(fw * h / w)
        y0 = (fh - new_h) // 2
        face = face[y0 : y0 + new_h]
    return cv2.resize(face, (w, h), interpolation=cv2.INTER_AREA)


class SimWltDecoder:
    """WLT decoder for simulator blocks (refuses anything else)."""

    def decode(self, wlt: bytes) -> np.ndarray:
        return card_photo(sim_photo_key(wlt))
