"""Carry driver events from device threads to the GUI thread as Qt signals."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from drivers.base import DeviceEvent
from kiosk.devices import DeviceManager


class DeviceBridge(QObject):
    """Re-emits (device name, event) on the thread this object lives in.

    Qt queues a signal emitted from another thread to the receiver's thread,
    so widgets never run on a driver thread.
    """

    event = Signal(str, object)

    def __init__(self, manager: DeviceManager, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._manager = manager
        manager.add_listener(self._on_device_event)

    def _on_device_event(self, name: str, event: DeviceEvent) -> None:
        self.event.emit(name, event)

    def detach(self) -> None:
        self._manager.remove_listener(self._on_device_event)
