"""``kiosk run --smoke-test``: the real start-up, in its own process, on the simulators."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.sites import DEMO_PLATFORM


def test_kiosk_starts_shows_home_then_brings_devices_up(tmp_path: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    site = tmp_path / "site.toml"
    site.write_text(DEMO_PLATFORM + '[health]\nlisten = "127.0.0.1:0"\n')  # listener on a free port
    proc = subprocess.run(
        [sys.executable, "-m", "kiosk", "run", "--smoke-test", "--config", str(site)],
        capture_output=True,
        text=True,
        env=env,
        timeout=90,
    )
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    # Interactive first, then the devices and the queue come up behind it.
    assert lines[0] == "kiosk ready"
    assert lines[1].startswith("peak-rss-kib ") and int(lines[1].split()[1]) > 0
    assert lines[2] == "kiosk started"
