"""Carry driver events from device threads to the GUI thread as Qt signals."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from drivers.base import DeviceEvent
from kiosk.devices import DeviceManager
from ui.gui_post import GuiPoster


class DeviceBridge(QObject):
    """Re-emits (device name, event) on the GUI thread.

    The event is handed over through :class:`GuiPoster` (not a queued signal
    argument) and emitted from the GUI thread, so receivers run there.
    """

    event = Signal(str, object)

    def __init__(self, manager: DeviceManager, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._manager = manager
        self._poster = GuiPoster(self)
        manager.add_listener(self._on_device_event)

    def _on_device_event(self, name: str, event: DeviceEvent) -> None:
        self._poster.post(lambda: self.event.emit(name, event))

    def detach(self) -> None:
        self._manager.remove_listener(self._on_device_event)
