"""Simulated dispenser: the real :class:`SerialDispenser` driving a :class:`DispenserSimulator`.

Used as the ``dispenser-sim`` driver, by tests and the benchmark, and standalone through
``kiosk simulate dispenser --scenario NAME`` (see :data:`SCENARIOS`).
"""

from __future__ import annotations

from drivers.dispenser.serial_dispenser import SerialDispenser
from drivers.dispenser.settings import (
    DEFAULT_SCENARIO,
    SCENARIOS,
    SimulatedDispenserSettings,
    check_scenario,
)
from drivers.dispenser.simulator import DispenserSimulator
from drivers.pty_simulator import OnPtySimulator, SimulatorWithScenario, StandaloneOnPty
from drivers.scenario_threads import ScenarioThreads

#: The person in "taken_late" takes the card after this long.
LATE_TAKE_S = 5.0


class ScenarioRunner:
    """Sets the simulated mechanism up for a scenario; unplugging runs on a thread."""

    def __init__(self, sim: DispenserSimulator, scenario: str) -> None:
        self.sim, self.scenario = sim, check_scenario(scenario)
        self._loops = ScenarioThreads("dispenser-scenario")

    def start(self) -> None:
        sim, name = self.sim, self.scenario
        if name != "empty":
            sim.load(*range(1, sim.slot_count + 1, 2))  # the odd slots hold a card
        if name == "jam":
            sim.jam_next_move()
        elif name == "empty_slot":
            sim.empty(1)
        elif name == "gate_blocked":
            sim.block_gate()
        elif name == "not_taken":
            sim.take_after_s = None
        elif name == "taken_late":
            sim.take_after_s = LATE_TAKE_S
        elif name == "bin_full":
            sim.fill_bin()
        elif name == "unplug_replug":
            self._loops.unplug_replug(sim)

    def stop(self) -> None:
        self._loops.stop()


def new_simulator(settings: SimulatedDispenserSettings) -> DispenserSimulator:
    take = settings.take_after_s
    return DispenserSimulator(
        slots=settings.slots,
        baud=settings.pace_baud or None,
        move_s=settings.move_s,
        take_after_s=None if take < 0 else take,
        load_after_s=settings.load_after_s,
    )


class SimulatedDispenser(OnPtySimulator, SerialDispenser):
    """The real serial driver, driving a simulated dispenser on a pseudo-terminal."""

    Settings = SimulatedDispenserSettings
    settings: SimulatedDispenserSettings

    def __init__(self, settings: SimulatedDispenserSettings | None = None) -> None:
        super().__init__(settings)
        self.simulator = new_simulator(self.settings)
        scenario = self.settings.scenario
        self.beside = SimulatorWithScenario(
            self.simulator, lambda: ScenarioRunner(self.simulator, scenario)
        )


class StandaloneSimulator(StandaloneOnPty[DispenserSimulator]):
    """A dispenser simulator on its own pty (``kiosk simulate dispenser``)."""

    def __init__(self, scenario: str) -> None:
        simulator = new_simulator(SimulatedDispenserSettings(scenario=scenario))
        super().__init__(simulator, ScenarioRunner(simulator, scenario))


def start_standalone(scenario: str = DEFAULT_SCENARIO) -> StandaloneSimulator:
    """Start a simulator for ``scenario``; its pty path is ``.address``."""
    return StandaloneSimulator(scenario)


__all__ = [
    "DEFAULT_SCENARIO",
    "SCENARIOS",
    "SimulatedDispenser",
    "StandaloneSimulator",
    "start_standalone",
]
