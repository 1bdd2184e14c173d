"""The ``kiosk`` command; the composition root and the one place that wires the UI in."""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from pathlib import Path

from kiosk.cli import COMMANDS
from kiosk.config.panel import panel_size, with_panel
from kiosk.config.schema import ConfigError, KioskConfig, load_config
from kiosk.logs import setup_logging


def _load(path: Path | None) -> KioskConfig:
    try:
        return load_config(path)
    except ConfigError as exc:
        print(f"kiosk: configuration is not valid:\n{exc}", file=sys.stderr)
        raise SystemExit(2) from None


def _has_display() -> bool:
    return bool(
        os.environ.get("DISPLAY")
        or os.environ.get("WAYLAND_DISPLAY")
        or os.environ.get("QT_QPA_PLATFORM")
    )


def run_command(args: argparse.Namespace) -> int:
    config = _load(args.config)
    if not _has_display():
        print(
            "kiosk: no display (DISPLAY/WAYLAND_DISPLAY unset); "
            "use `kiosk demo --out DIR` to see the screens headless",
            file=sys.stderr,
        )
        return 3
    from kiosk.app import KioskCore
    from ui.app import run

    core = KioskCore(config)  # started by the UI once the home screen is up
    core.health.serve()  # /metrics, /health and the control socket of `kiosk health`
    try:
        return run(core, windowed=args.windowed, smoke_test=args.smoke_test)
    finally:
        core.stop()


def demo_command(args: argparse.Namespace) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    config = _load(args.config)
    from kiosk.app import KioskCore
    from ui.demo import DemoOptions, DemoReport, run_demo_report

    if args.maintenance:
        from ui.maintenance.demo import run_maintenance_demo, with_demo_technician

        config = with_demo_technician(config)
    if args.panel is not None:
        config = with_panel(config, args.panel)
    options = DemoOptions(
        sessions=args.sessions,
        language=args.lang,
        # --lang alone means normal type in that language; neither: both vary by visit.
        large_type=True if args.large else (False if args.lang else None),
        service=args.service,
        faults=args.faults,
    )
    core = KioskCore(config)
    report = DemoReport()
    core.start()
    try:
        if args.maintenance:
            report.saved = run_maintenance_demo(core, args.out, report.problems)
        else:
            run_demo_report(core, args.out, options, report)
    finally:
        core.stop()
        print(f"saved {len(report.saved)} screenshots to {args.out}")
        for problem, screen in report.problems.items():
            print(f"  {screen}: {problem}")
        # The last line, whatever happened: what the layout audit saw on every screen.
        print(f"layout audit: {len(report.problems)} problems", flush=True)
    return 0


def _command_of(argv: list[str]) -> str | None:
    """The sub-command named in ``argv`` (None for e.g. ``--help``)."""
    pre = argparse.ArgumentParser(add_help=False)
    pre.add_argument("--log-level")
    _, rest = pre.parse_known_args(argv)
    return rest[0] if rest and not rest[0].startswith("-") else None


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The ``kiosk`` parser; of the technicians' commands only ``command`` is loaded in full."""
    parser = argparse.ArgumentParser(prog="kiosk", description="24-hour self-service kiosk")
    parser.add_argument("--log-level", default=os.environ.get("KIOSK_LOG_LEVEL", "WARNING"))
    sub = parser.add_subparsers(dest="command", required=True)

    run = sub.add_parser("run", help="run the fullscreen kiosk")
    run.add_argument("--config", type=Path, help="site configuration layered over the defaults")
    run.add_argument("--windowed", action="store_true", help="a normal window, for development")
    run.add_argument(
        "--smoke-test",
        action="store_true",
        help="start, wait until the home screen takes input, print 'kiosk ready' and exit",
    )
    run.set_defaults(func=run_command)

    demo = sub.add_parser("demo", help="scripted visits offscreen, saving every screen as PNG")
    demo.add_argument("--config", type=Path, help="site configuration layered over the defaults")
    demo.add_argument("--out", type=Path, required=True, help="folder for the screenshots")
    demo.add_argument("--sessions", type=int, default=1, help="scripted visits per service")
    demo.add_argument("--maintenance", action="store_true", help="walk the technician's screens")
    demo.add_argument("--lang", choices=["zh", "en"], help="every visit in this language")
    demo.add_argument("--large", action="store_true", help="every visit in 长辈版 (large type)")
    demo.add_argument("--service", help="walk only this service (its id in the catalogue)")
    demo.add_argument(
        "--panel",
        type=panel_size,
        metavar="WxH",
        help="the panel's size in pixels, e.g. 1080x1920 (default: [ui] of the configuration)",
    )
    demo.add_argument(
        "--faults",
        action="store_true",
        help="also show faults: paper out mid-slip, camera down, payment declined, "
        "card removed mid-read, platform offline",
    )
    demo.set_defaults(func=demo_command)

    for name, (module, help_text) in COMMANDS.items():
        if name == command:
            importlib.import_module(module).register(sub)
        else:  # listed in --help; loaded only when it is the command being run
            sub.add_parser(name, help=help_text, add_help=False)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = build_parser(_command_of(argv)).parse_args(argv)
    setup_logging(args.log_level.upper())
    return int(args.func(args))


if __name__ == "__main__":
    raise SystemExit(main())
