"""Command-line sub-commands that need no Qt.

Each module listed in ``COMMAND_MODULES`` defines ``register(sub)``, which adds
its sub-command(s) to the ``kiosk`` argument parser. ``kiosk.__main__`` adds
the Qt ones (``run``, ``demo``) itself, since it is the only place that wires the UI in.
"""

from __future__ import annotations

COMMAND_MODULES: list[str] = [
    "kiosk.cli.config_cmd",
    "kiosk.cli.devices",
    "kiosk.cli.simulate",
    "kiosk.cli.queue",
    "kiosk.cli.platform_sim",
]
