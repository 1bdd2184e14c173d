"""Which services can run now, given the devices' status.

A service whose required device is down is shown disabled with the reason;
the others stay usable (degrade, never bail out).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from drivers.base import DeviceStatus
from kiosk.config.schema import Service


@dataclass(frozen=True, slots=True)
class DeviceProblem:
    """A required device that cannot serve; the UI turns it into citizen text."""

    device: str
    status: DeviceStatus


@dataclass(frozen=True, slots=True)
class ServiceAvailability:
    service_id: str
    problems: tuple[DeviceProblem, ...] = ()
    enabled_in_config: bool = True

    @property
    def available(self) -> bool:
        return self.enabled_in_config and not self.problems


def service_availability(
    services: Iterable[Service], statuses: Mapping[str, DeviceStatus]
) -> dict[str, ServiceAvailability]:
    """Availability of each service from the current device statuses."""
    out: dict[str, ServiceAvailability] = {}
    for service in services:
        problems = tuple(
            DeviceProblem(name, statuses[name])
            for name in service.requires
            if name in statuses and not statuses[name].usable
        )
        out[service.id] = ServiceAvailability(service.id, problems, service.enabled)
    return out
