"""Command-line sub-commands that need no Qt.

Each module listed in ``COMMANDS`` defines ``register(sub)``, which adds its
sub-command(s) to the ``kiosk`` argument parser. ``kiosk.__main__`` adds the Qt
ones (``run``, ``demo``) itself, since it is the only place that wires the UI in.
"""

from __future__ import annotations

#: Sub-command → (module defining ``register(sub)``, one-line help). Only the
#: module of the command being run is imported, so ``kiosk run`` does not pay
#: for the technicians' tools (the queue, the simulators) before its first paint.
COMMANDS: dict[str, tuple[str, str]] = {
    "config": ("kiosk.cli.config_cmd", "work with configuration files"),
    "devices": ("kiosk.cli.devices", "list, test and read devices (technicians)"),
    "services": ("kiosk.cli.services", "which services can be offered now, and why not"),
    "simulate": ("kiosk.cli.simulate", "run a device simulator standalone"),
    "queue": ("kiosk.cli.queue", "offline transaction queue (technicians)"),
    "health": ("kiosk.cli.health", "the running kiosk's health (technicians)"),
    "payments": ("kiosk.cli.payments", "payment journal: fees, refunds, what needs staff"),
    "enrol": ("kiosk.cli.enrol", "write the platform token and create the queue key"),
    "platform-sim": ("kiosk.cli.platform_sim", "run the central-platform simulator (HTTP)"),
    "pin-hash": ("kiosk.cli.pin_hash", "hash a technician's PIN for the site file"),
    "maintenance": ("kiosk.cli.maintenance", "maintenance mode: the audit trail"),
}
