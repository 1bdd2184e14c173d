"""Settings of the code scanner drivers, validated from the configuration.

Kept apart from the drivers so that checking a configuration (at every start)
does not import the drivers themselves, their simulators or their libraries.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, field_validator

from drivers.base import DriverSettings, known_scenario
from drivers.scanner.framing import Suffix
from drivers.scanner.hid_keys import Terminator

DEFAULT_FORMATS = ("QR", "CODE128")
DEFAULT_DECODER = "zxing-cpp"


class SerialScannerSettings(DriverSettings):
    port: str = "/dev/scanner"
    baudrate: int = 9600
    #: How the scanner ends a code: "auto" (CR, LF or CRLF), one of them, or "none" (idle gap).
    suffix: Suffix = "auto"
    #: True if the scanner is set to send the AIM identifier (]Q1, ]C0 …) before each code.
    aim_prefix: bool = False
    idle_timeout_s: float = Field(0.05, gt=0)
    #: "auto" tries UTF-8 then GB18030.
    encoding: str = "auto"
    #: "gm65": the engine understands 7E 00 commands (health query, software trigger).
    command_set: Literal["none", "gm65"] = "none"
    #: Ignore the same code again within this time (continuous-scan engines repeat).
    repeat_window_s: float = Field(0.0, ge=0)
    reconnect_interval_s: float = Field(0.25, gt=0)
    exclusive: bool = True


class HidScannerSettings(DriverSettings):
    #: Stable path such as /dev/input/by-id/usb-XXXX-event-kbd.
    device_path: str = ""
    grab: bool = True
    terminator: Terminator = "enter"
    repeat_window_s: float = Field(0.0, ge=0)
    reconnect_interval_s: float = Field(0.5, gt=0)


class CameraScannerSettings(DriverSettings):
    #: Camera of its own: OpenCV source ("0", "/dev/video2", "rtsp://…"), or
    #: "sim" / "sim:<scenario>" for the simulated camera. Ignored when a camera is shared.
    camera: str = "0"
    width: int = Field(1280, gt=0)
    height: int = Field(720, gt=0)
    decoder: str = DEFAULT_DECODER
    formats: tuple[str, ...] = DEFAULT_FORMATS
    #: The same code seen again within this time is the same scan.
    repeat_window_s: float = Field(2.0, ge=0)
    #: Also find 1-D codes turned by 90° / light-on-dark codes (zxing-cpp; slower).
    try_rotate: bool = False
    try_invert: bool = False
    #: Upper bound on decode attempts per second (CPU budget).
    max_decode_fps: float = Field(15.0, gt=0)

    @field_validator("formats", mode="before")
    @classmethod
    def _upper(cls, value: object) -> object:
        if isinstance(value, list | tuple):
            return tuple(str(v).upper() for v in value)
        return value


SCENARIOS: dict[str, str] = {
    "idle": "nothing is scanned until simulator.scan() (or a line typed standalone)",
    "slip": "a receipt slip's QR code is scanned every 5 s",
    "payment": "a wallet payment code is scanned every 7 s",
    "chinese": "a QR code holding Chinese text (UTF-8) is scanned every 5 s",
    "gb18030": "a QR code holding GB18030-encoded Chinese text is scanned every 5 s",
    "garbage": "line noise between slip scans every 3 s",
    "unplug_replug": "slips every 2 s; the scanner is unplugged 2 s out of every 6 s",
}


class SimulatedSerialScannerSettings(SerialScannerSettings):
    port: str = ""  # the simulator's pty
    scenario: str = "idle"
    #: Baud rate the simulator paces its bytes at; 0 sends them at once.
    pace_baud: int = Field(9600, ge=0)

    @field_validator("scenario")
    @classmethod
    def _known(cls, value: str) -> str:
        return known_scenario(value, SCENARIOS)
