"""Simulator of the central platform (contract v1), for tests, demos and technicians.

Start it in a thread with :class:`PlatformSimulator` (``kiosk run`` and ``kiosk
demo`` do so on loopback with ``[platform] simulate = true``), or from the
command line with ``kiosk platform-sim``.
"""

from offline_queue.sim.faults import FaultPlan, FaultSettings
from offline_queue.sim.identity import (
    DEFAULT_PERSONS,
    IdentityRequest,
    NoUsableFace,
    Person,
    PersonNotFound,
    RegistryVerifier,
    SyntheticRegistry,
    VerifyOutcome,
    synthetic_id,
)
from offline_queue.sim.server import PlatformSimulator
from offline_queue.sim.store import ApplicationSettings

__all__ = [
    "DEFAULT_PERSONS",
    "ApplicationSettings",
    "FaultPlan",
    "FaultSettings",
    "IdentityRequest",
    "NoUsableFace",
    "Person",
    "PersonNotFound",
    "PlatformSimulator",
    "RegistryVerifier",
    "SyntheticRegistry",
    "VerifyOutcome",
    "synthetic_id",
]
