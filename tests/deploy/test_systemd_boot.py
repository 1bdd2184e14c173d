"""kiosk.service as it runs: a real systemd as PID 1 starts, watches and stops the kiosk.

The appliance is staged as the installer lays it down
(``deploy/install-appliance.sh --root STAGE --skip-system --wheel …``; the site file
asks for the in-process demo platform, the defaults put every device on its
simulator). A container is then booted with systemd-nspawn from this machine's /usr
(tests/deploy/nspawn.py), with its own loopback: its /etc is a copy of the host's with
STAGE/etc over it (units, the getty masks, default.target, /etc/kiosk, pam.d/kiosk,
logind), and STAGE/opt/kiosk and STAGE/var/lib/kiosk are bound at their places. A
probe unit (tests/deploy/kiosk_unit_probe.sh) records what systemd reports: the kiosk
started by itself and is ready with "home: waiting for a citizen", sway and the app
run as ``kiosk`` in the unit's control group, the app's watchdog pings arrive,
``systemctl stop`` ends both cleanly; then, killed at every start, the kiosk gives up
after StartLimitBurst and OnFailure= shows the out-of-service page, which
``systemctl reset-failed kiosk && systemctl start kiosk`` replaces.

What the container is given that an appliance has otherwise (container artefacts):

- The ``kiosk`` account and ``kiosk-admin`` group, made by the installer's own
  useradd/groupadd lines into the copied /etc (``--skip-system`` makes none), and
  /etc/kiosk and /var/lib/kiosk given to them, as the installer does when they exist.
- The ``input`` and ``render`` groups (SupplementaryGroups=), which udev's package
  makes: this build machine has no udev, an appliance has (the installer installs it).
- Only the staged units are enabled: what this machine starts at boot (a database,
  printers, monitoring) is left out of the copy.
- The release's scripts name their interpreter by the STAGE path the venv was built
  at; they are pointed at /opt/kiosk/…, where the release is on a kiosk.
- The host's /dev/tty0 and /dev/tty1 are bound in (a container has no VTs), so the
  units' ConditionPathExists=, TTYPath= and StandardInput=tty-fail stay as they are;
  the host's fontconfig cache is bound in, as the volatile root has an empty /var.

The one drop-in, ``test.conf`` for each of the two units, only adds environment:
there is no GPU, display or input device, so sway runs on wlroots' headless backend
(WLR_BACKENDS=headless) with no input devices (WLR_LIBINPUT_NO_DEVICES=1) and the
pixman software renderer (WLR_RENDERER=pixman, no EGL device). Every other line of
the units, the whole lock-down included (User=, PAMName=, Type=notify, WatchdogSec=,
SystemCallFilter=, RestrictNamespaces=, ProtectKernel*=, DevicePolicy=/DeviceAllow=,
MemoryMax=, UMask=, …), is as the installer installed it. A headless sway opens no
seat, so seatd (LIBSEAT_BACKEND=seatd) is not exercised here.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.deploy import nspawn
from tests.deploy.build import build_wheel
from tests.deploy.paths import REPO
from tests.sites import DEMO_PLATFORM

SCRIPT = REPO / "deploy" / "install-appliance.sh"
PROBE = Path(__file__).with_name("kiosk_unit_probe.sh")
HOME_STATUS = "home: waiting for a citizen"
TIMEOUT_STOP_S = 30  # kiosk.service's TimeoutStopSec
BOOT_TIMEOUT_S = 200.0

DROP_IN = """\
# Test only: sway on its headless backend (no GPU, display or input device).
[Service]
Environment=WLR_BACKENDS=headless WLR_LIBINPUT_NO_DEVICES=1 WLR_RENDERER=pixman
"""

PROBE_UNIT = """\
[Unit]
Description=Watch kiosk.service start, ping, stop; then power off
After=multi-user.target

[Service]
Type=simple
ExecStart=/bin/sh /etc/kiosk-unit-probe.sh
StandardOutput=journal
"""

pytestmark = [
    pytest.mark.skipif(
        os.geteuid() != 0, reason="booting a systemd container needs root (CI runs as root)"
    ),
    pytest.mark.skipif(
        nspawn.NSPAWN is None,
        reason="systemd-nspawn is missing: apt-get install systemd-container (deploy/setup.sh)",
    ),
    pytest.mark.timeout(BOOT_TIMEOUT_S + 120),
]


@dataclass
class Boot:
    """What the probe wrote to /out, and the container's console."""

    out: Path
    console: str

    def props(self, name: str) -> dict[str, str]:
        path = self.out / name
        assert path.is_file(), f"the probe wrote no {name}\n{self.tail()}"
        lines = path.read_text(encoding="utf-8").splitlines()
        return dict(line.split("=", 1) for line in lines if "=" in line)

    def processes(self, name: str) -> list[tuple[int, int, str, str]]:
        """(pid, ppid, user, command line) of each process in the unit's control group."""
        found = []
        for line in (self.out / name).read_text(encoding="utf-8").splitlines():
            pid, ppid, user, _unit, args = line.split(None, 4)
            found.append((int(pid), int(ppid), user, args))
        return found

    def journal(self, name: str = "journal-kiosk", lines: int = 60) -> str:
        path = self.out / name
        text = path.read_text(encoding="utf-8", errors="replace") if path.is_file() else ""
        return "\n".join(text.splitlines()[-lines:])

    def tail(self) -> str:
        return (
            f"--- journal -u kiosk\n{self.journal()}\n"
            f"--- journal -u kiosk-out-of-service\n{self.journal('journal-page', 30)}\n"
            f"--- console\n{self.console[-3000:]}"
        )


def run(*argv: str | Path) -> str:
    proc = subprocess.run(
        [str(a) for a in argv], capture_output=True, text=True, timeout=300, check=False
    )
    assert proc.returncode == 0, f"{argv}: {proc.stdout[-3000:]}{proc.stderr[-3000:]}"
    return proc.stdout


def stage_appliance(tmp: Path) -> Path:
    """The installer's work in a scratch root, with the demo site."""
    stage = tmp / "stage"
    site = tmp / "site.toml"
    # Every device on its simulator (the defaults), the platform simulated in process.
    site.write_text(DEMO_PLATFORM, encoding="utf-8")
    wheel = build_wheel(tmp / "build")
    run("bash", SCRIPT, "--root", stage, "--skip-system", "--wheel", wheel, site)
    return stage


def point_scripts_at_opt(stage: Path) -> None:
    """The release's scripts name the python of the STAGE path; on a kiosk it is /opt/kiosk.

    On the shebang line, or in pip's ``/bin/sh`` trampoline when that path is long.
    """
    built = f"{stage}/opt/kiosk/".encode()
    for script in (stage / "opt/kiosk/releases").glob("*/venv/bin/*"):
        if script.is_symlink() or not script.is_file():
            continue
        text = script.read_bytes()
        if text.startswith(b"#!") and built in text:
            script.write_bytes(text.replace(built, b"/opt/kiosk/"))


def container_etc(stage: Path, root: Path) -> Path:
    """The host's /etc, the staged one over it, the accounts the installer would make."""
    etc = nspawn.copy_host_etc(root / "etc")
    # What this build machine starts at boot (databases, printers, monitoring) is not
    # part of the appliance: only the staged units are enabled.
    for wants in (etc / "systemd/system").glob("*.wants"):
        shutil.rmtree(wants)
    shutil.copytree(stage / "etc", etc, symlinks=True, dirs_exist_ok=True)
    # The installer's own account lines (deploy/install-appliance.sh), into the copy.
    run("groupadd", "--prefix", root, "--system", "kiosk-admin")
    run(
        "useradd", "--prefix", root, "--system", "--user-group", "--home-dir", "/nonexistent",
        "--no-create-home", "--shell", "/usr/sbin/nologin", "--comment", "self-service kiosk",
        "kiosk",
    )  # fmt: skip
    groups = (etc / "group").read_text(encoding="utf-8")
    for udev_group in ("input", "render"):  # made by udev's package on the appliance
        if f"\n{udev_group}:" not in f"\n{groups}":
            run("groupadd", "--prefix", root, "--system", udev_group)
    (etc / "kiosk-unit-probe.sh").write_bytes(PROBE.read_bytes())
    for unit in ("kiosk.service", "kiosk-out-of-service.service"):
        drop_in = etc / f"systemd/system/{unit}.d"
        drop_in.mkdir()
        (drop_in / "test.conf").write_text(DROP_IN, encoding="utf-8")
    nspawn.enable(etc, PROBE_UNIT, "kiosk-unit-probe.service")
    return etc


def account(etc: Path, name: str) -> tuple[int, int]:
    for line in (etc / "passwd").read_text(encoding="utf-8").splitlines():
        fields = line.split(":")
        if fields[0] == name:
            return int(fields[2]), int(fields[3])
    raise AssertionError(f"no {name} in {etc / 'passwd'}")


def give_to_kiosk(stage: Path, etc: Path) -> None:
    """What the installer gives the kiosk account when it exists (root owns it here)."""
    uid, gid = account(etc, "kiosk")
    for path in (stage / "var/lib/kiosk", stage / "var/lib/kiosk/keys"):
        os.chown(path, uid, gid)
    for path in (etc / "kiosk", etc / "kiosk/site.toml"):
        os.chown(path, 0, gid)


@pytest.fixture(scope="module")
def boot(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Boot]:
    ttys = [Path("/dev/tty0"), Path("/dev/tty1")]
    assert all(t.exists() for t in ttys), "the container borrows the host's /dev/tty0 and tty1"
    tmp = tmp_path_factory.mktemp("systemd-boot")
    try:
        stage = stage_appliance(tmp)
        point_scripts_at_opt(stage)
        root = tmp / "container"
        etc = container_etc(stage, root)
        give_to_kiosk(stage, etc)
        out = tmp / "out"
        out.mkdir()
        binds = [
            nspawn.Bind(stage / "opt/kiosk", "/opt/kiosk", read_only=True),
            nspawn.Bind(stage / "var/lib/kiosk", "/var/lib/kiosk"),
            nspawn.Bind(out, "/out"),
            *(nspawn.Bind(tty, str(tty)) for tty in ttys),
        ]
        if Path("/var/cache/fontconfig").is_dir():
            binds.append(nspawn.Bind(Path("/var/cache/fontconfig"), "/var/cache/fontconfig", True))
        console = nspawn.boot(etc, binds, BOOT_TIMEOUT_S)
        yield Boot(out, console)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def test_the_probe_saw_everything(boot: Boot) -> None:
    assert (boot.out / "done").is_file(), boot.tail()


def test_the_kiosk_starts_by_itself_and_waits_for_a_citizen(boot: Boot) -> None:
    started = boot.props("started")
    assert started["ConditionResult"] == "yes", boot.tail()
    assert (started["ActiveState"], started["SubState"]) == ("active", "running"), boot.tail()
    assert started["StatusText"] == HOME_STATUS, boot.tail()
    assert started["NRestarts"] == "0", boot.tail()


def test_sway_and_the_app_run_as_the_kiosk_user_in_the_units_control_group(boot: Boot) -> None:
    """In kiosk.service's own control group: where its limits apply and its stop reaches.

    (A logind session from pam_systemd would move both into a session scope.)
    """
    started = boot.props("started")
    procs = boot.processes("processes")
    main = {p[0]: p for p in procs}.get(int(started["MainPID"]))
    assert main and "/usr/bin/sway --config" in main[3], f"{procs}\n{boot.tail()}"
    apps = [p for p in procs if "/opt/kiosk/current/venv/bin/kiosk run" in p[3]]
    assert apps, f"the app is not in kiosk.service: {procs}\n{boot.tail()}"
    assert all(p[2] == "kiosk" for p in procs), procs


def test_the_apps_watchdog_pings_arrive(boot: Boot) -> None:
    started, watched = boot.props("started"), boot.props("watchdog")
    assert watched["WatchdogTimestampMonotonic"] != watched["first_ping"], boot.tail()
    # More than WatchdogSec later, the same sway and no restart.
    assert watched["MainPID"] == started["MainPID"], boot.tail()
    assert (watched["ActiveState"], watched["NRestarts"]) == ("active", "0"), boot.tail()


def test_a_stop_ends_sway_and_the_app_cleanly(boot: Boot) -> None:
    stopped = boot.props("stopped")
    assert stopped["ActiveState"] == "inactive", boot.tail()
    assert stopped["Result"] == "success", boot.tail()
    assert int(stopped["stop_s"]) < TIMEOUT_STOP_S, boot.tail()
    assert stopped["left"] == "0", boot.tail()
    assert stopped["out_of_service_after_stop"] == "inactive", boot.tail()
    journal = boot.journal("journal-kiosk-stop", lines=10_000)
    for bad in ("dumped core", "timed out", "Killing process", "SIGKILL"):
        assert bad not in journal, f"{bad!r} in the journal\n{boot.tail()}"


def test_past_the_start_limit_the_out_of_service_page_shows(boot: Boot) -> None:
    """Killed at every start, it gives up after StartLimitBurst; OnFailure= shows the page."""
    gave_up = boot.props("gave-up")
    assert gave_up["ActiveState"] == "failed", boot.tail()
    # The result stays that of the last failure (signal); the journal names the limit.
    assert "Start request repeated too quickly" in boot.journal(lines=10_000), boot.tail()
    assert int(gave_up["NRestarts"]) >= 9, boot.tail()
    page = boot.props("page")
    assert (page["ActiveState"], page["SubState"]) == ("active", "running"), boot.tail()
    assert page["NRestarts"] == "0", boot.tail()
    procs = boot.processes("page-processes")
    viewers = [p for p in procs if "imv-wayland" in p[3]]
    assert viewers, f"no imv in kiosk-out-of-service.service: {procs}\n{boot.tail()}"
    assert all(p[2] == "kiosk" for p in procs), procs


def test_the_repaired_kiosk_replaces_the_page(boot: Boot) -> None:
    """`systemctl reset-failed kiosk && systemctl start kiosk`, as deploy/README.md says."""
    repaired, page = boot.props("repaired"), boot.props("page-stopped")
    assert repaired["ActiveState"] == "active", boot.tail()
    assert repaired["StatusText"] == HOME_STATUS, boot.tail()
    assert (page["ActiveState"], page["Result"]) == ("inactive", "success"), boot.tail()
