"""Open, supervise and close the configured devices."""

from __future__ import annotations

import logging
from collections.abc import Callable

from drivers import registry
from drivers.base import Actor, Device, DeviceEvent, DeviceState, DeviceStatus, StatusChanged
from drivers.listeners import Listeners
from kiosk.config.schema import KioskConfig, driver_settings

log = logging.getLogger(__name__)

#: Called with (device name, event) on the driver's thread.
ManagerListener = Callable[[str, DeviceEvent], None]


class DeviceManager:
    """Owns one driver per configured device.

    A device whose driver fails to open is kept as a failed entry with an
    ERROR status, so the services that need it are disabled with a reason
    while the rest of the kiosk keeps working.
    """

    def __init__(
        self,
        config: KioskConfig,
        load_driver: Callable[[str], type[Device]] = registry.load,
    ) -> None:
        self._config = config
        self._load_driver = load_driver
        self.devices: dict[str, Device] = {}
        self._failed: dict[str, DeviceStatus] = {}
        self._listeners: Listeners[ManagerListener] = Listeners()

    def add_listener(self, listener: ManagerListener) -> None:
        self._listeners.add(listener)

    def remove_listener(self, listener: ManagerListener) -> None:
        self._listeners.remove(listener)

    def _forward(self, name: str) -> Callable[[DeviceEvent], None]:
        def forward(event: DeviceEvent) -> None:
            for listener in self._listeners.snapshot():
                try:
                    listener(name, event)
                except Exception:
                    log.exception("device manager listener failed", extra={"device": name})

        return forward

    def open_all(self) -> None:
        """Instantiate and open every configured device; failures disable, not crash."""
        for name, dev_cfg in self._config.devices.items():
            try:
                cls = self._load_driver(dev_cfg.driver)
                device = cls(driver_settings(self._config, name))
            except Exception as exc:
                self._fail(name, "DRIVER_LOAD_FAILED", f"{type(exc).__name__}: {exc}")
                continue
            device.add_listener(self._forward(name))
            self.devices[name] = device
            try:
                device.open()
            except Exception as exc:
                log.exception("device failed to open", extra={"device": name})
                self._fail(name, "OPEN_FAILED", f"{type(exc).__name__}: {exc}")

    def _fail(self, name: str, code: str, detail: str) -> None:
        status = DeviceStatus(DeviceState.ERROR, code, detail, Actor.TECHNICIAN)
        previous = self.status().get(name, DeviceStatus.closed())
        self._failed[name] = status
        self._forward(name)(StatusChanged(previous, status))

    def close_all(self) -> None:
        for name, device in list(self.devices.items()):
            try:
                device.close()
            except Exception:
                log.exception("device failed to close", extra={"device": name})
        self.devices.clear()

    def status(self) -> dict[str, DeviceStatus]:
        """Current status of every configured device."""
        out: dict[str, DeviceStatus] = {}
        for name in self._config.devices:
            if name in self._failed:
                out[name] = self._failed[name]
            elif name in self.devices:
                out[name] = self.devices[name].status
            else:
                out[name] = DeviceStatus.closed()
        return out

    def get(self, name: str) -> Device | None:
        return self.devices.get(name)
