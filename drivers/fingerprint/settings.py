"""Settings of the fingerprint reader drivers, validated from the configuration.

Kept apart from the drivers so that checking a configuration (at every start)
does not import the drivers themselves, their simulators or their libraries.
"""

from __future__ import annotations

from pydantic import Field, field_validator

from drivers.base import DriverSettings, known_scenario


class FingerprintReaderSettings(DriverSettings):
    capture_timeout_s: float = Field(20.0, gt=0, le=600)
    verify_timeout_s: float = Field(20.0, gt=0, le=600)
    #: Label stored with captures (which finger the kiosk asks for).
    finger: str = "right-index"


class FprintReaderSettings(FingerprintReaderSettings):
    #: libfprint driver id to use (e.g. "synaptics", "goodixmoc"); "" = the first reader.
    driver_id: str = ""
    #: Development only: libfprint's virtual_device socket path (sets FP_VIRTUAL_DEVICE).
    virtual_device_socket: str = ""
    reconnect_interval_s: float = Field(1.0, gt=0, le=60)
    #: How long open() waits for the first connection attempt.
    open_timeout_s: float = Field(10.0, gt=0)


DEFAULT_SCENARIO = "good_finger"


SCENARIOS: dict[str, str] = {
    "good_finger": "captures get a good print of citizen A's right, then left index finger (in "
    "turn); verifications one of finger A",
    "same_finger_twice": "asked for the second finger, the citizen presents the first one again, "
    "then the other",
    "poor_then_good": "the first touch of each operation is off-centre (retry), the second is good",
    "no_finger": "nobody places a finger: captures and verifications time out",
    "other_finger": "captures get citizen A's fingers, verifications citizen B's: no match",
    "unplugged": "the reader is unplugged (OFFLINE) until it is plugged back",
    "unplug_replug": "good fingers; the reader is unplugged 2 s out of every 6 s",
    "manual": "nothing happens until simulator.place_finger() or a control command",
}


def check_scenario(value: str) -> str:
    """The scenario name, or ValueError naming the known ones."""
    return known_scenario(value, SCENARIOS)


class SimulatedFingerprintReaderSettings(FingerprintReaderSettings):
    scenario: str = DEFAULT_SCENARIO
    #: How long the simulated citizen takes to put a finger on the sensor.
    finger_delay_s: float = Field(0.5, ge=0, le=60)
    #: Touches below this quality are refused with "centre your finger".
    min_quality: float = Field(0.5, ge=0, le=1)
    enroll_stages: int = Field(3, ge=1, le=20)
    #: Path of a UNIX socket taking control commands ("" = none).
    control_socket: str = ""

    @field_validator("scenario")
    @classmethod
    def _known_scenario(cls, value: str) -> str:
        return check_scenario(value)
