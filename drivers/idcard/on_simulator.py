"""Simulated ID card reader: the real :class:`SamReader` driving a :class:`SamSimulator` on a pty.

Used as the ``sam-sim`` driver, by tests, and standalone through
``kiosk simulate idcard --scenario NAME`` (see :data:`SCENARIOS`).
"""

from __future__ import annotations

import itertools

from drivers.base import known_scenario
from drivers.idcard import protocol as p
from drivers.idcard.profiles import DEFAULT_PROFILE, PROFILES
from drivers.idcard.sam import SamReader
from drivers.idcard.settings import SCENARIOS, SimulatedSamReaderSettings
from drivers.idcard.simulator import SamSimulator
from drivers.idcard.wlt import WltDecoder
from drivers.pty_simulator import OnPtySimulator, SimulatorWithScenario, StandaloneOnPty
from drivers.scenario_threads import ScenarioThreads

PROFILE_KEYS = list(PROFILES)


class ScenarioRunner:
    """Sets a simulator up for a scenario and runs its timed part on a thread."""

    def __init__(self, sim: SamSimulator, scenario: str) -> None:
        known_scenario(scenario, SCENARIOS)
        self.sim = sim
        self.scenario = scenario
        self._loops = ScenarioThreads("sam-scenario")

    def start(self) -> None:
        sim, name = self.sim, self.scenario
        if name.startswith("card:"):
            sim.place_card(name.partition(":")[2])
        elif name not in ("no_card", "cycle", "sam_fault"):
            sim.place_card(DEFAULT_PROFILE)
        if name == "read_failure":
            sim.fail_next_reads(1_000_000)
        elif name == "checksum_errors":
            sim.corrupt_every = 3
        elif name == "garbage":
            sim.garbage_every = 2
        elif name == "slow":
            sim.response_delay_s = 0.15
        elif name == "sam_fault":
            sim.sam_status = p.SW_SAM_SELF_TEST_FAILED
        if name == "cycle":
            self._loops.spawn(self._cycle)
        elif name == "unplug_replug":
            self._loops.unplug_replug(sim)

    def stop(self) -> None:
        self._loops.stop()

    def _cycle(self) -> None:
        for i in itertools.count():
            self.sim.place_card(PROFILE_KEYS[i % len(PROFILE_KEYS)])
            if self._loops.wait(4.0):
                return
            self.sim.remove_card()
            if self._loops.wait(2.0):
                return


class SimulatedSamReader(OnPtySimulator, SamReader):
    """The real SAM driver, talking to a simulator it starts on a pseudo-terminal."""

    Settings = SimulatedSamReaderSettings
    settings: SimulatedSamReaderSettings

    def __init__(
        self,
        settings: SimulatedSamReaderSettings | None = None,
        *,
        wlt_decoder: WltDecoder | None = None,
    ) -> None:
        super().__init__(settings, wlt_decoder=wlt_decoder)
        self.simulator = SamSimulator(baud=self.settings.pace_baud or None)
        scenario = self.settings.scenario
        self.beside = SimulatorWithScenario(
            self.simulator, lambda: ScenarioRunner(self.simulator, scenario)
        )


class StandaloneSimulator(StandaloneOnPty[SamSimulator]):
    """A simulator serving on its own (``kiosk simulate idcard``)."""

    def __init__(self, scenario: str, *, baud: int | None = 115200) -> None:
        simulator = SamSimulator(baud=baud)
        super().__init__(simulator, ScenarioRunner(simulator, scenario))


def start_standalone(scenario: str = "no_card") -> StandaloneSimulator:
    """Start a simulator for ``scenario``; its pty path is ``.address``."""
    return StandaloneSimulator(scenario)
