"""Settings of the card dispenser drivers, validated from the configuration.

Kept apart from the drivers so that checking a configuration (at every start)
does not import the drivers themselves or their simulators.
"""

from __future__ import annotations

from pydantic import Field, field_validator

from drivers.base import DriverSettings, known_scenario


class SerialDispenserSettings(DriverSettings):
    port: str = "/dev/dispenser"
    baudrate: int = 9600
    #: How long the device may take to ACK a command and to answer a status query.
    command_timeout_s: float = Field(0.5, gt=0, le=10)
    #: How long a move (slot → gate, gate → bin) may take before the answer is overdue.
    move_timeout_s: float = Field(8.0, gt=0, le=60)
    #: A card left at the gate this long is captured (the interface's default).
    take_timeout_s: float = Field(30.0, gt=0, le=600)
    #: How often the gate sensor is read while a card waits to be taken.
    gate_poll_s: float = Field(0.1, gt=0, le=2)
    #: How often the status is read while nothing happens.
    poll_interval_s: float = Field(2.0, gt=0, le=60)
    #: Sends of one command after a NAK or a missing ACK.
    retries: int = Field(2, ge=0, le=5)
    reconnect_interval_s: float = Field(0.5, gt=0, le=60)
    exclusive: bool = True


DEFAULT_SCENARIO = "loaded"

SCENARIOS: dict[str, str] = {
    "loaded": "half the slots hold a card; a person takes a released card after 1 s",
    "empty": "every slot is empty (load cards in maintenance mode)",
    "jam": "half the slots hold a card; the next card released jams on its way to the gate",
    "empty_slot": "slot 1's sensor says empty although the inventory may think otherwise",
    "gate_blocked": "something sits in the exit gate: nothing can be released",
    "not_taken": "half the slots hold a card; nobody takes a released card: it is captured",
    "taken_late": "half the slots hold a card; the person takes the card after 5 s",
    "bin_full": "half the slots hold a card; the capture bin is full",
    "unplug_replug": "half the slots hold a card; the dispenser is unplugged 2 s out of every 6 s",
}


def check_scenario(value: str) -> str:
    return known_scenario(value, SCENARIOS)


class SimulatedDispenserSettings(SerialDispenserSettings):
    port: str = ""  # the simulator's pty
    scenario: str = DEFAULT_SCENARIO
    slots: int = Field(20, ge=1, le=255)
    #: Seconds after a release the simulated person takes the card (negative: never).
    take_after_s: float = Field(1.0, le=600)
    #: Seconds a card takes from its slot to the gate in the simulator.
    move_s: float = Field(0.2, ge=0, le=10)
    #: Seconds after a slot is unlocked for loading the simulated technician puts a card in.
    load_after_s: float = Field(0.5, ge=0, le=60)
    #: Baud rate the simulator paces its bytes at; 0 sends them at once.
    pace_baud: int = Field(9600, ge=0)

    @field_validator("scenario")
    @classmethod
    def _known(cls, value: str) -> str:
        return check_scenario(value)
