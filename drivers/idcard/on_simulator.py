"""Simulated ID card reader: the real :class:`SamReader` driving a :class:`SamSimulator` on a pty.

Used as the ``sam-sim`` driver, by tests, and standalone through
``kiosk simulate idcard --scenario NAME`` (see :data:`SCENARIOS`).
"""

from __future__ import annotations

import threading

from drivers.base import known_scenario
from drivers.idcard import protocol as p
from drivers.idcard.profiles import DEFAULT_PROFILE, PROFILES
from drivers.idcard.sam import SamReader
from drivers.idcard.settings import SCENARIOS, SimulatedSamReaderSettings
from drivers.idcard.simulator import SamSimulator
from drivers.idcard.wlt import WltDecoder


class ScenarioRunner:
    """Sets a simulator up for a scenario and runs its timed part on a thread."""

    def __init__(self, sim: SamSimulator, scenario: str) -> None:
        known_scenario(scenario, SCENARIOS)
        self.sim = sim
        self.scenario = scenario
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

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
        loop = {"cycle": self._cycle, "unplug_replug": self._unplug_replug}.get(name)
        if loop is not None:
            self._thread = threading.Thread(target=loop, name="sam-scenario", daemon=True)
            self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def _cycle(self) -> None:
        keys = list(PROFILES)
        i = 0
        while not self._stop.is_set():
            self.sim.place_card(keys[i % len(keys)])
            if self._stop.wait(4.0):
                return
            self.sim.remove_card()
            i += 1
            if self._stop.wait(2.0):
                return

    def _unplug_replug(self) -> None:
        while not self._stop.wait(4.0):
            self.sim.unplug()
            if self._stop.wait(2.0):
                return
            self.sim.replug()


class SimulatedSamReader(SamReader):
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
        self._runner = ScenarioRunner(self.simulator, self.settings.scenario)
        self._scenario_started = False

    def _open(self) -> None:
        if not self.simulator.running:
            self.simulator.start()
        if not self._scenario_started:
            self._runner.start()
            self._scenario_started = True
        self.settings = self.settings.model_copy(update={"port": self.simulator.address})
        super()._open()

    def _close(self) -> None:
        try:
            super()._close()
        finally:
            self._runner.stop()
            self._scenario_started = False
            self._runner = ScenarioRunner(self.simulator, self.settings.scenario)
            self.simulator.stop()


class StandaloneSimulator:
    """A simulator serving on its own (``kiosk simulate idcard``)."""

    def __init__(self, scenario: str, *, baud: int | None = 115200) -> None:
        self.simulator = SamSimulator(baud=baud)
        self._runner = ScenarioRunner(self.simulator, scenario)  # refuses unknown scenarios
        self.simulator.start()
        self._runner.start()
        self.address = self.simulator.address

    def close(self) -> None:
        self._runner.stop()
        self.simulator.stop()


def start_standalone(scenario: str = "no_card") -> StandaloneSimulator:
    """Start a simulator for ``scenario``; its pty path is ``.address``."""
    return StandaloneSimulator(scenario)
