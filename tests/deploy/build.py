"""Building the kiosk's wheel from a clean copy of the tracked sources, as a release would."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from tests.deploy.paths import REPO


def tracked_copy(target: Path) -> Path:
    """Copy the files git tracks (plus untracked, not ignored ones) into ``target``."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=REPO,
        capture_output=True,
        check=True,
        timeout=60,
    ).stdout.split(b"\0")
    for raw in filter(None, listed):
        source = REPO / raw.decode()
        dest = target / raw.decode()
        if source.is_symlink():  # kiosk/config/defaults -> ../../config: kept as a link
            dest.parent.mkdir(parents=True, exist_ok=True)
            dest.symlink_to(source.readlink())
            continue
        if not source.is_file():  # deleted in the work tree, not yet committed
            continue
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, dest)
    return target


def build_wheel(tmp: Path) -> Path:
    """The kiosk wheel built from a clean copy of the checkout (no dependencies)."""
    source = tracked_copy(tmp / "src")
    dist = tmp / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(dist), str(source)],
        check=True,
        timeout=300,
    )
    [wheel] = dist.glob("kiosk-*.whl")
    return wheel
