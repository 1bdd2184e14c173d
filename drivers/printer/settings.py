"""Settings of the receipt printer drivers, validated from the configuration.

Kept apart from the drivers so that checking a configuration (at every start)
does not import the drivers themselves, their simulators or their libraries.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, field_validator

from drivers.base import DriverSettings, known_scenario
from drivers.printer.transport import PrinterAddress


class EscposPrinterSettings(DriverSettings):
    url: str = Field(
        "tcp://127.0.0.1:9100",
        description="tcp://HOST[:PORT], serial:///dev/NAME[?baudrate=N] or usb://VID:PID",
    )
    paper_width_dots: int = Field(576, ge=128, le=2048, description="576 for 80 mm, 384 for 58 mm")
    font_charset: Literal["gb2312", "gbk", "gb18030"] = Field(
        "gbk", description="the printer's resident Chinese font; other characters are drawn"
    )
    cjk_mode: bool = Field(True, description="send FS & (Chinese mode) at the start of a slip")
    native_qr: bool = Field(True, description="GS ( k QR codes; False draws them as images")
    raster_font_path: str | None = Field(None, description="CJK font file for drawn characters")
    raster_font_index: int = Field(0, ge=0, description="face index inside a .ttc file")
    auto_cut: bool = True
    confirm_completion: bool = Field(
        True, description="wait for the GS r 1 reply that follows the slip (PRINTED only then)"
    )
    status_timeout_s: float = Field(0.4, gt=0, le=10)
    # Poll + reply timeout stay under 1 s: a silent printer is OFFLINE within a second.
    poll_interval_s: float = Field(0.4, gt=0, le=60)
    reconnect_interval_s: float = Field(1.0, gt=0, le=60)
    connect_timeout_s: float = Field(2.0, gt=0, le=30)
    print_timeout_s: float = Field(30.0, gt=0, le=300, description="longest a slip may take")

    @field_validator("url")
    @classmethod
    def _valid_url(cls, value: str) -> str:
        PrinterAddress.parse(value)
        return value


SCENARIOS: dict[str, str] = {
    "normal": "paper loaded, cover closed, answering status requests",
    "paper-low": "paper near its end: slips still print, staff are asked to add paper",
    "paper-out": "no paper: every slip is refused before anything is sent",
    "cover-open": "the cover is open: slips are refused",
    "offline": "the printer hangs and answers no status request",
    "paper-out-mid-slip": "the roll runs out 5 lines into the next slip",
    "cutter-error": "the autocutter is jammed",
    "slow": "each printed block takes 50 ms",
}


class SimulatedEscposPrinterSettings(EscposPrinterSettings):
    scenario: str = "normal"
    # The URL is set to the simulator's own address when the driver opens.
    url: str = "tcp://127.0.0.1:9100"

    @field_validator("scenario")
    @classmethod
    def _known(cls, value: str) -> str:
        return known_scenario(value, SCENARIOS)
