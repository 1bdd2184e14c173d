"""The systemd units as systemd itself reads them: valid, locked down, and still able to run sway.

`systemd-analyze verify` and `security --offline` read unit files without a running
systemd, so this runs in any container; without systemd-analyze it fails, never skips
(deploy/setup.sh installs the systemd package).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.deploy.paths import REPO

UNITS_DIR = REPO / "deploy" / "systemd"
UNITS = sorted(UNITS_DIR.glob("*.service"))
MAX_EXPOSURE = 4.0


def analyze() -> str:
    path = shutil.which("systemd-analyze")
    assert path, "systemd-analyze is missing: apt-get install systemd (deploy/setup.sh does)"
    return path


def directives(unit: Path) -> dict[str, list[str]]:
    """Key → every value it is given in the unit (lines continued with \\ joined)."""
    found: dict[str, list[str]] = {}
    text = unit.read_text(encoding="utf-8").replace("\\\n", " ")
    for line in text.splitlines():
        if "=" in line and not line.lstrip().startswith(("#", ";", "[")):
            key, value = line.split("=", 1)
            found.setdefault(key.strip(), []).append(value.strip())
    return found


def test_there_is_the_kiosk_and_its_out_of_service_page() -> None:
    assert {u.name for u in UNITS} >= {"kiosk.service", "kiosk-out-of-service.service"}


def test_every_unit_verifies() -> None:
    proc = subprocess.run(
        [analyze(), "verify", *[u.name for u in UNITS]],
        cwd=UNITS_DIR,
        capture_output=True,
        text=True,
        timeout=120,
    )
    ours = [line for line in proc.stderr.splitlines() if any(u.name in line for u in UNITS)]
    assert proc.returncode == 0 and not ours, proc.stderr


@pytest.mark.parametrize("unit", UNITS, ids=lambda u: u.name)
def test_exposure_is_at_most_4(unit: Path) -> None:
    proc = subprocess.run(
        [analyze(), "security", "--offline=yes", unit.name],
        cwd=UNITS_DIR,
        capture_output=True,
        text=True,
        timeout=120,
    )
    match = re.search(r"Overall exposure level for \S+: (\d+\.\d+)", proc.stdout)
    assert match, proc.stdout + proc.stderr
    assert float(match.group(1)) <= MAX_EXPOSURE, proc.stdout


@pytest.mark.parametrize("unit", UNITS, ids=lambda u: u.name)
def test_the_compositor_can_still_start(unit: Path) -> None:
    """What the lock-down must leave: sway's session on tty1 and a writable runtime dir."""
    d = directives(unit)
    [start] = d["ExecStart"]
    runtime = re.search(r"XDG_RUNTIME_DIR=/run/(\S+)", start)
    assert runtime and runtime.group(1) in d["RuntimeDirectory"]
    config = re.search(r"/usr/bin/sway --config /opt/kiosk/current/share/(\S+)$", start)
    assert config, start
    shipped = {"sway-kiosk.conf": "kiosk.conf", "sway-out-of-service.conf": "out-of-service.conf"}
    assert (REPO / "deploy" / "sway" / shipped[config.group(1)]).is_file()
    assert any("XDG_SESSION_TYPE=wayland" in v for v in d["Environment"])
    assert d["PAMName"] == ["kiosk"] and d["TTYPath"] == ["/dev/tty1"]
    assert (REPO / "deploy" / "pam" / "kiosk").is_file()
    for key in ("TTYReset", "TTYVHangup", "TTYVTDisallocate"):
        assert d[key] == ["yes"], key
    assert d["UtmpIdentifier"] == ["tty1"] and d["StandardInput"] == ["tty-fail"]
    assert "/dev/tty1 rw" in d["DeviceAllow"] and "char-drm rw" in d["DeviceAllow"]
    assert not any("WLR_NO_IDLE" in v for v in d.get("Environment", []))


@pytest.mark.parametrize("unit", UNITS, ids=lambda u: u.name)
def test_stopping_ends_compositor_and_app_together(unit: Path) -> None:
    """sway and its client both stop on SIGTERM; SIGKILL only after TimeoutStopSec."""
    d = directives(unit)
    assert "ExecStop" not in d
    assert d["KillMode"] == ["control-group"] and d["KillSignal"] == ["SIGTERM"]
    assert d["TimeoutStopSec"]


@pytest.mark.parametrize("conf", ["kiosk.conf", "out-of-service.conf"])
def test_the_compositor_has_no_way_out(conf: str) -> None:
    """No key binding in the compositor, and no VT-switch keysym in the keymap."""
    text = (REPO / "deploy" / "sway" / conf).read_text(encoding="utf-8")
    lines = [line.strip() for line in text.splitlines() if not line.lstrip().startswith("#")]
    words = {line.split()[0] for line in lines if line}
    assert not words & {"bindsym", "bindcode", "bindswitch", "bar", "floating_modifier", "mode"}
    assert "input type:keyboard xkb_options srvrkeys:none" in lines
    assert "swaynag_command -" in lines and "xwayland disable" in lines
    assert any(line.startswith("exec ") and "swaymsg exit" in line for line in lines)


def test_the_kiosk_unit_shows_the_page_when_it_gives_up() -> None:
    d = directives(UNITS_DIR / "kiosk.service")
    assert d["OnFailure"] == ["kiosk-out-of-service.service"]
    assert d["Restart"] == ["always"] and d["WatchdogSec"]
    assert d["RestrictAddressFamilies"] == ["AF_UNIX AF_INET AF_INET6 AF_NETLINK"]
    assert d["UMask"] == ["0077"] and d["MemoryMax"]
    page = directives(UNITS_DIR / "kiosk-out-of-service.service")
    assert "kiosk.service" in page["Conflicts"][0]
    shown = (REPO / "deploy" / "sway" / "out-of-service.conf").read_text(encoding="utf-8")
    assert "/opt/kiosk/current/share/out-of-service.png" in shown
    assert (REPO / "deploy" / "out-of-service" / "out-of-service.png").stat().st_size > 1000


def test_no_way_out_files() -> None:
    sysctl = (REPO / "deploy" / "sysctl" / "90-kiosk.conf").read_text()
    assert re.search(r"^kernel\.sysrq\s*=\s*0$", sysctl, re.M)
    logind = (REPO / "deploy" / "logind" / "90-kiosk.conf").read_text()
    assert "[Login]" in logind
    assert re.search(r"^NAutoVTs=0$", logind, re.M) and re.search(r"^ReserveVT=0$", logind, re.M)
    imv = (REPO / "deploy" / "out-of-service" / "imv.conf").read_text()
    assert re.search(r"^suppress_default_binds = true$", imv, re.M)
