"""A built wheel is complete: installed elsewhere, it finds its default configuration."""

from __future__ import annotations

import os
import site
import subprocess
import sys
import zipfile
from pathlib import Path

from tests.deploy.build import build_wheel
from ui.illustrations import HERE


def test_wheel_carries_the_defaults_and_checks_them_from_another_folder(tmp_path: Path) -> None:
    wheel = build_wheel(tmp_path)
    names = zipfile.ZipFile(wheel).namelist()
    assert "kiosk/config/defaults/kiosk.toml" in names
    assert "kiosk/config/defaults/services.toml" in names
    assert not any(n.startswith(("tests/", "config/")) for n in names)
    # The pictures of every hardware layout, as the screens find them beside ui/illustrations.
    drawn = {n.removeprefix("ui/illustrations/") for n in names if n.endswith(".svg")}
    assert drawn == {str(p.relative_to(HERE)) for p in HERE.glob("*/*.svg")}

    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    purelib = subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    # The third-party libraries come from this test's environment (appended, so the wheel's
    # own kiosk wins); only the kiosk itself is installed, without its dependencies.
    Path(purelib, "deps.pth").write_text("\n".join(site.getsitepackages()) + "\n")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "-q",
            "--no-deps",
            "--no-index",
            str(wheel),
        ],
        check=True,
        timeout=300,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("KIOSK_CONFIG")}
    env["KIOSK_DATA_DIR"] = str(tmp_path / "data")
    where = subprocess.run(
        [python, "-c", "import kiosk.config.paths as p; print(p.config_dir())"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert where == f"{purelib}/kiosk/config/defaults"
    check = subprocess.run(
        [venv / "bin" / "kiosk", "config", "check"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert check.returncode == 0, check.stderr
    assert "configuration is valid: kiosk KIOSK-DEV-001" in check.stdout
