"""Pluggable decoder for the card photo (proprietary WLT format, 1024 bytes).

Decoding WLT needs the licensed library the reader vendor ships, so the driver
only knows this interface. A site names its decoder in the reader settings as
``"package.module:ClassName"`` (constructed without arguments); the built-in
name ``"sim"`` is the simulator's decoder. No decoder configured means the
card is still read, with its photo marked unavailable.
"""

from __future__ import annotations

import importlib
from typing import Protocol, runtime_checkable

import numpy as np

from drivers.base import DeviceError

#: Size of the photo a WLT decoder produces (width, height).
PHOTO_SIZE_PX = (102, 126)
PHOTO_UNAVAILABLE = "photo unavailable: no WLT decoder configured"
_BUILT_IN = {"sim": "drivers.idcard.sim_photo:SimWltDecoder"}


class PhotoDecodeError(DeviceError):
    code = "PHOTO_DECODE_FAILED"


@runtime_checkable
class WltDecoder(Protocol):
    """Turns the 1024-byte WLT block into a BGR image (126 rows × 102 columns)."""

    def decode(self, wlt: bytes) -> np.ndarray: ...


def load_wlt_decoder(spec: str) -> WltDecoder | None:
    """Build the decoder named by ``spec`` ("" → None); CONFIG_ERROR if it cannot load."""
    spec = spec.strip()
    if not spec:
        return None
    # Named, not imported: the simulator's decoder imports this module.
    spec = _BUILT_IN.get(spec, spec)
    module_name, _, attr = spec.partition(":")
    if not module_name or not attr:
        raise DeviceError(f"WLT decoder {spec!r} is not 'module:Class'", code="CONFIG_ERROR")
    try:
        factory = getattr(importlib.import_module(module_name), attr)
        decoder = factory()
    except Exception as exc:  # a vendor plug-in may fail in any way; name it
        raise DeviceError(
            f"WLT decoder {spec!r} failed to load: {exc}", code="CONFIG_ERROR"
        ) from exc
    if not isinstance(decoder, WltDecoder):
        raise DeviceError(f"WLT decoder {spec!r} has no decode(bytes)", code="CONFIG_ERROR")
    return decoder


def decode_photo(decoder: WltDecoder | None, wlt: bytes) -> tuple[np.ndarray | None, str]:
    """Decode a photo block; returns (image, "") or (None, why). Never raises."""
    if decoder is None:
        return None, PHOTO_UNAVAILABLE
    if not wlt:
        return None, "photo unavailable: the card sent no photo"
    try:
        image = decoder.decode(bytes(wlt))
    except Exception as exc:  # vendor code: any failure is a missing photo, not a crash
        return None, f"photo unavailable: decoder failed ({type(exc).__name__})"
    if not isinstance(image, np.ndarray) or image.ndim not in (2, 3) or image.size == 0:
        return None, "photo unavailable: decoder returned no image"
    return image, ""
