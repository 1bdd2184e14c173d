"""Scan results, the CodeScanned event and AIM symbology identifiers (ISO/IEC 15424)."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from drivers.base import DeviceEvent

#: AIM code character → symbology name used across the project.
AIM_SYMBOLOGIES: dict[str, str] = {
    "Q": "QR",
    "C": "CODE128",
    "E": "EAN_UPC",
    "A": "CODE39",
    "G": "CODE93",
    "F": "CODABAR",
    "I": "ITF",
    "d": "DATAMATRIX",
    "L": "PDF417",
    "z": "AZTEC",
    "e": "DATABAR",
    "X": "OTHER",
}
#: Symbology name → the AIM identifier a scanner sends for its plain form.
AIM_IDS: dict[str, str] = {
    "QR": "]Q1",
    "CODE128": "]C0",
    "EAN13": "]E0",
    "EAN8": "]E4",
    "EAN_UPC": "]E0",
    "CODE39": "]A0",
    "CODE93": "]G0",
    "CODABAR": "]F0",
    "ITF": "]I0",
    "DATAMATRIX": "]d1",
    "PDF417": "]L2",
    "AZTEC": "]z0",
}


def _is_aim(data: bytes, i: int) -> bool:
    return (
        len(data) >= i + 3
        and data[i] == ord("]")
        and chr(data[i + 1]).isascii()
        and chr(data[i + 1]).isalpha()
        and chr(data[i + 2]).isascii()
        and chr(data[i + 2]).isalnum()
    )


def split_aim(data: bytes, *, resync: bool = False) -> tuple[str, bytes]:
    """Split a leading AIM identifier (``]`` + code char + modifier) off ``data``.

    With ``resync``, bytes before the first identifier (line noise that arrived
    without a suffix and got glued to the code) are dropped.
    """
    if _is_aim(data, 0):
        return data[:3].decode("ascii"), data[3:]
    if resync:
        i = data.find(b"]")
        while i >= 0:
            if _is_aim(data, i):
                return data[i : i + 3].decode("ascii"), data[i + 3 :]
            i = data.find(b"]", i + 1)
    return "", data


def symbology_of(aim_id: str) -> str:
    if len(aim_id) == 3:
        return AIM_SYMBOLOGIES.get(aim_id[1], "OTHER")
    return ""


def decode_payload(data: bytes, encoding: str = "auto") -> str:
    """Bytes of a code as text: UTF-8, else GB18030 (common on Chinese slips), never failing."""
    if encoding != "auto":
        return data.decode(encoding, errors="replace")
    for candidate in ("utf-8", "gb18030"):
        try:
            return data.decode(candidate)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


@dataclass(frozen=True, slots=True, repr=False)
class ScanResult:
    """One decoded code. ``repr`` shows only its start, since payment codes are bearer tokens."""

    text: str
    data: bytes
    symbology: str = ""
    aim_id: str = ""
    source: str = ""
    timestamp: float = field(default_factory=time.monotonic)

    def __repr__(self) -> str:
        shown = self.text[:4] + "…" if len(self.text) > 4 else self.text
        return (
            f"ScanResult({shown!r}, {len(self.text)} chars, symbology={self.symbology!r}, "
            f"source={self.source!r})"
        )

    __str__ = __repr__


@dataclass(frozen=True, slots=True)
class CodeScanned(DeviceEvent):
    result: ScanResult
