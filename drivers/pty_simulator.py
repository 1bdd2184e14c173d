"""The base of device simulators that serve a serial protocol on a pseudo-terminal.

The real driver opens :attr:`PtySimulator.address` like any serial port; the
simulator answers from a thread of its own until :meth:`stop`, and can be
unplugged and plugged back in while it runs.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Generic, Protocol, Self, TypeVar

from drivers.base import Device
from drivers.serial_link import PtyPort


class PtySimulator:
    """Start with :meth:`start`, read :attr:`address`, end with :meth:`stop`; subclasses serve."""

    #: Name of the serving thread.
    thread_name = "pty-sim"

    def __init__(self, port_name: str, directory: str | None = None) -> None:
        self._port_name = port_name
        self._directory = directory
        self._port: PtyPort | None = None
        self._thread: threading.Thread | None = None
        self._stop = threading.Event()

    @property
    def address(self) -> str:
        """Stable path of the simulated port (a symlink to the current /dev/pts/N)."""
        if self._port is None:
            raise RuntimeError("simulator not started")
        return self._port.path

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self) -> Self:
        if not self.running:
            self._stop.clear()
            self._port = PtyPort(self._port_name, self._directory)
            self._thread = threading.Thread(target=self._serve, name=self.thread_name, daemon=True)
            self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        port, thread = self._port, self._thread
        if port is not None:
            port.interrupt()
        if thread is not None:
            thread.join(timeout=5)
        if port is not None:
            port.close()
        self._port = self._thread = None

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def unplug(self) -> None:
        if self._port is not None:
            self._port.unplug()

    def replug(self) -> None:
        if self._port is not None:
            self._port.plug()

    def _serve(self) -> None:
        """Answer the driver until ``self._stop`` is set."""
        raise NotImplementedError


class Scenario(Protocol):
    def start(self) -> None: ...

    def stop(self) -> None: ...


class SimulatorWithScenario:
    """What an ``on_simulator`` serial driver runs beside itself: the simulator and its scenario.

    :meth:`start` before the driver opens the returned port; :meth:`stop` after it closed.
    """

    def __init__(self, simulator: PtySimulator, new_scenario: Callable[[], Scenario]) -> None:
        self.simulator = simulator
        self._new_scenario = new_scenario
        self._scenario: Scenario | None = None

    def start(self) -> str:
        """Start both (when not running yet); returns the port to open."""
        if not self.simulator.running:
            self.simulator.start()
        if self._scenario is None:
            self._scenario = self._new_scenario()
            self._scenario.start()
        return self.simulator.address

    def stop(self) -> None:
        if self._scenario is not None:
            self._scenario.stop()
            self._scenario = None
        self.simulator.stop()


class OnPtySimulator(Device):
    """Mixin for a real serial driver that runs its simulator beside itself.

    Listed before the driver's class (``class SimulatedX(OnPtySimulator, XDriver)``);
    the subclass sets :attr:`beside`. Opening starts the simulator and points
    the driver's ``port`` setting at it; closing stops both.
    """

    beside: SimulatorWithScenario

    def _open(self) -> None:
        self.settings = self.settings.model_copy(update={"port": self.beside.start()})
        super()._open()  # type: ignore[safe-super]  # the driver class after this mixin

    def _close(self) -> None:
        try:
            super()._close()  # type: ignore[safe-super]  # as in _open
        finally:
            self.beside.stop()


S = TypeVar("S", bound=PtySimulator)


class StandaloneOnPty(Generic[S]):
    """A simulator and its scenario serving on their own (``kiosk simulate KIND``).

    ``address`` is the simulator's pty path. Subclasses make the scenario
    before calling this, so an unknown one is refused before anything starts.
    """

    def __init__(self, simulator: S, scenario: Scenario) -> None:
        self.simulator = simulator
        self._runner = scenario
        simulator.start()
        scenario.start()
        self.address = simulator.address

    def close(self) -> None:
        self._runner.stop()
        self.simulator.stop()
