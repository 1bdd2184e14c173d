"""Settings of the camera drivers, validated from the configuration.

Kept apart from the drivers so that checking a configuration (at every start)
does not import the drivers themselves, their simulators or their libraries.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, field_validator

from drivers.base import DriverSettings, known_scenario


class OpenCvCameraSettings(DriverSettings):
    #: "0" (device index), "/dev/video0", "/dev/v4l/by-id/…", a file, or "rtsp://…" / "http://…".
    source: str = "0"
    width: int = Field(1280, gt=0)
    height: int = Field(720, gt=0)
    fps: float = Field(30, gt=0)
    #: Pixel format asked of USB cameras; MJPG gets 720p at 30 fps over USB 2.
    fourcc: str = Field("MJPG", pattern=r"^([A-Z0-9 ]{4})?$")
    api: Literal["auto", "v4l2", "ffmpeg", "gstreamer"] = "auto"
    open_timeout_s: float = Field(5.0, gt=0)
    frame_timeout_s: float = Field(0.8, gt=0)
    reconnect_interval_s: float = Field(0.5, gt=0)


SCENARIOS: dict[str, str] = {
    "person": "synthetic person A facing the camera, blinking now and then",
    "person_b": "synthetic person B (does not match person A's card photo)",
    "liveness": "person A: facing, turning left, facing, turning right, 2 s each",
    "two_people": "two people in view",
    "no_face": "nobody in front of the camera",
    "qr": "a receipt slip with a QR code held up and moving",
    "code128": "a slip with a Code 128 bar code held up and moving",
    "dark": "lens covered: black frames",
    "unplug_replug": "person A; the camera drops out 2 s out of every 6 s",
}


class SimulatedCameraSettings(OpenCvCameraSettings):
    source: str = ""  # the simulator's stream URL
    width: int = Field(640, gt=0)
    height: int = Field(480, gt=0)
    fps: float = Field(15, gt=0)
    transport: Literal["mjpeg", "direct"] = "mjpeg"
    scenario: str = "person"

    @field_validator("scenario")
    @classmethod
    def _known(cls, value: str) -> str:
        return known_scenario(value, SCENARIOS)
