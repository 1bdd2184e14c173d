"""Which services can run now, given the devices' status.

A service whose required device is down is shown disabled with the reason;
the others stay usable (degrade, never bail out). What a service requires is
what its catalogue entry declares and, above all, what its steps need
(``Step.needs``): a step's device cannot be forgotten in the catalogue.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from drivers.base import Actor, DeviceState, DeviceStatus
from kiosk.config.schema import Service

#: Devices each step kind needs (``Step.needs`` by kind), see :func:`step_needs`.
StepNeeds = Mapping[str, tuple[str, ...]]

#: The status of a device a step needs that is not configured at all.
NOT_CONFIGURED = DeviceStatus(
    DeviceState.CLOSED, "NOT_CONFIGURED", "not configured under [devices]", Actor.CONFIGURATION
)


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


def step_needs() -> dict[str, tuple[str, ...]]:
    """Every registered step kind's devices (imports the step modules: numpy, the face engine)."""
    from kiosk.flow.engine import step_kinds

    return {kind: cls.needs for kind, cls in step_kinds().items()}


def needed_devices(service: Service, needs: StepNeeds) -> tuple[str, ...]:
    """What ``service`` cannot run without: its steps' devices, then any more it declares."""
    out: list[str] = []
    for kind in service.steps:
        out += [d for d in needs.get(kind, ()) if d not in out]
    return tuple(out + [d for d in service.requires if d not in out])


def undeclared_needs(services: Iterable[Service], needs: StepNeeds) -> dict[str, tuple[str, ...]]:
    """Per service, the devices its steps need that its ``requires`` does not list."""
    out: dict[str, tuple[str, ...]] = {}
    for service in services:
        missing = tuple(d for d in needed_devices(service, needs) if d not in service.requires)
        if missing:
            out[service.id] = missing
    return out


def service_availability(
    services: Iterable[Service],
    statuses: Mapping[str, DeviceStatus],
    needs: StepNeeds | None = None,
) -> dict[str, ServiceAvailability]:
    """Availability of each service from the current device statuses.

    ``needs`` (each step kind's devices) defaults to every registered kind's. A
    device a step needs that is not configured at all makes the service unavailable
    too; one only declared and not configured is the configuration check's to report.
    """
    needs = step_needs() if needs is None else needs
    out: dict[str, ServiceAvailability] = {}
    for service in services:
        problems = []
        for name in needed_devices(service, needs):
            status = statuses.get(name)
            if status is None and name not in service.requires:
                problems.append(DeviceProblem(name, NOT_CONFIGURED))
            elif status is not None and not status.usable:
                problems.append(DeviceProblem(name, status))
        out[service.id] = ServiceAvailability(service.id, tuple(problems), service.enabled)
    return out
