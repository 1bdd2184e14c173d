"""Every file shipped under config/ passes `kiosk config check`; broken files get one clear line."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.__main__ import main
from kiosk.config import paths

SHIPPED = sorted((paths.PROJECT_ROOT / "config").rglob("*.toml"))


def test_the_shipped_files_include_the_sites() -> None:
    names = {p.relative_to(paths.PROJECT_ROOT / "config").as_posix() for p in SHIPPED}
    assert {"kiosk.toml", "services.toml", "sites/example-hall.toml"} <= names


@pytest.mark.parametrize("path", SHIPPED, ids=[p.name for p in SHIPPED])
def test_every_shipped_file_is_valid(path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "kiosk", "config", "check", str(path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert " is valid" in proc.stdout


BROKEN = {
    "bad-utf8": b'[kiosk]\nid = "\xff\xfe"\n',
    "not-toml": b"this is not toml\n",
    "wrong-type": b"[ui]\nbody_font_px = [1, 2]\n",
    "wrong-table-type": b'platform = "https://platform.example"\n',
    "catalogue-not-a-name": b"catalogue = 5\n",
    "deep-arrays": b"a = " + b"[" * 5000 + b"]" * 5000 + b"\n",
    "deep-tables": b"a = " + b"{b = " * 400 + b"1" + b"}" * 400 + b"\n",
    "driver-settings-too-deep": b"[devices.idcard.settings]\nx = " + b"[" * 40 + b"]" * 40 + b"\n",
}


@pytest.mark.parametrize("content", BROKEN.values(), ids=BROKEN.keys())
def test_a_broken_file_gives_one_line_naming_it(
    content: bytes, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = tmp_path / "site.toml"
    site.write_bytes(content)
    assert main(["config", "check", str(site)]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err[0] == "configuration is not valid:"
    assert len(err) == 2 and err[1].startswith(f"  {site}: "), err
    assert "Traceback" not in err[1]
