"""The slip document model that kiosk code builds, and the outcome of printing one.

A :class:`Slip` is a list of elements (text line, separator, QR code, picture,
feed, cut). It says *what* to print; :mod:`drivers.printer.encoder` turns it
into ESC/POS bytes for one printer's settings.

    slip = (
        Slip()
        .text("补领居民身份证 凭条", size=2, bold=True, align="center")
        .separator()
        .text("受理编号：A2026-000123")
        .qr("https://example.gov.cn/p/A2026-000123")
        .cut()
    )
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from drivers.base import DeviceStatus

if TYPE_CHECKING:
    from PIL.Image import Image as PilImage


class Align(enum.StrEnum):
    LEFT = "left"
    CENTER = "center"
    RIGHT = "right"


def _check_multiplier(name: str, value: int) -> None:
    if not 1 <= value <= 8:
        raise ValueError(f"{name} must be 1..8, got {value}")


@dataclass(frozen=True, slots=True)
class Text:
    """One line of text; long lines wrap at the paper edge.

    Control characters (including newlines) are printed as spaces, so text from
    outside (a name read from a card) can never smuggle printer commands in.
    """

    text: str
    width: int = 1  # character width multiplier, 1..8
    height: int = 1  # character height multiplier, 1..8
    bold: bool = False
    align: Align = Align.LEFT

    def __post_init__(self) -> None:
        _check_multiplier("width", self.width)
        _check_multiplier("height", self.height)
        object.__setattr__(self, "align", Align(self.align))


@dataclass(frozen=True, slots=True)
class Separator:
    """A full-width rule made of one repeated single-width character."""

    char: str = "-"

    def __post_init__(self) -> None:
        if len(self.char) != 1 or not (0x21 <= ord(self.char) <= 0x7E):
            raise ValueError("separator char must be one printable ASCII character")


class QrErrorCorrection(enum.StrEnum):
    L = "L"
    M = "M"
    Q = "Q"
    H = "H"


@dataclass(frozen=True, slots=True)
class QrCode:
    """A QR code; printed natively (GS ( k) or as an image, per printer settings."""

    data: str
    module_dots: int = 6  # size of one module in printer dots, 1..16
    error_correction: QrErrorCorrection = QrErrorCorrection.M
    align: Align = Align.CENTER

    def __post_init__(self) -> None:
        if not self.data:
            raise ValueError("QR data must not be empty")
        if len(self.data.encode("utf-8")) > 2000:
            raise ValueError("QR data longer than 2000 bytes will not fit a receipt")
        if not 1 <= self.module_dots <= 16:
            raise ValueError("module_dots must be 1..16")
        object.__setattr__(self, "error_correction", QrErrorCorrection(self.error_correction))
        object.__setattr__(self, "align", Align(self.align))


@dataclass(frozen=True, slots=True)
class Picture:
    """A picture (logo, seal); dithered to black and white, scaled to fit the paper."""

    image: PilImage
    align: Align = Align.CENTER

    def __post_init__(self) -> None:
        object.__setattr__(self, "align", Align(self.align))


@dataclass(frozen=True, slots=True)
class Feed:
    """Blank lines."""

    lines: int = 1

    def __post_init__(self) -> None:
        if not 1 <= self.lines <= 255:
            raise ValueError("feed lines must be 1..255")


@dataclass(frozen=True, slots=True)
class Cut:
    """Feed to the cutter and cut (partial cut leaves a hinge, the usual for kiosks)."""

    partial: bool = True


Element = Text | Separator | QrCode | Picture | Feed | Cut


@dataclass(slots=True)
class Slip:
    """An ordered list of elements, with chainable builder methods."""

    elements: list[Element] = field(default_factory=list)

    def add(self, element: Element) -> Slip:
        self.elements.append(element)
        return self

    def text(
        self,
        text: str,
        *,
        size: int = 1,
        width: int | None = None,
        height: int | None = None,
        bold: bool = False,
        align: Align | str = Align.LEFT,
    ) -> Slip:
        return self.add(
            Text(text, width or size, height or size, bold, Align(align)),
        )

    def separator(self, char: str = "-") -> Slip:
        return self.add(Separator(char))

    def qr(
        self,
        data: str,
        *,
        module_dots: int = 6,
        error_correction: QrErrorCorrection | str = QrErrorCorrection.M,
        align: Align | str = Align.CENTER,
    ) -> Slip:
        return self.add(
            QrCode(data, module_dots, QrErrorCorrection(error_correction), Align(align))
        )

    def image(self, image: PilImage, *, align: Align | str = Align.CENTER) -> Slip:
        return self.add(Picture(image, Align(align)))

    def feed(self, lines: int = 1) -> Slip:
        return self.add(Feed(lines))

    def cut(self, *, partial: bool = True) -> Slip:
        return self.add(Cut(partial))

    @property
    def ends_with_cut(self) -> bool:
        return bool(self.elements) and isinstance(self.elements[-1], Cut)


# ---------------------------------------------------------------- outcome


class PrintResult(enum.StrEnum):
    PRINTED = "printed"  # the printer confirmed it processed the whole slip
    NOT_PRINTED = "not_printed"  # nothing was sent: the citizen has no slip
    UNCERTAIN = "uncertain"  # sent, but it may not have printed (completely)


@dataclass(frozen=True, slots=True)
class PrintOutcome:
    """What happened to one slip, told honestly. Holds no slip content."""

    result: PrintResult
    code: str = "OK"  # the printer status code that explains a failure
    detail: str = ""
    status: DeviceStatus | None = None  # the printer's status afterwards

    @property
    def printed(self) -> bool:
        return self.result is PrintResult.PRINTED

    @classmethod
    def printed_ok(cls, status: DeviceStatus, detail: str = "") -> PrintOutcome:
        return cls(PrintResult.PRINTED, "OK", detail, status)

    @classmethod
    def not_printed(cls, code: str, detail: str, status: DeviceStatus | None) -> PrintOutcome:
        return cls(PrintResult.NOT_PRINTED, code, detail, status)

    @classmethod
    def uncertain(cls, code: str, detail: str, status: DeviceStatus | None) -> PrintOutcome:
        return cls(PrintResult.UNCERTAIN, code, detail, status)
