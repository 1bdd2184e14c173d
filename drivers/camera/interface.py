"""The camera as flows use it: the newest frame, or the next one after a given frame."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, runtime_checkable

from drivers.device_interface import ReportsStatus

if TYPE_CHECKING:  # frames carry numpy arrays: not loaded for the type alone
    from drivers.camera.frames import Frame


@runtime_checkable
class Camera(ReportsStatus, Protocol):
    def latest(self) -> Frame | None:
        """The newest frame, without waiting (None before the first one)."""
        ...

    def wait_frame(self, after_seq: int = -1, timeout: float | None = 2.0) -> Frame | None:
        """Wait for a frame newer than ``after_seq``; None on timeout or close."""
        ...
