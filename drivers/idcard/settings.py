"""Settings of the ID card reader drivers, validated from the configuration.

Kept apart from the drivers so that checking a configuration (at every start)
does not import the drivers themselves, their simulators or their libraries.
"""

from __future__ import annotations

from pydantic import Field, field_validator

from drivers.base import DriverSettings, known_scenario
from drivers.idcard.profiles import DEFAULT_PROFILE, PROFILES


class SamReaderSettings(DriverSettings):
    port: str = "/dev/idcard"
    baudrate: int = 115200
    poll_interval_s: float = Field(0.2, gt=0, le=5)
    command_timeout_s: float = Field(0.3, gt=0)
    read_timeout_s: float = Field(2.0, gt=0)
    #: Extra attempts per exchange after a timeout or a bad checksum.
    retries: int = Field(1, ge=0, le=5)
    #: Reads of one placement before CardReadFailed is reported.
    read_attempts: int = Field(3, ge=1, le=10)
    read_fingerprint: bool = False
    #: "module:Class" of a WLT photo decoder, "sim" for the simulator's, "" for none.
    wlt_decoder: str = ""
    reconnect_interval_s: float = Field(0.25, gt=0)
    exclusive: bool = True


SCENARIOS: dict[str, str] = {
    "no_card": "reader idle with no card (place one with simulator.place_card)",
    "card": f"a resident card ({DEFAULT_PROFILE}) lies on the reader",
    **{f"card:{key}": profile.description for key, profile in PROFILES.items()},
    "cycle": "cards of every profile are placed and removed in turn, 4 s each",
    "read_failure": "a card lies on the reader but every read fails (SW3 41)",
    "checksum_errors": "a card lies on the reader; every third answer has a bad checksum",
    "garbage": "a card lies on the reader; line noise precedes every second answer",
    "slow": "a card lies on the reader; the reader answers 150 ms late",
    "sam_fault": "the SAM module fails its self-test (SW3 60)",
    "unplug_replug": "a card lies on the reader; the reader is unplugged 2 s out of every 6 s",
}


class SimulatedSamReaderSettings(SamReaderSettings):
    port: str = ""  # taken from the simulator
    wlt_decoder: str = "sim"
    scenario: str = "no_card"
    #: Baud rate the simulator paces its bytes at; 0 sends them as fast as possible.
    pace_baud: int = 115200

    @field_validator("scenario")
    @classmethod
    def _known_scenario(cls, value: str) -> str:
        return known_scenario(value, SCENARIOS)
