"""The kiosk as it runs on the appliance: under sway with deploy/sway/kiosk.conf.

sway (Debian 12's 1.7, the appliance's compositor) runs on its headless backend as an
unprivileged user; the kiosk is a wheel installed into a virtualenv built from
/usr/bin/python3, as deploy/install-appliance.sh does. Keys go in through wtype (the
Wayland virtual-keyboard protocol), which sway handles like a physical keyboard: they
pass its key-binding lookup before the app sees them. The negative test below shows
that a binding in the config *is* reached by those chords and caught by the same check.
What the app tells systemd (READY, STATUS, WATCHDOG) arrives on a NOTIFY_SOCKET this
test binds, as systemd's would.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import sysconfig
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.deploy.build import build_wheel
from tests.deploy.paths import REPO

KIOSK_CONF = REPO / "deploy" / "sway" / "kiosk.conf"
NOBODY = 65534
START_TIMEOUT_S = 180.0

#: The chords a citizen might try to leave the kiosk, as wtype arguments.
CHORDS = {
    "Alt+F4": ["-M", "alt", "-k", "F4", "-m", "alt"],
    "Ctrl+Alt+Backspace": ["-M", "ctrl", "-M", "alt", "-k", "BackSpace", "-m", "alt", "-m", "ctrl"],
    "Ctrl+Alt+F2": ["-M", "ctrl", "-M", "alt", "-k", "F2", "-m", "alt", "-m", "ctrl"],
    "Alt+Tab": ["-M", "alt", "-k", "Tab", "-m", "alt"],
    "Super": ["-k", "Super_L"],
    "Ctrl+W": ["-M", "ctrl", "-k", "w", "-m", "ctrl"],
    "Ctrl+Q": ["-M", "ctrl", "-k", "q", "-m", "ctrl"],
}

pytestmark = pytest.mark.skipif(
    sys.platform != "linux", reason="the appliance is Debian: sway, grim and wtype"
)


def _tool(name: str) -> str:
    path = shutil.which(name)
    assert path, f"{name} is missing: apt-get install sway grim wtype (deploy/setup.sh does)"
    return path


def _link_or_copy(src: str, dst: str) -> None:
    try:
        os.link(src, dst)
    except OSError:  # another file system: copy
        shutil.copy2(src, dst)


@pytest.fixture(scope="module")
def install() -> Iterator[Path]:
    """A world-readable install of the kiosk wheel in a venv made from /usr/bin/python3."""
    root = Path(tempfile.mkdtemp(prefix="kiosk-compositor-", dir="/tmp"))
    root.chmod(0o755)
    try:
        venv = root / "venv"
        subprocess.run(["/usr/bin/python3", "-m", "venv", "--without-pip", venv], check=True)
        purelib = Path(
            subprocess.run(
                [
                    venv / "bin" / "python",
                    "-c",
                    "import sysconfig;print(sysconfig.get_path('purelib'))",
                ],
                capture_output=True,
                text=True,
                check=True,
            ).stdout.strip()
        )
        # The third-party libraries of this environment (linked, not downloaded again);
        # the kiosk itself comes from its wheel, never from the source tree.
        ours = Path(sysconfig.get_path("purelib"))
        for entry in ours.iterdir():
            if (
                entry.name.startswith(("__editable__", "kiosk-", "_kiosk"))
                or entry.name == "kiosk.egg-link"
            ):
                continue
            if entry.is_dir():
                shutil.copytree(
                    entry, purelib / entry.name, copy_function=_link_or_copy, symlinks=True
                )
            else:
                _link_or_copy(str(entry), str(purelib / entry.name))
        wheel = build_wheel(root / "build")
        subprocess.run(
            [
                sys.executable,
                "-m",
                "pip",
                "--python",
                venv / "bin" / "python",
                "install",
                "-q",
                "--no-deps",
                "--no-index",
                wheel,
            ],
            check=True,
            timeout=300,
        )
        yield venv
    finally:
        shutil.rmtree(root, ignore_errors=True)


@dataclass
class Session:
    """sway with the kiosk config, its app, and what the app told "systemd"."""

    root: Path
    env: dict[str, str]
    notify: socket.socket
    sway: subprocess.Popen[bytes]
    messages: list[str] = field(default_factory=list)
    last_status: str | None = None

    def _as_user(self) -> dict[str, object]:
        return {"user": NOBODY, "group": NOBODY, "extra_groups": []} if os.geteuid() == 0 else {}

    def run(self, *argv: str | Path) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(a) for a in argv],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=30,
            **self._as_user(),  # type: ignore[call-overload]
        )

    def drain(self, wait_s: float = 0.0) -> list[str]:
        """Notify messages that arrived (waiting up to ``wait_s`` for the first)."""
        got: list[str] = []
        self.notify.settimeout(wait_s if wait_s > 0 else 0.001)
        while True:
            try:
                got.append(self.notify.recv(4096).decode())
            except (TimeoutError, BlockingIOError):
                break
            self.notify.settimeout(0.001)
        self.messages.extend(got)
        for line in (ln for m in got for ln in m.splitlines()):
            if line.startswith("STATUS="):
                self.last_status = line.removeprefix("STATUS=")
        return got

    def wait_for(self, text: str, timeout_s: float) -> None:
        deadline = time.monotonic() + timeout_s
        while not any(text in m for m in self.messages):
            assert self.sway.poll() is None, f"sway exited: {self.log()}"
            assert time.monotonic() < deadline, f"no {text!r} from the app: {self.log()}"
            self.drain(1.0)

    def views(self) -> list[dict[str, object]]:
        import json

        tree = json.loads(self.run(_tool("swaymsg"), "-t", "get_tree").stdout)
        found: list[dict[str, object]] = []

        def walk(node: dict[str, object]) -> None:
            if node.get("pid") and node.get("type") in ("con", "floating_con"):
                found.append(node)
            for key in ("nodes", "floating_nodes"):
                for child in node.get(key, []):  # type: ignore[attr-defined]
                    walk(child)

        walk(tree)
        return found

    def screenshot(self, name: str) -> Path:
        shot = self.root / "run" / name
        proc = self.run(_tool("grim"), shot)
        assert proc.returncode == 0, proc.stderr
        return shot

    def chord(self, argv: list[str]) -> None:
        proc = self.run(_tool("wtype"), *argv)
        assert proc.returncode == 0, proc.stderr

    def log(self) -> str:
        return (self.root / "sway.log").read_text(errors="replace")[-3000:]


def escaped(session: Session) -> list[str]:
    """What shows a chord got out: the compositor or app gone, another client, not home."""
    problems: list[str] = []
    if session.sway.poll() is not None:
        return [f"sway exited ({session.sway.returncode})"]
    views = session.views()
    if [v.get("app_id") for v in views] != ["kiosk"]:
        problems.append(f"clients: {[v.get('app_id') for v in views]}")
    elif views[0].get("fullscreen_mode") != 1:
        problems.append("the kiosk is no longer full screen")
    session.drain(0.5)
    if session.last_status != "home: waiting for a citizen":
        problems.append(f"status: {session.last_status}")
    return problems


@contextmanager
def start_session(venv: Path, extra_config: str = "") -> Iterator[Session]:
    """sway on the headless backend as an unprivileged user, running the installed kiosk."""
    root = Path(tempfile.mkdtemp(prefix="kiosk-sway-", dir="/tmp"))
    root.chmod(0o755)
    owner = NOBODY if os.geteuid() == 0 else os.geteuid()
    for name in ("run", "home", "data"):
        (root / name).mkdir(mode=0o700)
        os.chown(root / name, owner, owner)
    conf = root / "sway.conf"
    conf.write_text(KIOSK_CONF.read_text(encoding="utf-8") + extra_config, encoding="utf-8")
    site = root / "site.toml"
    # Demo platform and devices; no health listener (its default port is fixed).
    site.write_text('[platform]\nsimulate = true\n\n[health]\nlisten = ""\n', encoding="utf-8")
    for path in (conf, site):
        path.chmod(0o644)
    notify = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    notify_path = root / "notify"
    notify.bind(str(notify_path))
    notify_path.chmod(0o666)
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(root / "home"),
        "XDG_RUNTIME_DIR": str(root / "run"),
        "LANG": "C.UTF-8",
        "WLR_BACKENDS": "headless",
        "WLR_LIBINPUT_NO_DEVICES": "1",
        "WLR_RENDERER": "pixman",
        "XDG_SESSION_TYPE": "wayland",
        "QT_QPA_PLATFORM": "wayland",
        "KIOSK_APP": str(venv / "bin" / "kiosk"),
        "KIOSK_SITE": str(site),
        "KIOSK_DATA_DIR": str(root / "data"),
        # As kiosk.service: systemd watches the compositor's PID; the app pings for it.
        "NOTIFY_SOCKET": str(notify_path),
        "WATCHDOG_USEC": "2000000",
        "WATCHDOG_PID": "1",
        "KIOSK_UNDER_COMPOSITOR": "1",
    }
    with (root / "sway.log").open("wb") as log:
        sway = subprocess.Popen(
            [_tool("sway"), "--config", str(conf)],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            **({"user": NOBODY, "group": NOBODY, "extra_groups": []} if os.geteuid() == 0 else {}),  # type: ignore[call-overload]
        )
    session = Session(root, env, notify, sway)
    try:
        session.wait_for("READY=1", START_TIMEOUT_S)
        session.wait_for("WATCHDOG=1", 60)
        sockets = sorted((root / "run").glob("sway-ipc.*.sock"))
        assert sockets, session.log()
        env["SWAYSOCK"] = str(sockets[0])
        env["WAYLAND_DISPLAY"] = "wayland-1"
        yield session
    finally:
        if sway.poll() is None:
            os.killpg(sway.pid, signal.SIGCONT)
            os.killpg(sway.pid, signal.SIGTERM)
            try:
                sway.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(sway.pid, signal.SIGKILL)
                sway.wait(10)
        notify.close()
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="module")
def session(install: Path) -> Iterator[Session]:
    with start_session(install) as running:
        yield running


def test_the_kiosk_is_the_only_client_full_screen_on_its_home_screen(session: Session) -> None:
    from PySide6.QtGui import QImage

    assert escaped(session) == []
    shot = QImage(str(session.screenshot("home.png")))
    assert not shot.isNull() and shot.width() >= 1280 and shot.height() >= 720
    # A real screen: many colours (text, tiles, the top bar), not a blank output.
    colours = {
        shot.pixel(x, y) for x in range(0, shot.width(), 7) for y in range(0, shot.height(), 7)
    }
    assert len(colours) > 20


@pytest.mark.parametrize("chord", list(CHORDS))
def test_no_chord_gets_out(session: Session, chord: str) -> None:
    session.chord(CHORDS[chord])
    time.sleep(0.5)  # let sway and the app handle it before looking
    assert escaped(session) == [], chord
    session.messages.clear()
    session.wait_for("WATCHDOG=1", 30)  # still painting frames after the chord


def test_a_frozen_compositor_stops_the_watchdog_pings(session: Session) -> None:
    """The app pings only after a frame was presented: no frames, no pings, a restart."""
    os.kill(session.sway.pid, signal.SIGSTOP)  # only sway: the app keeps running
    try:
        time.sleep(2.5)  # what was painted before the stop may still ping
        session.drain()
        session.messages.clear()
        time.sleep(6.0)  # three watchdog intervals
        session.drain()
        assert not [m for m in session.messages if "WATCHDOG=1" in m]
        assert session.sway.poll() is None
    finally:
        os.kill(session.sway.pid, signal.SIGCONT)
    session.messages.clear()
    session.wait_for("WATCHDOG=1", 60)


def test_the_check_sees_a_chord_that_gets_out(install: Path) -> None:
    """The same chords and check against a config that binds them: every one is caught."""
    bindings = (
        "\nbindsym Mod1+F4 fullscreen disable\nbindsym Ctrl+Mod1+BackSpace exec swaymsg exit\n"
    )
    with start_session(install, bindings) as leaky:
        leaky.chord(CHORDS["Alt+F4"])
        time.sleep(0.5)
        assert "the kiosk is no longer full screen" in escaped(leaky)
        leaky.chord(CHORDS["Ctrl+Alt+Backspace"])
        leaky.sway.wait(30)
        assert escaped(leaky) == [f"sway exited ({leaky.sway.returncode})"]
