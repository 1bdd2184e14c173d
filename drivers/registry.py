"""Find drivers by name through the ``kiosk.drivers`` entry-point group.

The project registers its own drivers and simulators in ``pyproject.toml``; a
vendor package adds its own by declaring the same group::

    [project.entry-points."kiosk.drivers"]
    acme-idcard = "acme_kiosk.idcard:AcmeReader"

A driver's settings class may also be declared in the group
``kiosk.driver_settings`` under the same name, pointing at a light module::

    [project.entry-points."kiosk.driver_settings"]
    acme-idcard = "acme_kiosk.idcard_settings:AcmeSettings"

Validating a configuration then imports only that module, not the driver and
its libraries; without it the driver class is loaded for its ``Settings``.

Tests and embedders may also call :func:`register` for in-process classes.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Mapping
from importlib.metadata import EntryPoint, EntryPoints, entry_points
from types import MappingProxyType

from drivers.base import Device, DriverSettings

ENTRY_POINT_GROUP = "kiosk.drivers"
SETTINGS_GROUP = "kiosk.driver_settings"

_extra: dict[str, type[Device]] = {}
_lock = threading.Lock()


class UnknownDriverError(LookupError):
    """No driver of that name is installed."""

    def __init__(self, name: str, known: list[str]) -> None:
        self.name = name
        self.known = known
        listed = ", ".join(known) if known else "none installed"
        super().__init__(f"unknown driver {name!r} (known: {listed})")


class DriverLoadError(ImportError):
    """The driver is registered but its module cannot be imported."""


@functools.cache
def _all_entry_points() -> EntryPoints:
    # One scan of the installed distributions per process: each scan reads
    # every package's metadata (~10 ms), and start-up needs a dozen lookups.
    return entry_points()  # type: ignore[return-value]  # 3.11 gives SelectableGroups; same select()


@functools.cache
def _entry_points(group: str = ENTRY_POINT_GROUP) -> Mapping[str, EntryPoint]:
    # select() walks every entry point of every package: once a group, not per lookup.
    return MappingProxyType({ep.name: ep for ep in _all_entry_points().select(group=group)})


def names() -> list[str]:
    """Every driver name available, sorted."""
    with _lock:
        extra = set(_extra)
    return sorted(set(_entry_points()) | extra)


def register(name: str, cls: type[Device]) -> None:
    """Register an in-process driver class under ``name`` (overrides entry points)."""
    if not (isinstance(cls, type) and issubclass(cls, Device)):
        raise TypeError(f"{cls!r} is not a Device subclass")
    with _lock:
        _extra[name] = cls


def unregister(name: str) -> None:
    with _lock:
        _extra.pop(name, None)


def load(name: str) -> type[Device]:
    """Return the driver class registered as ``name``."""
    with _lock:
        cls = _extra.get(name)
    if cls is not None:
        return cls
    eps = _entry_points()
    ep = eps.get(name)
    if ep is None:
        raise UnknownDriverError(name, names())
    try:
        cls = ep.load()
    except Exception as exc:  # a broken vendor package must name itself
        raise DriverLoadError(f"driver {name!r} ({ep.value}) failed to load: {exc}") from exc
    if not (isinstance(cls, type) and issubclass(cls, Device)):
        raise DriverLoadError(f"driver {name!r} ({ep.value}) is not a Device subclass")
    return cls


def load_settings(name: str) -> type[DriverSettings]:
    """Return the settings class of the driver ``name``, importing as little as possible."""
    with _lock:
        cls = _extra.get(name)
    if cls is not None:
        return cls.Settings
    ep = _entry_points(SETTINGS_GROUP).get(name)
    if ep is None:
        return load(name).Settings
    if name not in _entry_points():
        raise UnknownDriverError(name, names())
    try:
        settings = ep.load()
    except Exception as exc:
        raise DriverLoadError(
            f"driver {name!r} settings ({ep.value}) failed to load: {exc}"
        ) from exc
    if not (isinstance(settings, type) and issubclass(settings, DriverSettings)):
        raise DriverLoadError(f"driver {name!r} settings ({ep.value}) is not a DriverSettings")
    return settings
