"""The fingerprint reader as flows use it: capture one finger, or stop waiting for it.

``drivers.fingerprint.reader.FingerprintReader`` is the drivers' common base; this is
the narrower shape a flow depends on.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, runtime_checkable

from drivers.device_interface import ReportsStatus

if TYPE_CHECKING:
    from drivers.fingerprint.model import Capture


@runtime_checkable
class FingerprintSensor(ReportsStatus, Protocol):
    def capture(self, *, timeout_s: float | None = None) -> Capture:
        """Wait for a finger and return its template (the caller wipes it); blocks."""
        ...

    def cancel(self) -> None:
        """End the running capture (it raises OperationCancelled); no-op when idle."""
        ...
