"""What the technicians' commands share: the configuration they act on, and its data directory."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from kiosk.config.schema import ConfigError, KioskConfig, load_config


def add_common_options(parser: argparse.ArgumentParser) -> None:
    """``--config``, ``--data-dir`` and ``--json``, as every journal and queue tool takes them."""
    parser.add_argument("--config", type=Path, help="site configuration layered over the defaults")
    parser.add_argument("--data-dir", type=Path, help="data directory (default: configuration's)")
    parser.add_argument("--json", action="store_true", help="print JSON")


def add_command(
    sub: argparse._SubParsersAction[argparse.ArgumentParser],
    name: str,
    help: str,
    func: Callable[[argparse.Namespace], int],
) -> argparse.ArgumentParser:
    """A subcommand that takes the common options and runs ``func``; add its own after."""
    parser = sub.add_parser(name, help=help)
    add_common_options(parser)
    parser.set_defaults(func=func)
    return parser


def config_or_none(path: Path | None, command: str) -> KioskConfig | None:
    """The validated configuration, or None after printing why it is not valid."""
    try:
        return load_config(path)
    except ConfigError as exc:
        print(f"kiosk {command}: configuration is not valid:\n{exc}", file=sys.stderr)
        return None


def data_dir(args: argparse.Namespace, config: KioskConfig) -> Path:
    """``--data-dir`` if given, else the configuration's."""
    given: Path | None = getattr(args, "data_dir", None)
    return given if given else config.kiosk.resolved_data_dir()
