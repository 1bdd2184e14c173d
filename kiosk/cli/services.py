"""``kiosk services [--json]``: every service, whether it can be offered now, and if not why.

For technicians (and tests): the same decision the home screen makes, from the
devices' statuses after they settle and what each service's steps need.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from kiosk.cli.common import config_or_none
from kiosk.cli.devices import _Manager
from kiosk.flow.service_availability import needed_devices, service_availability, step_needs


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser("services", help="which services can be offered now, and why not")
    parser.add_argument("--config", type=Path, help="site configuration layered over the defaults")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.add_argument(
        "--settle", type=float, default=3.0, help="seconds to let devices connect before reporting"
    )
    parser.set_defaults(func=services_command)


def services_command(args: argparse.Namespace) -> int:
    config = config_or_none(args.config, "services")
    if config is None:
        return 2
    needs = step_needs()
    managed = _Manager(config, list(config.devices))
    try:
        statuses = managed.open_and_settle(args.settle)
    finally:
        managed.close()
    availability = service_availability(config.services, statuses, needs)
    rows: list[dict[str, Any]] = []
    for service in config.services:
        av = availability[service.id]
        why = [] if av.enabled_in_config else ["disabled in the catalogue"]
        why += [f"{p.device}: {p.status.state} ({p.status.code})" for p in av.problems]
        rows.append(
            {
                "service": service.id,
                "name": service.name.zh,
                "available": av.available,
                "needs": list(needed_devices(service, needs)),
                "why_not": why,
            }
        )
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        width = max(len(r["service"]) for r in rows)
        for r in rows:
            state = "available" if r["available"] else "NOT AVAILABLE: " + "; ".join(r["why_not"])
            print(f"{r['service'].ljust(width)}  {state}")
    return 0 if all(r["available"] for r in rows) else 1
