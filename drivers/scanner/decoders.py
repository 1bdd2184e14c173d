"""Barcode decoders for camera frames behind one interface: zxing-cpp and pyzbar.

zxing-cpp is the default: on the same 1280×720 frames it is several times
faster than pyzbar and decodes blurred, noisy, small and rotated codes pyzbar
misses (``benchmarks/decode_frames.py`` measures both side by side). By default
it does not look for 1-D codes turned by 90° nor for light-on-dark codes, which
keeps a 1280×720 frame under 8 ms; both can be switched on. pyzbar
stays available as a second opinion; it needs the system library libzbar0.
Both are asked only for the formats configured: scanning for every format
costs about ten times as much.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import ClassVar, Protocol, TypedDict

import cv2
import numpy as np

from drivers.base import DeviceError
from drivers.scanner.model import AIM_IDS, ScanResult, decode_payload
from drivers.scanner.settings import DEFAULT_DECODER, DEFAULT_FORMATS

#: Formats the project names, for both libraries.
FORMATS = ("QR", "CODE128", "EAN13", "EAN8", "CODE39", "DATAMATRIX", "PDF417")


class Decoder(Protocol):
    name: str

    def decode(self, image: np.ndarray) -> list[ScanResult]: ...


def _gray(image: np.ndarray) -> np.ndarray:
    return cv2.cvtColor(image, cv2.COLOR_BGR2GRAY) if image.ndim == 3 else image


class _ZxingOptions(TypedDict):
    try_rotate: bool
    try_invert: bool


class ZxingDecoder:
    """zxing-cpp (``zxingcpp.read_barcodes``) restricted to ``formats``."""

    name = "zxing-cpp"
    _NAMES: ClassVar[dict[str, str]] = {
        "QR": "QRCode",
        "CODE128": "Code128",
        "EAN13": "EAN13",
        "EAN8": "EAN8",
        "CODE39": "Code39",
        "DATAMATRIX": "DataMatrix",
        "PDF417": "PDF417",
    }

    def __init__(
        self,
        formats: Sequence[str] = DEFAULT_FORMATS,
        *,
        try_rotate: bool = False,
        try_invert: bool = False,
    ) -> None:
        import zxingcpp

        self._zx = zxingcpp
        # Both cost ~15-40 % per frame: 90° turned 1-D codes and light-on-dark codes.
        # QR codes are found at any angle either way.
        self._options: _ZxingOptions = {"try_rotate": try_rotate, "try_invert": try_invert}
        wanted = [getattr(zxingcpp.BarcodeFormat, self._NAMES[f]) for f in formats]
        self._back = {getattr(zxingcpp.BarcodeFormat, self._NAMES[f]): f for f in formats}
        try:  # zxing-cpp 3 takes a sequence and deprecates "|"
            zxingcpp.read_barcodes(np.zeros((8, 8), np.uint8), formats=tuple(wanted))  # type: ignore[arg-type]  # 3 converts a sequence; its stub names only BarcodeFormats
            self._formats: object = tuple(wanted)
        except TypeError:
            combined = wanted[0]
            for fmt in wanted[1:]:
                combined = combined | fmt
            self._formats = combined

    def decode(self, image: np.ndarray) -> list[ScanResult]:
        now = time.monotonic()
        out = []
        for result in self._zx.read_barcodes(image, formats=self._formats, **self._options):  # type: ignore[arg-type]  # a sequence (zxing-cpp 3) or combined flags (2)
            data = bytes(result.bytes)
            symbology = self._back.get(result.format, str(result.format))
            out.append(
                ScanResult(
                    decode_payload(data),
                    data,
                    symbology,
                    result.symbology_identifier,
                    "camera",
                    now,
                )
            )
        return out


class PyzbarDecoder:
    """pyzbar (ZBar through ctypes) restricted to ``formats``."""

    name = "pyzbar"
    _NAMES: ClassVar[dict[str, str]] = {
        "QR": "QRCODE",
        "CODE128": "CODE128",
        "EAN13": "EAN13",
        "EAN8": "EAN8",
        "CODE39": "CODE39",
        "PDF417": "PDF417",
    }

    def __init__(self, formats: Sequence[str] = DEFAULT_FORMATS, **_options: bool) -> None:
        try:
            from pyzbar import pyzbar
        except ImportError as exc:  # the ctypes loader needs libzbar0
            raise DeviceError(f"pyzbar unavailable: {exc}", code="CONFIG_ERROR") from exc
        unsupported = [f for f in formats if f not in self._NAMES]
        if unsupported:
            raise DeviceError(f"pyzbar cannot read {unsupported}", code="CONFIG_ERROR")
        self._pz = pyzbar
        self._symbols = [getattr(pyzbar.ZBarSymbol, self._NAMES[f]) for f in formats]
        self._back = {self._NAMES[f]: f for f in formats}

    def decode(self, image: np.ndarray) -> list[ScanResult]:
        now = time.monotonic()
        out = []
        for result in self._pz.decode(_gray(image), symbols=self._symbols):
            symbology = self._back.get(result.type, result.type)
            data = _undo_sjis_guess(bytes(result.data)) if symbology == "QR" else bytes(result.data)
            out.append(
                ScanResult(
                    decode_payload(data), data, symbology, AIM_IDS.get(symbology, ""), "camera", now
                )
            )
        return out


def _undo_sjis_guess(data: bytes) -> bytes:
    """ZBar reads QR bytes without an ECI as Shift-JIS and hands them over re-encoded as
    UTF-8, which garbles UTF-8 Chinese; undo that when the bytes round-trip cleanly."""
    try:
        original = data.decode("utf-8").encode("shift_jis")
        original.decode("utf-8")
    except (UnicodeDecodeError, UnicodeEncodeError):
        return data
    return original


DECODERS: dict[str, type[ZxingDecoder] | type[PyzbarDecoder]] = {
    "zxing-cpp": ZxingDecoder,
    "pyzbar": PyzbarDecoder,
}


def make_decoder(
    name: str = DEFAULT_DECODER,
    formats: Sequence[str] = DEFAULT_FORMATS,
    *,
    try_rotate: bool = False,
    try_invert: bool = False,
) -> Decoder:
    """Build the decoder called ``name``; CONFIG_ERROR for an unknown name or format.

    ``try_rotate`` (1-D codes turned 90°) and ``try_invert`` (light-on-dark codes)
    widen what zxing-cpp finds at a cost per frame; pyzbar ignores them.
    """
    cls = DECODERS.get(name)
    if cls is None:
        raise DeviceError(
            f"unknown decoder {name!r} (known: {', '.join(DECODERS)})", code="CONFIG_ERROR"
        )
    unknown = [f for f in formats if f not in FORMATS]
    if unknown or not formats:
        raise DeviceError(f"unknown or no barcode formats: {unknown}", code="CONFIG_ERROR")
    return cls(formats, try_rotate=try_rotate, try_invert=try_invert)
