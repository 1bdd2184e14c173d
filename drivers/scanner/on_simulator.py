"""Simulated serial scanner: the real :class:`SerialScanner` reading a :class:`ScannerSimulator`.

Used as the ``scanner-sim`` driver, by tests, and standalone through
``kiosk simulate scanner --scenario NAME`` (type a line to scan it).
"""

from __future__ import annotations

from drivers.base import known_scenario
from drivers.pty_simulator import OnPtySimulator, SimulatorWithScenario, StandaloneOnPty
from drivers.scanner.serial_scanner import SerialScanner
from drivers.scanner.settings import SCENARIOS, SimulatedSerialScannerSettings
from drivers.scanner.simulator import ScannerSimulator
from drivers.scenario_threads import ScenarioThreads

SLIP_CODE = "https://zwfw.example.gov.cn/slip/KSK-20261122-000123"
#: Synthetic 18-digit payment code (the shape of a wallet's "付款码"), not a real one.
PAYMENT_CODE = "134512345678901234"

_REPEATING = {
    "slip": (5.0, SLIP_CODE, "utf-8"),
    "payment": (7.0, PAYMENT_CODE, "utf-8"),
    "chinese": (5.0, "办件编号：粤-2026-000123 张三", "utf-8"),
    "gb18030": (5.0, "办件编号：京-2026-000456", "gb18030"),
    "garbage": (3.0, SLIP_CODE, "utf-8"),
    "unplug_replug": (2.0, SLIP_CODE, "utf-8"),
}


class ScenarioRunner:
    """Drives a scanner simulator through a scenario on its own thread."""

    def __init__(self, sim: ScannerSimulator, scenario: str) -> None:
        known_scenario(scenario, SCENARIOS)
        self.sim, self.scenario = sim, scenario
        self._loops = ScenarioThreads("scanner-scenario")

    def start(self) -> None:
        if self.scenario in _REPEATING:
            self._loops.spawn(self._repeat)
        if self.scenario == "unplug_replug":
            self._loops.unplug_replug(self.sim)

    def stop(self) -> None:
        self._loops.stop()

    def _repeat(self) -> None:
        period, text, encoding = _REPEATING[self.scenario]
        while not self._loops.wait(period):
            if self.scenario == "garbage":
                self.sim.send_garbage()
            self.sim.scan(text.encode(encoding))


class SimulatedSerialScanner(OnPtySimulator, SerialScanner):
    """The real serial driver, reading a simulated engine on a pseudo-terminal."""

    Settings = SimulatedSerialScannerSettings
    settings: SimulatedSerialScannerSettings

    def __init__(self, settings: SimulatedSerialScannerSettings | None = None) -> None:
        super().__init__(settings)
        s = self.settings
        self.simulator = ScannerSimulator(
            baud=s.pace_baud or None,
            suffix="cr" if s.suffix == "auto" else s.suffix,
            aim_prefix=s.aim_prefix,
        )
        self.beside = SimulatorWithScenario(
            self.simulator, lambda: ScenarioRunner(self.simulator, s.scenario)
        )


class StandaloneSimulator(StandaloneOnPty[ScannerSimulator]):
    """A scanner simulator on its own pty (``kiosk simulate scanner``)."""

    def __init__(self, scenario: str) -> None:
        simulator = ScannerSimulator()
        super().__init__(simulator, ScenarioRunner(simulator, scenario))

    def scan(self, text: str) -> None:
        """Scan ``text`` now (the CLI sends each line typed on stdin)."""
        self.simulator.scan(text)


def start_standalone(scenario: str = "idle") -> StandaloneSimulator:
    return StandaloneSimulator(scenario)
