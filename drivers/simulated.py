"""A real driver that makes its own simulator when it opens, and closes it with itself."""

from __future__ import annotations

from typing import Protocol

from drivers.base import Device


class Closable(Protocol):
    def close(self) -> None: ...


class ClosesItsSimulator(Device):
    """Mixin for a driver that sets :attr:`simulator` when it opens (a new one each time).

    Listed before the driver's class (``class SimulatedX(ClosesItsSimulator, XDriver)``):
    closing closes the driver, then the simulator, even when the driver's close fails.
    """

    simulator: Closable | None

    def _close(self) -> None:
        try:
            super()._close()  # type: ignore[safe-super]  # the driver class after this mixin
        finally:
            if self.simulator is not None:
                self.simulator.close()
                self.simulator = None
