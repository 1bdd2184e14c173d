"""``kiosk devices list|test|read-id``: the technician's view of the devices."""

from __future__ import annotations

import argparse
import json
import sys
import threading
import time
from pathlib import Path
from typing import Any

from drivers.base import Device, DeviceEvent, DeviceStatus, HealthLevel
from kiosk.cli.audit import audited
from kiosk.cli.common import config_or_none
from kiosk.config.schema import KioskConfig

#: Status codes that mean "still coming up": wait for them to settle before reporting.
_SETTLING = {"CONNECTING", "NOT_OPEN"}


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser("devices", help="list, test and read devices (technicians)")
    dev_sub = parser.add_subparsers(dest="devices_command", required=True)

    listing = dev_sub.add_parser("list", help="configured devices and their status")
    _common(listing)
    listing.set_defaults(func=list_command)

    test = dev_sub.add_parser("test", help="external health check of one device or kind")
    test.add_argument("kind", help="device name or kind from the configuration, e.g. idcard")
    test.add_argument(
        "--level",
        choices=[HealthLevel.EXTERNAL.value, HealthLevel.INTERACTIVE.value],
        default=HealthLevel.EXTERNAL.value,
    )
    _common(test)
    test.set_defaults(func=test_command)

    read = dev_sub.add_parser("read-id", help="read one ID card from a reader and print it")
    read.add_argument("--port", required=True, help="serial port of the reader, e.g. /dev/idcard")
    read.add_argument("--json", action="store_true", help="print JSON")
    read.add_argument("--unmasked", action="store_true", help="show name and number in full")
    read.add_argument("--timeout", type=float, default=15.0, help="seconds to wait for a card")
    read.add_argument("--fingerprint", action="store_true", help="read the fingerprint block too")
    read.add_argument(
        "--wlt-decoder", default="", help="photo decoder 'module:Class' ('sim' for the simulator)"
    )
    read.add_argument("--config", type=Path, help="site configuration (not needed)")
    read.set_defaults(func=read_id_command)


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--config", type=Path, help="site configuration layered over the defaults")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.add_argument(
        "--settle", type=float, default=3.0, help="seconds to let devices connect before reporting"
    )


class _Manager:
    """A DeviceManager limited to some devices, with a wait for their statuses to settle."""

    def __init__(self, config: KioskConfig, names: list[str]) -> None:
        from kiosk.devices import DeviceManager

        subset = config.model_copy(update={"devices": {n: config.devices[n] for n in names}})
        self.manager = DeviceManager(subset)
        self._changed = threading.Condition()
        self.manager.add_listener(self._on_event)

    def _on_event(self, name: str, event: DeviceEvent) -> None:
        with self._changed:
            self._changed.notify_all()

    def open_and_settle(self, timeout_s: float) -> dict[str, DeviceStatus]:
        self.manager.open_all()
        deadline = time.monotonic() + timeout_s
        with self._changed:
            while True:
                statuses = self.manager.status()
                remaining = deadline - time.monotonic()
                if remaining <= 0 or not any(s.code in _SETTLING for s in statuses.values()):
                    return statuses
                self._changed.wait(remaining)

    def close(self) -> None:
        self.manager.close_all()


def _row(name: str, driver: str, status: DeviceStatus, device: Device | None) -> dict[str, Any]:
    ident = device.identity if device is not None else None
    return {
        "device": name,
        "driver": driver,
        "kind": device.kind if device is not None else "",
        "state": str(status.state),
        "code": status.code,
        "actor": str(status.actor),
        "usable": status.usable,
        "detail": status.detail,
        "model": ident.model if ident else "",
        "serial": ident.serial if ident else "",
    }


def list_command(args: argparse.Namespace) -> int:
    config = config_or_none(args.config, "devices")
    if config is None:
        return 2
    managed = _Manager(config, list(config.devices))
    try:
        statuses = managed.open_and_settle(args.settle)
        rows = [
            _row(name, config.devices[name].driver, status, managed.manager.get(name))
            for name, status in statuses.items()
        ]
    finally:
        managed.close()
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        _print_table(rows, ["device", "driver", "state", "code", "actor", "model", "detail"])
    return 0 if all(r["usable"] for r in rows) else 1


def _print_table(rows: list[dict[str, Any]], columns: list[str]) -> None:
    widths = {c: max([len(c), *(len(str(r[c])) for r in rows)]) for c in columns}
    print("  ".join(c.upper().ljust(widths[c]) for c in columns).rstrip())
    for r in rows:
        print("  ".join(str(r[c]).ljust(widths[c]) for c in columns).rstrip())


def test_command(args: argparse.Namespace) -> int:
    config = config_or_none(args.config, "devices")
    if config is None:
        return 2
    # The running kiosk holds the ports: it runs the check. Only without one is the device opened.
    answered = _test_in_running_kiosk(config, args.kind, args.level)
    if answered == []:
        print(f"kiosk devices test: the running kiosk has no {args.kind!r}", file=sys.stderr)
        return 2
    if answered is not None:
        return _report(answered, args.json)
    from drivers import registry

    def kind_of(driver: str) -> str:
        try:
            return registry.load(driver).kind
        except Exception:  # an unloadable driver simply does not match by kind
            return ""

    names = [
        name
        for name, dev in config.devices.items()
        if name == args.kind or kind_of(dev.driver) == args.kind
    ]
    if not names:
        known = ", ".join(config.devices)
        print(f"kiosk devices test: no device {args.kind!r} (configured: {known})", file=sys.stderr)
        return 2
    managed = _Manager(config, names)
    results = []
    try:
        statuses = managed.open_and_settle(args.settle)
        for name in names:
            device = managed.manager.get(name)
            if device is None:
                status = statuses[name]
                results.append(
                    {
                        "device": name,
                        "passed": False,
                        "code": status.code,
                        "text": status.detail,
                        "duration_s": 0.0,
                    }
                )
                continue
            result = device.health_check(HealthLevel(args.level))
            results.append(
                {
                    "device": name,
                    "passed": result.passed,
                    "code": result.code,
                    "text": result.text,
                    "duration_s": round(result.duration_s, 3),
                }
            )
    finally:
        managed.close()
    return _report(results, args.json)


def _test_in_running_kiosk(
    config: KioskConfig, target: str, level: str
) -> list[dict[str, Any]] | None:
    """The running kiosk's results for ``target``: None when no kiosk runs, [] when it has none."""
    from kiosk.health.control import KioskNotRunning, ask, socket_path

    path = socket_path(config.kiosk.resolved_data_dir())
    try:
        answer = ask(path, {"op": "test", "device": target, "level": level}, timeout_s=120.0)
    except KioskNotRunning:
        return None
    results = answer.get("results")
    return results if isinstance(results, list) else []


def _report(results: list[dict[str, Any]], as_json: bool) -> int:
    if as_json:
        print(json.dumps(results, ensure_ascii=False, indent=2))
    else:
        for r in results:
            verdict = "PASS" if r["passed"] else "FAIL"
            print(f"{r['device']}: {verdict} [{r['code']}] {r['text']} ({r['duration_s']} s)")
    return 0 if all(r["passed"] for r in results) else 1


# ---------------------------------------------------------------- read-id

_LABELS = {
    "card_type": "证件类型 card type",
    "name": "姓名 name",
    "english_name": "英文姓名 English name",
    "gender": "性别 gender",
    "nation": "民族 nation",
    "nationality": "国籍 nationality",
    "birth_date": "出生 birth date",
    "address": "住址 address",
    "id_number": "号码 number",
    "issuer": "签发机关 issuer",
    "authority_code": "受理机关 authority",
    "card_version": "证件版本 version",
    "valid_from": "有效期起 valid from",
    "valid_to": "有效期止 valid to",
    "photo": "相片 photo",
    "fingerprint": "指纹 fingerprint",
}


@audited("devices read-id")
def read_id_command(args: argparse.Namespace) -> int:
    from drivers.idcard.events import CardRead, CardReadFailed
    from drivers.idcard.sam import SamReader
    from drivers.idcard.settings import SamReaderSettings

    outcome: list[DeviceEvent] = []
    done = threading.Event()

    def on_event(event: DeviceEvent) -> None:
        # "No card" only answers the first request: keep waiting for one to be placed.
        failed = isinstance(event, CardReadFailed) and event.code != "NO_CARD"
        if isinstance(event, CardRead) or failed:
            outcome.append(event)
            done.set()

    reader = SamReader(
        SamReaderSettings(
            port=args.port, wlt_decoder=args.wlt_decoder, read_fingerprint=args.fingerprint
        )
    )
    reader.add_listener(on_event)
    reader.open()
    try:
        if not reader.status.usable:
            status = reader.status
            print(
                f"kiosk devices read-id: reader not usable: [{status.code}] {status.detail}",
                file=sys.stderr,
            )
            return 1
        print(f"reader {reader.identity.serial or args.port}: place a card…", file=sys.stderr)
        reader.request_read()  # a card already lying on the reader is read at once
        if not done.wait(args.timeout):
            print("kiosk devices read-id: no card read before the timeout", file=sys.stderr)
            return 1
    finally:
        reader.close()
    event = outcome[0]
    if isinstance(event, CardReadFailed):
        print(f"kiosk devices read-id: read failed: [{event.code}] {event.detail}", file=sys.stderr)
        return 1
    assert isinstance(event, CardRead)
    card = event.card
    try:
        fields = card.to_dict(unmasked=args.unmasked)
    finally:
        card.wipe()
    if args.json:
        print(json.dumps(fields, ensure_ascii=False, indent=2))
    else:
        width = max(len(label) for label in _LABELS.values())
        for key, label in _LABELS.items():
            if fields.get(key):
                print(f"{label.ljust(width)}  {fields[key]}")
    return 0
