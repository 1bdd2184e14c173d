"""``kiosk pin-hash [--technician ID]``: the line that puts a technician's PIN in a site file.

The PIN is read twice without echo at a terminal, or as one line from stdin
otherwise (scripts). Short and trivial PINs are refused. The output goes under
``[maintenance.technicians]`` in the site file; the PIN itself is never written.
"""

from __future__ import annotations

import argparse
import getpass
import re
import sys
from typing import TextIO

from kiosk.maintenance.pins import hash_pin, pin_problem


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser("pin-hash", help="hash a technician's PIN for the site file")
    parser.add_argument(
        "--technician", help='technician id (2-8 digits): print a whole `"ID" = "hash"` line'
    )
    parser.set_defaults(func=pin_hash_command)


def read_pin(stdin: TextIO) -> str | None:
    """The PIN typed twice at a terminal (None if they differ), or one line from a pipe."""
    if stdin.isatty():
        first = getpass.getpass("technician PIN: ")
        again = getpass.getpass("the same PIN again: ")
        return first if first == again else None
    return stdin.readline(64).strip()


def pin_hash_command(args: argparse.Namespace, stdin: TextIO | None = None) -> int:
    tech = args.technician
    if tech is not None and not re.fullmatch(r"[0-9]{2,8}", tech):
        print("kiosk pin-hash: a technician id is 2 to 8 digits", file=sys.stderr)
        return 2
    pin = read_pin(stdin if stdin is not None else sys.stdin)
    if pin is None:
        print("kiosk pin-hash: the two PINs differ", file=sys.stderr)
        return 2
    problem = pin_problem(pin)
    if problem is not None:
        print(f"kiosk pin-hash: refused: {problem}", file=sys.stderr)
        return 2
    encoded = hash_pin(pin)
    print(f'"{tech}" = "{encoded}"' if tech else encoded)
    return 0
