"""Synthetic photo blocks for the simulator and the decoder that understands them.

A real card carries a 1024-byte WLT photo only the vendor's licensed library
can decode. The simulator sends a block that names a synthetic person instead;
:class:`SimWltDecoder` maps it to that person's chip photo
(``drivers/camera/assets/faces/<person>_idcard.png``, else a drawn face), so
later flows can compare the "card photo" with the simulated camera's frames.
"""

from __future__ import annotations

import hashlib

import numpy as np

from drivers.camera.synthetic import id_photo
from drivers.idcard.protocol import PHOTO_SIZE
from drivers.idcard.wlt import PhotoDecodeError

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
    """The 102×126 chip photo of the synthetic person ``photo_key`` (e.g. "person_a")."""
    return id_photo(photo_key)


class SimWltDecoder:
    """WLT decoder for simulator blocks (refuses anything else)."""

    def decode(self, wlt: bytes) -> np.ndarray:
        return card_photo(sim_photo_key(wlt))
