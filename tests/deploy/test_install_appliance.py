"""deploy/install-appliance.sh into a scratch root: what it lays down, upgrades, refusals.

The system steps (apt, useradd, udev, sysctl, systemctl on the live system) are skipped
with --skip-system; everything else runs for real: the release's virtualenv is built
from the system Python and the lock file, the site file is checked with it, and every
file is installed with its mode and owner (the account is `nobody` here, as no `kiosk`
user exists on a build machine).
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.deploy.paths import REPO

SCRIPT = REPO / "deploy" / "install-appliance.sh"
SITE = REPO / "config" / "sites" / "example-hall.toml"
USER = "nobody"
GROUP = subprocess.run(["id", "-gn", USER], capture_output=True, text=True).stdout.strip()


def install(root: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(
        ["bash", str(SCRIPT), "--root", str(root), "--skip-system", "--user", USER, *args],
        capture_output=True,
        text=True,
        timeout=900,
    )
    if check:
        assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    return proc


def mode_owner(path: Path) -> tuple[str, str, str]:
    info = path.lstat()
    user = subprocess.run(["id", "-nu", str(info.st_uid)], capture_output=True, text=True)
    group = subprocess.run(["getent", "group", str(info.st_gid)], capture_output=True, text=True)
    return (f"{stat.S_IMODE(info.st_mode):04o}", user.stdout.strip(), group.stdout.split(":")[0])


def releases(root: Path) -> list[str]:
    return sorted(p.name for p in (root / "opt/kiosk/releases").iterdir())


@pytest.fixture(scope="module")
def appliance(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """One first install; the tests below look at it, later ones upgrade it."""
    root = tmp_path_factory.mktemp("root")
    credstore = root / "etc/kiosk/credstore"
    credstore.mkdir(parents=True, mode=0o700)
    key = credstore / "payment-api-key"  # the example site's payment gateway needs its key
    key.write_text("signing-key\n")
    key.chmod(0o600)
    install(root, str(SITE))
    yield root
    shutil.rmtree(root, ignore_errors=True)


def test_dry_run_prints_every_step_and_changes_nothing(tmp_path: Path) -> None:
    root = tmp_path / "root"
    # Every step, the system ones too (no --skip-system), for the default kiosk user.
    proc = subprocess.run(
        ["bash", str(SCRIPT), "--dry-run", "--root", str(root), str(SITE)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert not root.exists()
    text = "\n".join(line for line in proc.stdout.splitlines() if line.startswith("+ "))
    for expected in (
        "apt-get install",
        "useradd --system",
        "/usr/bin/python3 -m venv",
        "--require-hashes",
        "config check",
        "kiosk.service",
        "mask getty@.service autovt@.service",
        "mv -T",
    ):
        assert expected in text, expected


def test_files_modes_and_owners(appliance: Path) -> None:
    r = appliance
    expected = {
        "etc/kiosk": ("0750", "root", GROUP),
        "etc/kiosk/site.toml": ("0640", "root", GROUP),
        "etc/kiosk/credstore": ("0700", "root", "root"),
        "var/lib/kiosk": ("0700", USER, GROUP),
        "var/lib/kiosk/keys": ("0700", USER, GROUP),
        "etc/systemd/system/kiosk.service": ("0644", "root", "root"),
        "etc/systemd/system/kiosk-out-of-service.service": ("0644", "root", "root"),
        "etc/pam.d/kiosk": ("0644", "root", "root"),
        "etc/udev/rules.d/99-kiosk.rules": ("0644", "root", "root"),
        "etc/sysctl.d/90-kiosk.conf": ("0644", "root", "root"),
        "etc/systemd/logind.conf.d/90-kiosk.conf": ("0644", "root", "root"),
        "etc/sudoers.d/kiosk-admin": ("0440", "root", "root"),
        "usr/local/bin/kiosk-admin": ("0755", "root", "root"),
        "usr/local/libexec/kiosk/technician": ("0755", "root", "root"),
        "opt/kiosk/current/share/out-of-service.png": ("0644", "root", "root"),
        "opt/kiosk/current/share/sway-kiosk.conf": ("0644", "root", "root"),
    }
    for rel, want in expected.items():
        assert mode_owner(r / rel) == want, rel
    assert (r / "etc/kiosk/site.toml").read_bytes() == SITE.read_bytes()
    # Nothing in the release is writable by the kiosk user or anyone but root.
    for path in (r / "opt/kiosk/current/").rglob("*"):
        if not path.is_symlink():
            info = path.stat()
            assert info.st_uid == 0 and not info.st_mode & 0o022, path


def test_units_enabled_and_consoles_masked(appliance: Path) -> None:
    system = appliance / "etc/systemd/system"
    assert (system / "graphical.target.wants/kiosk.service").is_symlink()
    assert os.readlink(system / "getty@.service") == "/dev/null"
    assert os.readlink(system / "autovt@.service") == "/dev/null"
    assert os.readlink(system / "default.target").endswith("graphical.target")


def test_release_is_a_runtime_only_install_from_the_system_python(appliance: Path) -> None:
    venv = appliance / "opt/kiosk/current/venv"
    cfg = (venv / "pyvenv.cfg").read_text()
    assert "home = /usr/bin" in cfg
    py = venv / "bin/python"
    listed = subprocess.run(
        [py, "-m", "pip", "list", "--format=json"], capture_output=True, text=True, check=True
    )
    names = {p["name"].lower(): p for p in json.loads(listed.stdout)}
    assert "kiosk" in names and "editable_project_location" not in names["kiosk"]
    for tool in ("pytest", "mypy", "ruff", "hypothesis", "uv"):
        assert tool not in names, tool
    where = subprocess.run(
        [py, "-c", "import kiosk; print(kiosk.__file__)"],
        capture_output=True,
        text=True,
        check=True,
        cwd="/",
    ).stdout.strip()
    assert Path(where).resolve().is_relative_to((appliance / "opt/kiosk/releases").resolve())


def test_upgrade_keeps_data_configuration_and_secrets_then_rolls_back(appliance: Path) -> None:
    r = appliance
    first = releases(r)
    data = r / "var/lib/kiosk/queue.db"
    data.write_bytes(b"queue")
    token = r / "var/lib/kiosk/keys/platform.token"
    token.write_text("token\n")
    token.chmod(0o600)
    site = r / "etc/kiosk/site.toml"
    site.write_text(site.read_text() + "\n# edited on site\n")

    install(r)  # no site file given: the installed one is kept and checked again

    assert data.read_bytes() == b"queue" and token.read_text() == "token\n"
    assert site.read_text().endswith("# edited on site\n")
    assert mode_owner(token)[0] == "0600"
    now = releases(r)
    assert len(now) == 2 and now[0] == first[0]
    assert os.readlink(r / "opt/kiosk/current") == f"releases/{now[1]}"

    install(r, "--rollback")
    assert os.readlink(r / "opt/kiosk/current") == f"releases/{now[0]}"


def test_a_bad_site_file_is_refused_before_anything_changes(
    appliance: Path, tmp_path: Path
) -> None:
    r = appliance
    bad = tmp_path / "site.toml"
    bad.write_text('[devices.printer]\ndriver = "acme-9000"\n')
    site_before = (r / "etc/kiosk/site.toml").read_bytes()
    current_before = os.readlink(r / "opt/kiosk/current")

    proc = install(r, str(bad), check=False)

    assert proc.returncode != 0
    assert "acme-9000" in proc.stderr
    assert (r / "etc/kiosk/site.toml").read_bytes() == site_before
    assert os.readlink(r / "opt/kiosk/current") == current_before
