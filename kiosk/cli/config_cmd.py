"""``kiosk config check [FILE]``: validate a configuration without starting.

Besides problems it names what the file selects: the platform (production URL or
the simulator) and the simulated devices. A services catalogue is checked on its own.
Either way a service must declare every device its steps need.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from kiosk.config import simulation
from kiosk.config.schema import ConfigError, Service, is_catalogue, load_catalogue, load_config
from kiosk.flow.service_availability import step_needs, undeclared_needs


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser("config", help="work with configuration files")
    config_sub = parser.add_subparsers(dest="config_command", required=True)
    check = config_sub.add_parser("check", help="validate a site file layered over the defaults")
    check.add_argument(
        "file", nargs="?", type=Path, help="site configuration (default: defaults only)"
    )
    check.set_defaults(func=check_command)


def check_command(args: argparse.Namespace) -> int:
    try:
        if args.file is not None and is_catalogue(args.file):
            catalogue = load_catalogue(args.file)
            if _undeclared(catalogue.services):
                return 2
            print(f"catalogue is valid: {len(catalogue.services)} services")
            return 0
        config = load_config(args.file)
    except ConfigError as exc:
        print("configuration is not valid:", file=sys.stderr)
        for file, key, msg in exc.problems:
            where = f"{file}: {key}" if key else file
            print(f"  {where}: {msg}", file=sys.stderr)
        return 2
    if _undeclared(config.services):
        return 2
    print(
        f"configuration is valid: kiosk {config.kiosk.id}, "
        f"{len(config.devices)} devices, {len(config.services)} services"
    )
    print(simulation.platform_line(config))
    print(simulation.devices_line(config))
    return 0


def _undeclared(services: Sequence[Service]) -> bool:
    """Report services whose ``requires`` misses a device their steps need; True if any."""
    undeclared = undeclared_needs(services, step_needs())
    if undeclared:
        # A catalogue entry that forgets a device its steps need misleads whoever reads it.
        print("configuration is not valid:", file=sys.stderr)
        for service_id, devices in undeclared.items():
            print(
                f"  services: {service_id}: requires misses {', '.join(devices)} "
                "(needed by its steps)",
                file=sys.stderr,
            )
    return bool(undeclared)
